package senslab.spark;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import senslab.models.StagedNetwork;
import senslab.function.BatchFunction;
import senslab.sobol.DjlModel;

/**
 * How an executor rebuilds a {@link BatchFunction} to evaluate a Saltelli sample: a TorchScript file, a saved
 * staged network, or any serializable lambda returning a {@link Loaded} model.
 */
@FunctionalInterface
public interface ModelSource extends Serializable {

    /** Builds the model where it runs (an executor); it is closed when the task is done. */
    Loaded open();

    /** A model and what to release after it. */
    record Loaded(BatchFunction model, AutoCloseable resources) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            resources.close();
        }
    }

    /** A TorchScript file ({@link DjlModel#torchScript}) at a path every worker can read. */
    static ModelSource torchScript(Path file) {
        String path = file.toAbsolutePath().normalize().toString();
        if (!Files.isRegularFile(Path.of(path))) {
            throw new IllegalArgumentException("no TorchScript file at " + path);
        }
        return () -> {
            DjlModel model = DjlModel.torchScript(Path.of(path));
            return new Loaded(model, model);
        };
    }

    /** A staged network (taking [rows, inputs], one output per row) rebuilt from {@code source}. */
    static ModelSource network(NetworkSource source) {
        return () -> {
            StagedNetwork net = source.open();
            DjlModel model = DjlModel.of(net.block());
            return new Loaded(model, () -> {
                model.close();
                net.close();
            });
        };
    }
}
