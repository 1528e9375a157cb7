package senslab.robustness;

import java.util.List;
import senslab.metric.Metric;

/**
 * Small noise added to the input to see how much the maps move: uniform in [−r, r] (Yeh et al. 2019) or Gaussian
 * with standard deviation r, independently per value, {@code samples} noisy copies per image, drawn per image from
 * {@code seed} and the image itself.
 *
 * @param gaussian whether the noise is Gaussian (else uniform)
 * @param radius   r, in the network's input units
 * @param samples  noisy copies per image
 * @param seed     fixes the draws
 */
public record InputNoise(boolean gaussian, double radius, int samples, long seed) {

    public InputNoise {
        if (!(radius > 0) || !Double.isFinite(radius)) {
            throw new IllegalArgumentException("the noise radius must be finite and > 0, got " + radius);
        }
        if (samples < 1) {
            throw new IllegalArgumentException("take at least 1 noisy copy per image, got " + samples);
        }
    }

    /** Uniform noise in [−radius, radius]. */
    public static InputNoise uniform(double radius, int samples, long seed) {
        return new InputNoise(false, radius, samples, seed);
    }

    /** Gaussian noise of standard deviation {@code sd}. */
    public static InputNoise gaussian(double sd, int samples, long seed) {
        return new InputNoise(true, sd, samples, seed);
    }

    /**
     * Max-sensitivity and average sensitivity under this noise, as metrics of an evaluation: the method runs once on
     * each noisy copy of a batch, and both combine the same changes.
     */
    public List<Metric> metrics() {
        NoisyMaps copies = new NoisyMaps(this);
        return List.of(new MaxSensitivity(copies), new AverageSensitivity(copies));
    }

    @Override
    public String toString() {
        return (gaussian ? "Gaussian σ = " : "uniform r = ") + radius + ", " + samples + " samples, seed " + seed;
    }
}
