package senslab.landscape;

import java.util.Arrays;

/** Spearman's rank correlation: Pearson's correlation of the ranks, tied values sharing their average rank. */
public final class Spearman {
    private Spearman() {
    }

    /** ρ of two equally long series of finite numbers; NaN when either is constant. */
    public static double rho(double[] a, double[] b) {
        if (a.length != b.length || a.length < 2) {
            throw new IllegalArgumentException("Spearman's rho needs two series of the same length >= 2, got "
                    + a.length + " and " + b.length);
        }
        return pearson(ranks(a), ranks(b));
    }

    /** Ranks 0 … n−1 of the values, ties getting the mean of the ranks they span. */
    public static double[] ranks(double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                throw new IllegalArgumentException("value " + i + " is NaN; ranks need numbers");
            }
        }
        Integer[] order = new Integer[values.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (p, q) -> Double.compare(values[p], values[q]));
        double[] rank = new double[values.length];
        int first = 0;
        while (first < values.length) {
            int last = first;
            while (last + 1 < values.length && values[order[last + 1]] == values[order[first]]) {
                last++;
            }
            for (int k = first; k <= last; k++) {
                rank[order[k]] = (first + last) / 2.0;
            }
            first = last + 1;
        }
        return rank;
    }

    private static double pearson(double[] a, double[] b) {
        double ma = Arrays.stream(a).sum() / a.length;
        double mb = Arrays.stream(b).sum() / b.length;
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (a[i] - ma) * (b[i] - mb);
            aa += (a[i] - ma) * (a[i] - ma);
            bb += (b[i] - mb) * (b[i] - mb);
        }
        return aa == 0 || bb == 0 ? Double.NaN : ab / Math.sqrt(aa * bb);
    }
}
