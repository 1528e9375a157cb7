package senslab.perturb;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Random;

/**
 * The gradient mode of {@link PixelSensitivity}: the first-order (δ → 0) limit of its maps, with the same
 * δ per element, from backward passes. What that limit is, and how exactly it is computed, depends on the
 * {@link Difference}:
 * <ul>
 * <li>{@link Difference#OF_NORMS}: δ_k·∂‖B(x)‖₂/∂x_k, exact, from one backward pass per block;</li>
 * <li>{@link Difference#OF_OUTPUTS}: |δ_k|·‖J e_k‖₂ (J = ∂B/∂x). Exact column norms of a Jacobian cost one
 * pass per input element (forward mode or finite differences) or per output element (reverse mode), so
 * this estimates them from K = {@code probes} random projections Jᵀv, v ~ N(0, I), all in one batched
 * backward pass per block (unbiased for s², relative standard deviation about √(1/(2K)) on s). Blocks
 * with at most K outputs are computed exactly (v runs over the standard basis).</li>
 * </ul>
 * The finite-difference maps converge to these as δ → 0 (tested on a small convolutional network).
 */
public final class FirstOrderSensitivity implements Sensitivity {
    private static final int BATCH_BUDGET_MB = 32;

    private final Settings settings;
    private final int probes;
    private final long seed;

    FirstOrderSensitivity(Settings settings, int probes, long seed) {
        if (probes < 1) {
            throw new IllegalArgumentException("probes must be >= 1, got " + probes);
        }
        this.settings = settings;
        this.probes = probes;
        this.seed = seed;
    }

    @Override
    public SensitivityMaps map(NDArray images) {
        Settings s = settings;
        Images in = Images.of(images);
        int n = in.size();
        int[] elements = s.elements(in);
        int[] chosen = s.stageIndices();
        float[][][] values = new float[in.count()][chosen.length][];
        try (NDManager call = images.getManager().newSubManager()) {
            ParameterStore store = s.net().parameterStore();
            long[] outputSizes = s.outputSizes(call, store, in);
            int batch = s.batchSize() > 0 ? s.batchSize() : automaticBatch(outputSizes);
            for (int image = 0; image < in.count(); image++) {
                long start = System.nanoTime();
                float[] deltas = s.deltas(image, n);
                for (int q = 0; q < chosen.length; q++) {
                    int copies = s.difference().copies(outputSizes[chosen[q]], probes);
                    Random random = new Random(seed * 1_000_003L + (s.firstImage() + image) * 1_009L + q);
                    double[] sum = new double[n];
                    double[] sumOfSquares = new double[n];
                    for (int first = 0; first < copies; first += batch) {
                        int rows = Math.min(batch, copies - first);
                        try (NDManager scope = call.newSubManager();
                                GradientCollector collector = call.getEngine().newGradientCollector()) {
                            NDArray x = scope.create(in.tiled(image, rows), in.shape(rows));
                            x.setRequiresGradient(true);
                            NDList outputs = s.net().forwardThrough(store, x, chosen[q], false);
                            collector.backward(s.difference().objective(outputs.get(chosen[q]).reshape(rows, -1),
                                    first, copies, random));
                            float[] gradients = x.getGradient().toFloatArray();
                            for (int r = 0; r < rows; r++) {
                                for (int k = 0; k < n; k++) {
                                    double g = gradients[r * n + k];
                                    sum[k] += g;
                                    sumOfSquares[k] += g * g;
                                }
                            }
                        }
                    }
                    float[] map = s.difference().limit(deltas, sum, sumOfSquares, copies);
                    values[image][q] = new float[elements.length];
                    for (int e = 0; e < elements.length; e++) {
                        values[image][q][e] = map[elements[e]];
                    }
                }
                s.progress().accept(String.format("image %d/%d: first-order maps of %d stages, %.1f s", image + 1,
                        in.count(), chosen.length, (System.nanoTime() - start) / 1e9));
            }
        }
        return s.maps("first order (gradient mode, " + probes + " probes)", in, values);
    }

    /** Copies per backward pass: backward keeps every layer's activations, so a few times the stage outputs. */
    private static int automaticBatch(long[] outputSizes) {
        long bytesPerCopy = 32 * java.util.Arrays.stream(outputSizes).sum();
        return (int) Math.max(1, (BATCH_BUDGET_MB << 20) / bytesPerCopy);
    }
}
