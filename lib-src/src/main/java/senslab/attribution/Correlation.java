package senslab.attribution;

import org.hipparchus.stat.correlation.PearsonsCorrelation;
import org.hipparchus.stat.correlation.SpearmansCorrelation;

/**
 * Correlations for comparing maps (Hipparchus): Pearson (linear) and Spearman (of ranks, ties get their average rank).
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
