package senslab.sobol;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import senslab.function.BatchFunction;

/**
 * A DJL network as a {@link BatchFunction}: each batch goes through the block in one float32 forward pass
 * (inference mode, so BatchNorm uses its running statistics) inside its own NDManager, so native memory
 * stays bounded however many batches run. The network must take {@code [batch, inputs]} and return one
 * value per row ({@code [batch]} or {@code [batch, 1]}); a network with several outputs per row (a classifier's
 * logits, or every stage of a staged network) is a {@link VectorFunction} through {@link #outputs(List)}.
 * It is also a {@link GradientFunction}: one forward and one backward pass (autograd) per batch give each row's
 * value and input gradient, for {@link Dgsm}. In a block of your own that is differentiated, multiply by constants
 * made with {@code senslab.engine.OwnedScalar}, not Java numbers (README, Troubleshooting: DJL frees those early).
 */
public final class DjlModel implements BatchFunction, GradientFunction, AutoCloseable {
    private final Forward forward;
    private final NDManager manager;
    private final Model owned;
    private float[] buffer = new float[0];

    /** A network's forward pass in inference mode; every array it returns is flattened per row into outputs. */
    @FunctionalInterface
    public interface Forward {
        NDList forward(ParameterStore store, NDArray input);
    }

    private DjlModel(Forward forward, NDManager manager, Model owned) {
        this.forward = forward;
        this.manager = manager;
        this.owned = owned;
    }

    /** An initialized DJL block (e.g. a trained network); not closed by {@link #close()}. */
    public static DjlModel of(Block block) {
        if (!block.isInitialized()) {
            throw new IllegalArgumentException("the block is not initialized: initialize or train it first");
        }
        return new DjlModel(forward(block), NDManager.newBaseManager(), null);
    }

    /**
     * A forward pass of one's own whose arrays, each flattened per row and laid side by side, are the outputs:
     * e.g. {@code DjlModel.of((store, x) -> net.network().forwardAll(store, x, false))} gives every stage of a
     * staged network. Its parameters must be initialized.
     */
    public static DjlModel of(Forward forward) {
        return new DjlModel(forward, NDManager.newBaseManager(), null);
    }

    /** A loaded DJL model's block; the model stays the caller's to close. */
    public static DjlModel of(Model model) {
        return new DjlModel(forward(model.getBlock()), model.getNDManager().newSubManager(), null);
    }

    /**
     * The block's inference-mode forward pass, recordable by autograd. A TorchScript module's forward in inference
     * mode runs with gradients off inside PyTorch, and DJL's training mode would switch the module to training
     * (BatchNorm on batch statistics); so a TorchScript module, left in the eval mode it was saved in, is run with
     * recording on.
     */
    private static Forward forward(Block block) {
        if (block instanceof PtSymbolBlock torchScript) {
            return (store, x) -> IValueUtils.forward(torchScript, new NDList(x), true);
        }
        return (store, x) -> block.forward(store, new NDList(x), false);
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
            // trainParam: the weights load as ordinary tensors (not inference tensors), so autograd can use them
            model.load(file, null, java.util.Map.of("trainParam", "true"));
        } catch (IOException e) {
            model.close();
            throw new UncheckedIOException("cannot read TorchScript model " + file + ": " + e.getMessage(), e);
        } catch (MalformedModelException | RuntimeException e) {
            model.close();
            throw new IllegalArgumentException(file + " is not a TorchScript model DJL's PyTorch engine can load: "
                    + e.getMessage(), e);
        }
        return new DjlModel(forward(model.getBlock()), model.getNDManager().newSubManager(), model);
    }

    @Override
    public void evaluate(double[] x, int count, int inputs, double[] y) {
        evaluate(x, count, inputs, 1, y);
    }

    /**
     * The network as a function of {@code names.size()} outputs per row (its forward arrays flattened per row,
     * side by side), for {@link Sobol#run(VectorFunction)}.
     */
    public VectorFunction outputs(List<String> names) {
        int k = names.size();
        return VectorFunction.of(names, (x, count, inputs, y) -> evaluate(x, count, inputs, k, y));
    }

    private synchronized void evaluate(double[] x, int count, int inputs, int outputs, double[] y) {
        try (NDManager batch = manager.newSubManager()) {
            NDArray output = rows(forward.forward(new ParameterStore(batch, false), input(batch, x, count, inputs)),
                    count, outputs);
            float[] values = output.toType(DataType.FLOAT32, false).toFloatArray();
            for (int i = 0; i < count * outputs; i++) {
                y[i] = values[i];
            }
        }
    }

    /** Value and input gradient of each row by autograd: one forward and one backward pass for the batch. */
    @Override
    public synchronized void evaluate(double[] x, int count, int inputs, double[] y, double[] g) {
        try (NDManager batch = manager.newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray input = input(batch, x, count, inputs);
            input.setRequiresGradient(true);
            NDArray output = rows(forward.forward(new ParameterStore(batch, false), input), count, 1);
            collector.backward(output.sum());
            float[] values = output.toType(DataType.FLOAT32, false).toFloatArray();
            float[] gradient = input.getGradient().toFloatArray();
            for (int r = 0; r < count; r++) {
                y[r] = values[r];
            }
            for (int i = 0; i < count * inputs; i++) {
                g[i] = gradient[i];
            }
        }
    }

    private NDArray input(NDManager batch, double[] x, int count, int inputs) {
        int size = count * inputs;
        if (buffer.length < size) {
            buffer = new float[size];
        }
        for (int i = 0; i < size; i++) {
            buffer[i] = (float) x[i];
        }
        return batch.create(java.nio.FloatBuffer.wrap(buffer, 0, size), new Shape(count, inputs));
    }

    /** The forward pass's arrays as one [count, outputs] array, with a clear error when they do not fit. */
    private static NDArray rows(NDList arrays, int count, int outputs) {
        NDList flat = new NDList();
        long total = 0;
        for (NDArray a : arrays) {
            flat.add(a.reshape(count, -1));
            total += a.size();
        }
        if (total != (long) count * outputs) {
            throw new IllegalStateException("the network returned " + arrays.getShapes() + " for " + count
                    + " rows, " + (double) total / count + " values per row; " + (outputs == 1 ? "it must return "
                    + "one value per row ([batch] or [batch, 1]), or use outputs(names) for several"
                    : "outputs(names) was given " + outputs + " names"));
        }
        return flat.size() == 1 ? flat.head() : NDArrays.concat(flat, 1);
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
