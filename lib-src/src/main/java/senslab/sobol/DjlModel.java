package senslab.sobol;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import senslab.function.BatchFunction;

/**
 * A DJL network as a {@link BatchFunction}: each batch goes through the block in one float32 forward pass
 * (inference mode, so BatchNorm uses its running statistics) inside its own NDManager, so native memory
 * stays bounded however many batches run. The network must take {@code [batch, inputs]} and return one
 * value per row ({@code [batch]} or {@code [batch, 1]}).
 */
public final class DjlModel implements BatchFunction, AutoCloseable {
    private final Block block;
    private final NDManager manager;
    private final Model owned;
    private float[] buffer = new float[0];

    private DjlModel(Block block, NDManager manager, Model owned) {
        this.block = block;
        this.manager = manager;
        this.owned = owned;
    }

    /** An initialized DJL block (e.g. a trained network); not closed by {@link #close()}. */
    public static DjlModel of(Block block) {
        if (!block.isInitialized()) {
            throw new IllegalArgumentException("the block is not initialized: initialize or train it first");
        }
        return new DjlModel(block, NDManager.newBaseManager(), null);
    }

    /** A loaded DJL model's block; the model stays the caller's to close. */
    public static DjlModel of(Model model) {
        return new DjlModel(model.getBlock(), model.getNDManager().newSubManager(), null);
    }

    /**
     * A user's TorchScript file ({@code .pt}, saved with {@code torch.jit.save}) loaded through DJL's PyTorch
     * engine; {@link #close()} releases it.
     */
    public static DjlModel torchScript(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no TorchScript file at " + file.toAbsolutePath());
        }
        Model model = Model.newInstance(file.getFileName().toString(), "PyTorch");
        try {
            model.load(file);
        } catch (IOException e) {
            model.close();
            throw new UncheckedIOException("cannot read TorchScript model " + file + ": " + e.getMessage(), e);
        } catch (MalformedModelException | RuntimeException e) {
            model.close();
            throw new IllegalArgumentException(file + " is not a TorchScript model DJL's PyTorch engine can load: "
                    + e.getMessage(), e);
        }
        return new DjlModel(model.getBlock(), model.getNDManager().newSubManager(), model);
    }

    @Override
    public void evaluate(double[] x, int count, int inputs, double[] y) {
        int size = count * inputs;
        if (buffer.length < size) {
            buffer = new float[size];
        }
        for (int i = 0; i < size; i++) {
            buffer[i] = (float) x[i];
        }
        try (NDManager batch = manager.newSubManager()) {
            NDArray input = batch.create(java.nio.FloatBuffer.wrap(buffer, 0, size), new Shape(count, inputs));
            NDArray output = block.forward(new ParameterStore(batch, false), new NDList(input), false)
                    .singletonOrThrow();
            if (output.size() != count) {
                throw new IllegalStateException("the network returned shape " + output.getShape() + " for "
                        + count + " rows; it must return one value per row ([batch] or [batch, 1])");
            }
            float[] values = output.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
            for (int r = 0; r < count; r++) {
                y[r] = values[r];
            }
        }
    }

    /** One forward pass on rows given as a matrix, for quick checks: one output per row. */
    public double[] predict(double[][] rows) {
        int inputs = rows.length == 0 ? 0 : rows[0].length;
        double[] flat = new double[rows.length * inputs];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * inputs, inputs);
        }
        double[] y = new double[rows.length];
        evaluate(flat, rows.length, inputs, y);
        return y;
    }

    @Override
    public void close() {
        manager.close();
        if (owned != null) {
            owned.close();
        }
    }
}
