package senslab.perturb;

import java.util.Random;
import java.util.stream.IntStream;
import senslab.gradient.InputGradients;
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
 * The finite-difference maps converge to these as δ → 0 (tested on a small convolutional network). The copies of
 * all the call's images go through {@link InputGradients}, the gradient methods' mechanism, in its batches (a class
 * logit costs what saliency costs: one row per image).
 */
public final class FirstOrderSensitivity extends PixelAttribution {
    /** Input values of the rows built at once (copies of a group of images): 1,024 CIFAR images. */
    private static final int ROW_VALUES = 1024 * 3 * 32 * 32;

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

    /** Per label, the gradients of its objective over every copy of every image, a group of images at a time. */
    @Override
    float[][][] maps(Call c) {
        long start = System.nanoTime();
        Images in = c.in();
        int count = in.count();
        int n = in.size();
        long[] targetSizes = targetSizes(c);
        InputGradients gradients = InputGradients.of(net).withBatchSize(run.batchSize()).withProgress(run.progress());
        float[][][] values = new float[count][c.labels()][];
        for (int q = 0; q < c.labels(); q++) {
            int copies = perturbation.difference().copies(targetSizes[q], settings.probes());
            int group = Math.max(1, ROW_VALUES / (copies * n));
            for (int first = 0; first < count; first += group) {
                int images = Math.min(group, count - first);
                Random[] random = new Random[images];
                float[] pixels = new float[images * copies * n];
                for (int i = 0; i < images; i++) {
                    random[i] = new Random(settings.seed() * 1_000_003L + (run.firstImage() + first + i) * 1_009L + q);
                    System.arraycopy(in.tiled(first + i, copies), 0, pixels, i * copies * n, copies * n);
                }
                Images rows = new Images(pixels, images * copies, in.channels(), in.height(), in.width());
                float[] g = gradients.of(rows, IntStream.range(0, images * copies).toArray(),
                        new FirstOrderObjective(c.target(), perturbation.difference(), copies, first, random), q)
                        .gradients();
                for (int i = 0; i < images; i++) {
                    values[first + i][q] = map(c, first + i, g, i * copies, copies);
                }
            }
        }
        run.progress().accept(String.format("gradient mode: %d images, %d maps each, %.1f s", count, c.labels(),
                (System.nanoTime() - start) / 1e9));
        return values;
    }

    /** One image's map over the call's elements, from the gradients of its copies (rows from … from + copies − 1). */
    private float[] map(Call c, int image, float[] gradients, int from, int copies) {
        int n = c.in().size();
        double[] sum = new double[n];
        double[] sumOfSquares = new double[n];
        for (int r = from; r < from + copies; r++) {
            for (int k = 0; k < n; k++) {
                double g = gradients[r * n + k];
                sum[k] += g;
                sumOfSquares[k] += g * g;
            }
        }
        float[] map = perturbation.difference().limit(deltas(c, image), sum, sumOfSquares, copies);
        int[] elements = c.elements();
        float[] values = new float[elements.length];
        for (int e = 0; e < elements.length; e++) {
            values[e] = map[elements[e]];
        }
        return values;
    }
}
