package senslab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Adam (β = 0.9, 0.999, ε = 1e-8, as PyTorch's), updating each weight in place through the engine's fused
 * update, with its moment estimates held here so that a checkpoint can save and restore them.
 */
final class AdamState {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final List<Parameter> parameters;
    private final NDList means = new NDList();
    private final NDList variances = new NDList();
    private long steps;

    /** Moments for every trainable parameter, kept in {@code manager} (the network's). */
    AdamState(List<Parameter> parameters, NDManager manager) {
        this.parameters = parameters;
        for (Parameter p : parameters) {
            means.add(manager.zeros(p.getArray().getShape()));
            variances.add(manager.zeros(p.getArray().getShape()));
        }
    }

    long steps() {
        return steps;
    }

    /** One update of every parameter from its gradient, which is then zeroed for the next step. */
    void step(float learningRate, float weightDecay) {
        steps++;
        float corrected = (float) (learningRate * Math.sqrt(1 - Math.pow(BETA2, steps)) / (1 - Math.pow(BETA1, steps)));
        for (int i = 0; i < parameters.size(); i++) {
            NDArray weight = parameters.get(i).getArray();
            try (NDArray gradient = weight.getGradient()) {
                weight.getNDArrayInternal().adamUpdate(new NDList(weight, gradient, means.get(i), variances.get(i)),
                        new NDList(weight), learningRate, corrected, weightDecay, 1f, -1f, BETA1, BETA2, EPSILON, true,
                        false);
                gradient.subi(gradient);
            }
        }
    }

    void save(Path file) {
        try {
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial))) {
                NDList all = new NDList(means.size() * 2);
                all.addAll(means);
                all.addAll(variances);
                all.add(means.head().getManager().create(new long[] {steps}));
                out.write(all.encode());
                all.get(all.size() - 1).close();
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the optimizer state to " + file + ": " + e.getMessage(), e);
        }
    }

    void load(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            NDManager manager = means.head().getManager();
            NDList all = NDList.decode(manager, in);
            if (all.size() != 2 * means.size() + 1) {
                throw new IllegalArgumentException(file + " holds the optimizer state of another network");
            }
            for (int i = 0; i < means.size(); i++) {
                means.get(i).close();
                variances.get(i).close();
                means.set(i, all.get(i));
                variances.set(i, all.get(means.size() + i));
            }
            steps = all.get(all.size() - 1).getLong(0);
            all.get(all.size() - 1).close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the optimizer state in " + file + ": " + e.getMessage(), e);
        }
    }
}
