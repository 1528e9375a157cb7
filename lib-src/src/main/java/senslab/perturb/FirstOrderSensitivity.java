package senslab.perturb;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.Random;
import senslab.attribution.Outputs;
import senslab.attribution.Target;
import senslab.image.Images;
import senslab.models.StagedNetwork;

/**
 * The gradient mode of {@link PixelSensitivity}: the first-order (δ → 0) limit of its maps, with the same
 * δ per element, from backward passes, for every {@link Target} (B below is the vector it names: a stage's
 * output, a channel of it, or the class logit f_c). What that limit is, and how exactly it is computed,
 * depends on the {@link Difference}:
 * <ul>
 * <li>{@link Difference#OF_NORMS}: δ_k·∂‖B(x)‖₂/∂x_k, exact, from one backward pass per block;</li>
 * <li>{@link Difference#OF_OUTPUTS}: |δ_k|·‖J e_k‖₂ (J = ∂B/∂x). Exact column norms of a Jacobian cost one
 * pass per input element (forward mode or finite differences) or per output element (reverse mode), so
 * this estimates them from K = {@code probes} random projections Jᵀv, v ~ N(0, I), all in one batched
 * backward pass per block (unbiased for s², relative standard deviation about √(1/(2K)) on s). Blocks
 * with at most K outputs are computed exactly (v runs over the standard basis): a class logit
 * gives |δ_k|·|∂f_c/∂x_k| from one backward pass.</li>
 * </ul>
 * The finite-difference maps converge to these as δ → 0 (tested on a small convolutional network).
 */
public final class FirstOrderSensitivity extends PixelAttribution {
    private static final int BATCH_BUDGET_MB = 32;

    private final GradientModeSettings settings;

    FirstOrderSensitivity(StagedNetwork net, GradientModeSettings settings, Execution run) {
        super(net, settings.perturbation(), run);
        this.settings = settings;
    }

    /** The perturbation, probes and seed: what the maps record. */
    @Override
    public GradientModeSettings settings() {
        return settings;
    }

    @Override
    String method() {
        return "gradient mode";
    }

    @Override
    String work(Call c) {
        return c.labels() + " first-order maps";
    }

    @Override
    ImageMaps prepare(Call c) {
        long[] targetSizes = targetSizes(c);
        int batch = run.batchSize() > 0 ? run.batchSize()
                : automaticBatch(outputSizes(c, c.target().deepestStage(net.stageNames())));
        return (image, deltas) -> maps(c, targetSizes, batch, image, deltas);
    }

    /** One image's maps: per label, the gradients of its objective over all copies, in batches. */
    private float[][] maps(Call c, long[] targetSizes, int batch, int image, float[] deltas) {
        Images in = c.in();
        Target target = c.target();
        NDManager call = c.manager();
        Difference difference = perturbation.difference();
        int n = in.size();
        int[] elements = c.elements();
        float[][] values = new float[c.labels()][];
        for (int q = 0; q < c.labels(); q++) {
            int stage = stageOf(target, q);
            int copies = difference.copies(targetSizes[q], settings.probes());
            Random random = new Random(settings.seed() * 1_000_003L + (run.firstImage() + image) * 1_009L + q);
            double[] sum = new double[n];
            double[] sumOfSquares = new double[n];
            for (int first = 0; first < copies; first += batch) {
                int rows = Math.min(batch, copies - first);
                try (NDManager scope = call.newSubManager();
                        GradientCollector collector = call.getEngine().newGradientCollector()) {
                    NDArray x = scope.create(in.tiled(image, rows), in.shape(rows));
                    x.setRequiresGradient(true);
                    Outputs outputs = forward(c.store(), x, stage);
                    collector.backward(difference.objective(target.vector(outputs, q, Target.copiesOf(image, rows)),
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
            float[] map = difference.limit(deltas, sum, sumOfSquares, copies);
            values[q] = new float[elements.length];
            for (int e = 0; e < elements.length; e++) {
                values[q][e] = map[elements[e]];
            }
        }
        return values;
    }

    /** Copies per backward pass: backward keeps every layer's activations, so a few times the stage outputs. */
    private static int automaticBatch(long[] outputSizes) {
        long bytesPerCopy = 32 * Arrays.stream(outputSizes).sum();
        return (int) Math.max(1, (BATCH_BUDGET_MB << 20) / bytesPerCopy);
    }
}
