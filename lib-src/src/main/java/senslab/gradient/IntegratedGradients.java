package senslab.gradient;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.stream.IntStream;
import senslab.attribution.AttributionMaps;
import senslab.attribution.Complete;
import senslab.attribution.Target;
import senslab.image.Images;
import senslab.models.StagedNetwork;

/**
 * Integrated Gradients (Sundararajan et al. 2017, "Axiomatic attribution for deep networks"): a_k = (x_k − x0_k)·
 * ∫₀¹ ∂f/∂x_k(x0 + α(x − x0)) dα, from a {@link Baseline} x0, the integral by a {@link PathRule} with
 * {@code steps} points, the path points of many images through the network in the same batches. The maps sum to
 * f(x) − f(x0) up to the integration error; that gap is measured on every call and recorded in the maps
 * ({@link #completeness(AttributionMaps)}).
 *
 * <pre>{@code
 * AttributionMaps maps = IntegratedGradients.of(net).steps(16).rule(PathRule.RIEMANN_MIDDLE)
 *         .baseline(Baseline.blurred(5)).attribute(x, Target.classLogit(3));
 * System.out.println(IntegratedGradients.completeness(maps));
 * }</pre>
 */
public final class IntegratedGradients extends GradientMethod<IntegratedGradients> implements Complete {
    private final IntegratedGradientsSettings settings;

    private IntegratedGradients(InputGradients gradients, IntegratedGradientsSettings settings) {
        super(gradients);
        this.settings = settings;
    }

    /** Integrated Gradients of {@code net} with {@link IntegratedGradientsSettings#DEFAULTS}. */
    public static IntegratedGradients of(StagedNetwork net) {
        return new IntegratedGradients(InputGradients.of(net), IntegratedGradientsSettings.DEFAULTS);
    }

    /** All settings at once. */
    public IntegratedGradients with(IntegratedGradientsSettings value) {
        return new IntegratedGradients(gradients, value);
    }

    /** Where the path starts. */
    public IntegratedGradients baseline(Baseline value) {
        return with(settings.withBaseline(value));
    }

    /** Points on the path (gradients per image). */
    public IntegratedGradients steps(int value) {
        return with(settings.withSteps(value));
    }

    /** How the points are placed and weighed. */
    public IntegratedGradients rule(PathRule value) {
        return with(settings.withRule(value));
    }

    /** The completeness recorded in maps made by this method, with a clear error for other maps. */
    public static Completeness completeness(AttributionMaps maps) {
        if (!(maps.settings() instanceof IntegratedGradientsRun run)) {
            throw new IllegalArgumentException(maps.method() + " maps (" + maps.settings() + ") record no "
                    + "completeness; it is measured on maps made by IntegratedGradients.attribute");
        }
        return run.completeness();
    }

    @Override
    IntegratedGradients with(InputGradients mechanism) {
        return new IntegratedGradients(mechanism, settings);
    }

    @Override
    String method() {
        return "Integrated Gradients";
    }

    @Override
    public IntegratedGradientsSettings settings() {
        return settings;
    }

    /** The path points, the image and its baseline. */
    @Override
    double rowsPerMap() {
        return settings.rule().nodes(settings.steps())[0].length + 2;
    }

    /** The baseline of every image of {@code inputs}: where the path starts, and what completeness is measured from. */
    @Override
    public NDArray baseline(NDArray inputs) {
        return settings.baseline().operator().apply(inputs);
    }

    /** The maps, with the completeness of every image and label recorded in their settings. */
    @Override
    public AttributionMaps attribute(NDArray inputs, Target target) {
        Images in = Images.of(inputs);
        target.checkImages(in.count());
        long start = System.nanoTime();
        Integrated integrated = integrate(in, IntStream.range(0, in.count()).toArray(), target);
        return mapsOf(in, target, new IntegratedGradientsRun(settings, integrated.completeness()),
                integrated.values(), start);
    }

    @Override
    float[][][] maps(Images rows, int[] explains, Target target) {
        return integrate(rows, explains, target).values();
    }

    private record Integrated(float[][][] values, Completeness completeness) {
    }

    /** Per group of images: the path points, then the image, then its baseline (for f(x) and f(x0)), as rows. */
    private Integrated integrate(Images in, int[] explains, Target target) {
        double[][] nodes = settings.rule().nodes(settings.steps());
        int steps = nodes[0].length;
        int perImage = steps + 2;
        int labels = gradients.labels(target).size();
        int n = in.size();
        float[] baselines = settings.baseline().of(in);
        float[][][] values = new float[in.count()][labels][n];
        double[][] atInput = new double[in.count()][labels];
        double[][] atBaseline = new double[in.count()][labels];
        double[][] sums = new double[in.count()][labels];
        int group = imagesPerGroup(in, perImage);
        for (int first = 0; first < in.count(); first += group) {
            int count = Math.min(group, in.count() - first);
            float[] pixels = new float[count * perImage * n];
            int[] rowImages = new int[count * perImage];
            for (int i = 0; i < count; i++) {
                int image = first + i;
                int row = i * perImage;
                for (int k = 0; k < steps; k++) {
                    for (int e = 0; e < n; e++) {
                        float x0 = baselines[image * n + e];
                        pixels[(row + k) * n + e] = (float) (x0 + nodes[0][k] * (in.pixels()[image * n + e] - x0));
                    }
                }
                System.arraycopy(in.pixels(), image * n, pixels, (row + steps) * n, n);
                System.arraycopy(baselines, image * n, pixels, (row + steps + 1) * n, n);
                Arrays.fill(rowImages, row, row + perImage, explains[image]);
            }
            Images rows = new Images(pixels, count * perImage, in.channels(), in.height(), in.width());
            for (int label = 0; label < labels; label++) {
                InputGradients.Rows result = gradients.of(rows, rowImages, target, label);
                for (int i = 0; i < count; i++) {
                    int image = first + i;
                    int row = i * perImage;
                    double[] integral = new double[n];
                    for (int k = 0; k < steps; k++) {
                        for (int e = 0; e < n; e++) {
                            integral[e] += nodes[1][k] * result.gradients()[(row + k) * n + e];
                        }
                    }
                    double sum = 0;
                    for (int e = 0; e < n; e++) {
                        float a = (float) ((in.pixels()[image * n + e] - baselines[image * n + e]) * integral[e]);
                        values[image][label][e] = a;
                        sum += a;
                    }
                    sums[image][label] = sum;
                    atInput[image][label] = result.scores()[row + steps];
                    atBaseline[image][label] = result.scores()[row + steps + 1];
                }
            }
        }
        return new Integrated(values, new Completeness(atInput, atBaseline, sums));
    }
}
