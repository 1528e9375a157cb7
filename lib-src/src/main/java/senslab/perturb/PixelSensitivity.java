package senslab.perturb;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import senslab.attribution.Outputs;
import senslab.attribution.Target;
import senslab.image.Images;
import senslab.models.StagedNetwork;

/**
 * Local pixel sensitivity by finite differences (paper section 3.1): for every input element k = (c, i, j),
 * s_k = difference(B(x + δ_k·e_k), B(x)) for every vector B the {@link Target} names: a stage's output (the
 * paper's), one channel of it, or a class logit (s = |f_c(x + δe) − f_c(x)|, or |f_c(x + δe)| − |f_c(x)| with
 * {@link Difference#OF_NORMS}).
 *
 * <p>Unlike the authors' loop (one image per forward pass, one pass per pixel, channel and block), the
 * C·H·W perturbed copies of an image (3,072 for CIFAR) go through the network in batches, and one forward
 * pass gives every stage's output, so all stages and channels come from the same passes.
 *
 * <pre>{@code
 * AttributionMaps maps = PixelSensitivity.of(net).delta(Delta.authors(0)).measure(Difference.OF_OUTPUTS)
 *         .attribute(images, Target.stages("block1", "block5"));
 * }</pre>
 *
 * Immutable: every option returns a new configuration, with one value of its {@link FiniteDifferenceSettings}
 * (what the maps record) or of how it runs replaced. Defaults: {@link FiniteDifferenceSettings#DEFAULTS} (δ = 0.1,
 * {@link Difference#OF_OUTPUTS}, channels 0, 1, 2), batches sized to about {@value #BATCH_BUDGET_MB} MB of stage
 * outputs.
 */
public final class PixelSensitivity extends PixelAttribution {
    /**
     * Small enough for a batch's largest activations to stay in cache: 67 copies beat 268 by 1.4× on VGG-16 (our run
     * of 2026-11-23 on the 2-core development machine, glibc; not a bench line: PerturbBench times the default).
     */
    private static final int BATCH_BUDGET_MB = 8;

    private PixelSensitivity(StagedNetwork net, FiniteDifferenceSettings settings, Execution run) {
        super(net, settings, run);
    }

    /** Finite-difference maps of {@code net}, with the defaults above. */
    public static PixelSensitivity of(StagedNetwork net) {
        return new PixelSensitivity(net, FiniteDifferenceSettings.DEFAULTS, Execution.DEFAULTS);
    }

    /** All of δ, difference and channels at once, e.g. settings that travelled to a cluster's executor. */
    public PixelSensitivity with(FiniteDifferenceSettings settings) {
        return new PixelSensitivity(net, settings, run);
    }

    /** The perturbation size: {@link Delta#fixed}, or drawn per element as the authors did. */
    public PixelSensitivity delta(Delta delta) {
        return with(perturbation.withDelta(delta));
    }

    /** The comparison of outputs: {@link Difference#OF_OUTPUTS} or {@link Difference#OF_NORMS}. */
    public PixelSensitivity measure(Difference difference) {
        return with(perturbation.withDifference(difference));
    }

    /** Only these input channels (0 = R, 1 = G, 2 = B), e.g. {@code channels(0)} costs a third of all three. */
    public PixelSensitivity channels(int... channels) {
        return with(perturbation.withChannels(channels));
    }

    /** Perturbed copies per forward pass (0: sized from the stage outputs, about 8 MB of them: 67 for VGG-16). */
    public PixelSensitivity batchSize(int copies) {
        return new PixelSensitivity(net, perturbation, run.withBatchSize(copies));
    }

    /**
     * Receives a line per image (time taken; the gradient mode: a line per call, and every 10 s of a long one), e.g.
     * {@code System.out::println} in a notebook.
     */
    public PixelSensitivity progress(Consumer<String> sink) {
        return new PixelSensitivity(net, perturbation, run.withProgress(Objects.requireNonNull(sink, "sink")));
    }

    /**
     * The index in the whole data set of the first image of each call (default 0), so that a set mapped in
     * pieces (e.g. partitions on Spark) draws the same random δ and probes per image as one call on the whole set.
     */
    public PixelSensitivity firstImage(int index) {
        return new PixelSensitivity(net, perturbation, run.withFirstImage(index));
    }

    /**
     * The gradient mode: the first-order (δ → 0) limit of these maps, from backward passes instead of one
     * forward pass per element; see {@link FirstOrderSensitivity}. {@code probes} bounds the copies per
     * block for {@link Difference#OF_OUTPUTS}; {@code seed} fixes their random directions.
     */
    public FirstOrderSensitivity firstOrder(int probes, long seed) {
        return new FirstOrderSensitivity(net, new GradientModeSettings(perturbation, probes, seed), run);
    }

    /** δ, difference and channels: what the maps record. */
    @Override
    public FiniteDifferenceSettings settings() {
        return perturbation;
    }

    @Override
    String method() {
        return "finite differences";
    }

    /** Image by image, a line of progress each. */
    @Override
    float[][][] maps(Call c) {
        int last = c.target().deepestStage(net.stageNames());
        int batch = run.batchSize() > 0 ? run.batchSize() : automaticBatch(c, last);
        int count = c.in().count();
        float[][][] values = new float[count][][];
        for (int image = 0; image < count; image++) {
            long start = System.nanoTime();
            values[image] = maps(c, last, batch, image, deltas(c, image));
            run.progress().accept(String.format("image %d/%d: %d perturbed copies, %d maps, %.1f s", image + 1, count,
                    c.elements().length, c.labels(), (System.nanoTime() - start) / 1e9));
        }
        return values;
    }

    /** One image's maps: its perturbed copies in batches, row 0 of each batch the image itself. */
    private float[][] maps(Call c, int last, int batch, int image, float[] deltas) {
        Images in = c.in();
        Target target = c.target();
        int n = in.size();
        int[] elements = c.elements();
        int labels = c.labels();
        float[][] values = new float[labels][elements.length];
        for (int first = 0; first < elements.length; first += batch) {
            int copies = Math.min(batch, elements.length - first);
            try (NDManager batchScope = c.manager().newSubManager()) {
                // row 0 is x itself: the base goes through the same kernels, in the same pass, as the
                // perturbed rows, so outputs the perturbation cannot reach cancel exactly
                float[] rows = in.tiled(image, copies + 1);
                for (int r = 0; r < copies; r++) {
                    int k = elements[first + r];
                    rows[(r + 1) * n + k] += deltas[k];
                }
                Outputs outputs = forward(c.store(), batchScope.create(rows, in.shape(copies + 1)), last);
                int[] ofImage = Target.copiesOf(image, copies + 1);
                for (int q = 0; q < labels; q++) {
                    NDArray out = target.vector(outputs, q, ofImage);
                    float[] diff = perturbation.difference().between(out.get("1:"), out.get("0:1")).toFloatArray();
                    System.arraycopy(diff, 0, values[q], first, copies);
                }
            }
        }
        return values;
    }

    /** Copies per pass from the stage outputs of one image, about {@value #BATCH_BUDGET_MB} MB of them. */
    private int automaticBatch(Call c, int last) {
        long bytesPerCopy = 4 * Arrays.stream(outputSizes(c, last)).sum();
        return (int) Math.max(1, BATCH_BUDGET_MB * (1L << 20) / Math.max(1, bytesPerCopy));
    }
}
