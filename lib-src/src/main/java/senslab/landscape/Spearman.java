package senslab.landscape;

import org.hipparchus.stat.correlation.SpearmansCorrelation;

/**
 * Spearman's rank correlation (Hipparchus): Pearson's correlation of the ranks, tied values sharing their average rank.
 */
public final class Spearman {
    private Spearman() {
    }

    /** ρ of two equally long series of finite numbers; NaN when either is constant. */
    public static double rho(double[] a, double[] b) {
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
}
