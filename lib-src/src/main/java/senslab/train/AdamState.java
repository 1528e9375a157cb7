package senslab.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Adam (β = 0.9, 0.999, ε = 1e-8, as PyTorch's), with its moment estimates held here so that a checkpoint can save
 * and restore them.
 *
 * <p>The update runs in one pass over each weight, its gradient and its two moments, in pieces small enough to stay
 * in the cache, written straight into the engine's memory, and zeroes the gradient in the same pass. The engine's own
 * fused update (DJL's {@code adamUpdate}) copies the gradient and makes four more temporaries of the weight's size:
 * for VGG-16's 4096 × 4096 layer that is five 67 MB blocks a step, each mapped and faulted in afresh, since glibc
 * keeps no freed block of 32 MB or more, which made the optimizer cost more than half of the forward and backward
 * passes ({@code TrainSpeedBench}). Weights off the CPU keep the engine's update.
 */
final class AdamState implements AutoCloseable {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;
    /** Elements updated together: four arrays of this many floats (256 KB) fit in a core's L2 cache. */
    static final int PIECE = 16_384;
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[4][PIECE]);

    private final List<Parameter> parameters;
    private final NDList means = new NDList();
    private final NDList variances = new NDList();
    private long steps;

    /** Moments for every trainable parameter, kept in {@code manager} (the network's) until {@link #close()}. */
    AdamState(List<Parameter> parameters, NDManager manager) {
        this.parameters = parameters;
        for (Parameter p : parameters) {
            means.add(manager.zeros(p.getArray().getShape(), DataType.FLOAT32, p.getArray().getDevice()));
            variances.add(manager.zeros(p.getArray().getShape(), DataType.FLOAT32, p.getArray().getDevice()));
        }
    }

    long steps() {
        return steps;
    }

    /** One update of every parameter from its gradient, which is then zeroed for the next step. */
    void step(float learningRate, float weightDecay) {
        steps++;
        float corrected = (float) (learningRate * Math.sqrt(1 - Math.pow(BETA2, steps)) / (1 - Math.pow(BETA1, steps)));
        List<Piece> pieces = new ArrayList<>();
        List<NDArray> gradients = new ArrayList<>();
        try {
            for (int i = 0; i < parameters.size(); i++) {
                NDArray weight = parameters.get(i).getArray();
                NDArray gradient = weight.getGradient();
                gradients.add(gradient);
                if (!weight.getDevice().equals(Device.cpu()) || weight.getDataType() != DataType.FLOAT32) {
                    weight.getNDArrayInternal().adamUpdate(new NDList(weight, gradient, means.get(i), variances.get(i)),
                            new NDList(weight), learningRate, corrected, weightDecay, 1f, -1f, BETA1, BETA2, EPSILON,
                            true, false);
                    continue;
                }
                Memory memory = new Memory(view(weight), view(gradient), view(means.get(i)), view(variances.get(i)));
                for (int from = 0; from < weight.size(); from += PIECE) {
                    pieces.add(new Piece(memory, from, (int) Math.min(weight.size(), from + PIECE)));
                }
            }
            IntStream.range(0, pieces.size()).parallel()
                    .forEach(p -> pieces.get(p).update(corrected, weightDecay, SCRATCH.get()));
        } finally {
            gradients.forEach(NDArray::close);
        }
    }

    /** The weight, gradient and moments of one parameter, as views on the engine's memory. */
    private record Memory(FloatBuffer weight, FloatBuffer gradient, FloatBuffer mean, FloatBuffer variance) {
    }

    /** Elements {@code [from, to)} of one parameter. */
    private record Piece(Memory memory, int from, int to) {
        void update(float corrected, float weightDecay, float[][] scratch) {
            int n = to - from;
            float[] w = scratch[0];
            float[] g = scratch[1];
            float[] m = scratch[2];
            float[] v = scratch[3];
            memory.weight.get(from, w, 0, n);
            memory.gradient.get(from, g, 0, n);
            memory.mean.get(from, m, 0, n);
            memory.variance.get(from, v, 0, n);
            // the engine's update, element by element: g + λw; m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
            // w ← w − α̂ m / (√v + ε)
            for (int k = 0; k < n; k++) {
                float gk = g[k] + weightDecay * w[k];
                m[k] = BETA1 * m[k] + (1 - BETA1) * gk;
                v[k] = BETA2 * v[k] + (1 - BETA2) * gk * gk;
                w[k] -= corrected * m[k] / ((float) Math.sqrt(v[k]) + EPSILON);
                g[k] = 0;
            }
            memory.weight.put(from, w, 0, n);
            memory.gradient.put(from, g, 0, n);
            memory.mean.put(from, m, 0, n);
            memory.variance.put(from, v, 0, n);
        }
    }

    /** The array's own memory (not a copy), which the engine hands out for dense arrays on the CPU. */
    private static FloatBuffer view(NDArray array) {
        java.nio.ByteBuffer bytes = array.toByteBuffer(true);
        if (!bytes.isDirect()) {
            throw new IllegalStateException("the engine gave a copy, not a view, of a " + array.getShape()
                    + " parameter or moment: Adam cannot update it in place");
        }
        return bytes.order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** Frees the moments. */
    @Override
    public void close() {
        means.close();
        variances.close();
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
