package senslab.gradient;

import java.util.Arrays;
import java.util.Objects;
import java.util.Random;
import senslab.attribution.Target;
import senslab.image.Images;

/**
 * A noise tunnel around any gradient method of this package (Captum's {@code NoiseTunnel}): the wrapped method's
 * maps of {@code samples} noisy copies x + ε, ε ~ N(0, (σ·(x_max − x_min))²), combined per element by an
 * {@link Aggregation}: SmoothGrad (Smilkov et al. 2017), SmoothGrad² or VarGrad. The copies of many images go
 * through the network in the same batches. Noise is drawn from the seed and the image's place in the call, so
 * the same call gives the same maps.
 *
 * <pre>{@code
 * AttributionMaps maps = NoiseTunnel.smoothGrad(Saliency.of(net)).samples(50).sigma(0.15)
 *         .attribute(x, Target.classLogit(3));
 * }</pre>
 */
public final class NoiseTunnel extends GradientMethod<NoiseTunnel> {
    private final GradientMethod<?> wrapped;
    private final NoiseTunnelSettings settings;

    private NoiseTunnel(InputGradients gradients, GradientMethod<?> wrapped, NoiseTunnelSettings settings) {
        super(gradients);
        this.wrapped = Objects.requireNonNull(wrapped, "wrapped");
        this.settings = settings;
    }

    /** {@code aggregation} of {@code method}'s maps over 50 copies, σ = 0.15 of the range, seed 0. */
    public static NoiseTunnel of(GradientMethod<?> method, Aggregation aggregation) {
        return new NoiseTunnel(method.gradients, method,
                new NoiseTunnelSettings(aggregation, 50, 0.15, 0, method.settings()));
    }

    /** SmoothGrad: the mean of the noisy copies' maps. */
    public static NoiseTunnel smoothGrad(GradientMethod<?> method) {
        return of(method, Aggregation.SMOOTHGRAD);
    }

    /** SmoothGrad²: the mean of their squares. */
    public static NoiseTunnel smoothGradSquared(GradientMethod<?> method) {
        return of(method, Aggregation.SMOOTHGRAD_SQUARED);
    }

    /** VarGrad: their variance. */
    public static NoiseTunnel varGrad(GradientMethod<?> method) {
        return of(method, Aggregation.VARGRAD);
    }

    /** Every noisy copy is a row of the wrapped method. */
    @Override
    double rowsPerMap() {
        return settings.samples() * wrapped.rowsPerMap();
    }

    /** Noisy copies per image. */
    public NoiseTunnel samples(int value) {
        return new NoiseTunnel(gradients, wrapped, settings.withSamples(value));
    }

    /** The noise's standard deviation as a fraction of each image's range (Smilkov et al.: 0.1 to 0.2). */
    public NoiseTunnel sigma(double value) {
        return new NoiseTunnel(gradients, wrapped, settings.withSigma(value));
    }

    /** The seed of the noise. */
    public NoiseTunnel seed(long value) {
        return new NoiseTunnel(gradients, wrapped, settings.withSeed(value));
    }

    @Override
    NoiseTunnel with(InputGradients mechanism) {
        return new NoiseTunnel(mechanism, wrapped, settings);
    }

    @Override
    String method() {
        return settings.aggregation() + " of " + wrapped.method();
    }

    @Override
    public NoiseTunnelSettings settings() {
        return settings;
    }

    @Override
    float[][][] maps(Images in, int[] explains, Target target) {
        GradientMethod<?> method = wrapped.with(gradients);
        int samples = settings.samples();
        int n = in.size();
        int labels = gradients.labels(target).size();
        float[][][] values = new float[in.count()][labels][n];
        int group = imagesPerGroup(in, samples);
        for (int first = 0; first < in.count(); first += group) {
            int count = Math.min(group, in.count() - first);
            Images noisy = copies(in, first, count, samples);
            int[] rowImages = new int[count * samples];
            for (int i = 0; i < count; i++) {
                addNoise(noisy.pixels(), i * samples * n, samples * n, first + i);
                Arrays.fill(rowImages, i * samples, (i + 1) * samples, explains[first + i]);
            }
            float[][][] rowMaps = method.maps(noisy, rowImages, target);
            for (int i = 0; i < count; i++) {
                for (int label = 0; label < labels; label++) {
                    double[] sum = new double[n];
                    double[] sumOfSquares = new double[n];
                    for (int s = 0; s < samples; s++) {
                        float[] map = rowMaps[i * samples + s][label];
                        for (int e = 0; e < n; e++) {
                            sum[e] += map[e];
                            sumOfSquares[e] += (double) map[e] * map[e];
                        }
                    }
                    for (int e = 0; e < n; e++) {
                        values[first + i][label][e] = (float) settings.aggregation().of(sum[e], sumOfSquares[e],
                                samples);
                    }
                }
            }
        }
        return values;
    }

    /** Adds the noise of image {@code image} of the call to its copies, {@code length} values from {@code from}. */
    private void addNoise(float[] pixels, int from, int length, int image) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int e = from; e < from + length; e++) {
            min = Math.min(min, pixels[e]);
            max = Math.max(max, pixels[e]);
        }
        double sd = settings.sigma() * (max - min);
        Random random = new Random(settings.seed() * 1_000_003L + image);
        for (int e = from; e < from + length; e++) {
            pixels[e] += (float) (sd * random.nextGaussian());
        }
    }
}
