package senslab.stats;

import java.util.Arrays;
import org.hipparchus.distribution.continuous.TDistribution;

/**
 * A sample summarized (e.g. a metric over images): its size, mean and standard deviation, and the half-width of a
 * confidence interval for the mean from Student's t (Hipparchus).
 *
 * @param n    the sample size
 * @param mean the sample mean
 * @param sd   the sample standard deviation (n − 1 in the denominator); NaN for one value
 */
public record Summary(long n, double mean, double sd) {

    /** The summary of {@code values}. */
    public static Summary of(double[] values) {
        double mean = Arrays.stream(values).average().orElse(Double.NaN);
        double sd = Math.sqrt(Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / (values.length - 1));
        return new Summary(values.length, mean, sd);
    }

    /** h such that mean ± h is the {@code confidence} interval (e.g. 0.95) of the mean; NaN for one value. */
    public double halfWidth(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must lie strictly between 0 and 1, e.g. 0.95, not "
                    + confidence);
        }
        return n > 1 && Double.isFinite(sd)
                ? new TDistribution(n - 1).inverseCumulativeProbability(0.5 + confidence / 2) * sd / Math.sqrt(n)
                : Double.NaN;
    }
}
