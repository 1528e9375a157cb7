package senslab.attribution;

import java.util.Arrays;

/** Correlations for comparing maps: Pearson (linear) and Spearman (of ranks, ties get their average rank). */
public final class Correlation {
    private Correlation() {
    }

    /** Pearson's linear correlation of two arrays of the same length (at least 2). */
    public static double pearson(float[] a, float[] b) {
        if (a.length != b.length || a.length < 2) {
            throw new IllegalArgumentException("need two arrays of the same length >= 2, got " + a.length + " and "
                    + b.length);
        }
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    /** Spearman's rank correlation: Pearson's of the ranks, tied values sharing their average rank. */
    public static double spearman(float[] a, float[] b) {
        return pearson(ranks(a), ranks(b));
    }

    private static float[] ranks(float[] v) {
        Integer[] order = new Integer[v.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (x, y) -> Float.compare(v[x], v[y]));
        float[] rank = new float[v.length];
        for (int i = 0; i < v.length;) {
            int j = i;
            while (j + 1 < v.length && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            for (int k = i; k <= j; k++) {
                rank[order[k]] = (i + j) / 2f;
            }
            i = j + 1;
        }
        return rank;
    }
}
