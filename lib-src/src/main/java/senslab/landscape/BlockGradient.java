package senslab.landscape;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import senslab.models.DiabetesNet;

/**
 * The input gradient of a DJL block (a network built here, e.g. the diabetes network of notebook 01, or a
 * TorchScript file) by autograd, in float32 and inference mode: one forward and one backward pass per call.
 * The collector switches PyTorch's grad mode on for the calling thread, which may be any (a notebook cell
 * runs on its own). The block must map {@code [rows, inputs]} to one value per row.
 */
public final class BlockGradient implements InputGradient, AutoCloseable {
    private final Block block;
    private final Model owned;

    private BlockGradient(Block block, Model owned) {
        this.block = block;
        this.owned = owned;
    }

    /** An initialized (e.g. trained) block; {@link #close()} leaves it alone. */
    public static BlockGradient of(Block block) {
        if (!block.isInitialized()) {
            throw new IllegalArgumentException("the block is not initialized: initialize or train it first");
        }
        return new BlockGradient(block, null);
    }

    /** The diabetes network of notebook 01 (probability of diabetes against the raw features). */
    public static BlockGradient of(DiabetesNet net) {
        return of(net.block());
    }

    /** A TorchScript file ({@code torch.jit.save}), loaded through DJL's PyTorch engine; close to release it. */
    public static BlockGradient torchScript(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no TorchScript file at " + file.toAbsolutePath());
        }
        Model model = Model.newInstance(file.getFileName().toString(), "PyTorch");
        try {
            // trainParam: load the weights as ordinary tensors (not inference tensors), so autograd can use them;
            // the module stays in the eval mode it was saved in
            model.load(file, null, java.util.Map.of("trainParam", "true"));
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new IllegalArgumentException("cannot load " + file + " as TorchScript (" + e.getMessage()
                    + "); export it with torch.jit.trace(model.eval(), example).save(path)", e);
        }
        return new BlockGradient(model.getBlock(), model);
    }

    @Override
    public double[][] inputGradient(double[][] rows) {
        int n = rows.length;
        int d = n == 0 ? 0 : rows[0].length;
        float[] flat = new float[n * d];
        for (int r = 0; r < n; r++) {
            if (rows[r].length != d) {
                throw new IllegalArgumentException("row " + r + " has " + rows[r].length + " values, row 0 has " + d);
            }
            for (int j = 0; j < d; j++) {
                flat[r * d + j] = (float) rows[r][j];
            }
        }
        float[] g;
        try (NDManager scope = NDManager.newBaseManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray x = scope.create(flat, new Shape(n, d));
            x.setRequiresGradient(true);
            NDArray y = forward(scope, x).singletonOrThrow();
            if (y.size() != n) {
                throw new IllegalArgumentException("the network returned shape " + y.getShape() + " for " + n
                        + " rows; it must return one value per row ([rows] or [rows, 1])");
            }
            collector.backward(y.sum());
            g = x.getGradient().toFloatArray();
        }
        double[][] out = new double[n][d];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < d; j++) {
                out[r][j] = g[r * d + j];
            }
        }
        return out;
    }

    /**
     * Inference-mode forward pass that autograd records. A TorchScript module's forward in inference mode
     * runs with gradients off inside PyTorch, and asking DJL's block for training mode would switch the
     * module to training (BatchNorm on batch statistics, running statistics updated); so the module, left in
     * eval mode, is run with recording on.
     */
    private NDList forward(NDManager scope, NDArray x) {
        if (block instanceof PtSymbolBlock torchScript) {
            return IValueUtils.forward(torchScript, new NDList(x), true);
        }
        return block.forward(new ParameterStore(scope, false), new NDList(x), false);
    }

    @Override
    public void close() {
        if (owned != null) {
            owned.close();
        }
    }
}
