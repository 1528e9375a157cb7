package senslab.gradient;

import java.util.Objects;
import senslab.attribution.MethodSettings;

/**
 * What noise-tunnel maps are made with: how the maps of the noisy copies are combined, how many copies, the noise's
 * standard deviation as a fraction of each image's range (max − min, Smilkov et al.'s σ/(x_max − x_min)), the seed
 * of the noise, and the settings of the wrapped method.
 */
public record NoiseTunnelSettings(Aggregation aggregation, int samples, double sigma, long seed,
        MethodSettings wrapped) implements MethodSettings {

    public NoiseTunnelSettings {
        Objects.requireNonNull(aggregation, "aggregation");
        Objects.requireNonNull(wrapped, "wrapped");
        if (samples < 1) {
            throw new IllegalArgumentException("a noise tunnel needs at least 1 noisy sample per image, got "
                    + samples);
        }
        if (!(sigma >= 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("noise sigma must be a finite fraction >= 0 of the input range (e.g. "
                    + "0.15), got " + sigma);
        }
    }

    public NoiseTunnelSettings withAggregation(Aggregation value) {
        return new NoiseTunnelSettings(value, samples, sigma, seed, wrapped);
    }

    public NoiseTunnelSettings withSamples(int value) {
        return new NoiseTunnelSettings(aggregation, value, sigma, seed, wrapped);
    }

    public NoiseTunnelSettings withSigma(double value) {
        return new NoiseTunnelSettings(aggregation, samples, value, seed, wrapped);
    }

    public NoiseTunnelSettings withSeed(long value) {
        return new NoiseTunnelSettings(aggregation, samples, sigma, value, wrapped);
    }

    @Override
    public String toString() {
        return aggregation + ", " + samples + " samples, σ = " + sigma + " of the range, seed " + seed + " (" + wrapped
                + ")";
    }
}
