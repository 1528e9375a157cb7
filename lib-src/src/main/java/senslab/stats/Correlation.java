package senslab.stats;

import org.hipparchus.stat.correlation.PearsonsCorrelation;
import org.hipparchus.stat.correlation.SpearmansCorrelation;

/**
 * Correlations (Hipparchus): Pearson's (linear) and Spearman's (of ranks, tied values sharing their average rank),
 * for maps (float) and for series of numbers (double).
 */
public final class Correlation {
    private Correlation() {
    }

    /** Pearson's linear correlation of two arrays of the same length (at least 2); NaN when either is constant. */
    public static double pearson(float[] a, float[] b) {
        return new PearsonsCorrelation().correlation(widened(a, b), widened(b, a));
    }

    /** Spearman's rank correlation: Pearson's of the ranks, tied values sharing their average rank. */
    public static double spearman(float[] a, float[] b) {
        return new SpearmansCorrelation().correlation(widened(a, b), widened(b, a));
    }

    /** Spearman's ρ of two equally long series of numbers (no NaN); NaN when either is constant. */
    public static double spearman(double[] a, double[] b) {
        if (a.length != b.length || a.length < 2) {
            throw new IllegalArgumentException("Spearman's rho needs two series of the same length >= 2, got "
                    + a.length + " and " + b.length);
        }
        requireNumbers(a);
        requireNumbers(b);
        return new SpearmansCorrelation().correlation(a, b);
    }

    private static void requireNumbers(double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                throw new IllegalArgumentException("value " + i + " is NaN; ranks need numbers");
            }
        }
    }

    private static double[] widened(float[] values, float[] other) {
        if (values.length != other.length || values.length < 2) {
            throw new IllegalArgumentException("need two arrays of the same length >= 2, got " + values.length
                    + " and " + other.length);
        }
        double[] wide = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            wide[i] = values[i];
        }
        return wide;
    }
}
