package senslab.stats;

import java.util.Comparator;

/** Ranks 1 … n of values, as a leaderboard gives them: ties share the better rank (1, 2, 2, 4). */
public final class Ranks {
    private Ranks() {
    }

    /** Rank 1 for the lowest value ({@code ascending}) or for the highest. */
    public static int[] of(double[] values, boolean ascending) {
        Comparator<Double> order = ascending ? Comparator.naturalOrder() : Comparator.reverseOrder();
        int[] ranks = new int[values.length];
        for (int m = 0; m < values.length; m++) {
            int better = 0;
            for (double other : values) {
                better += order.compare(other, values[m]) < 0 ? 1 : 0;
            }
            ranks[m] = better + 1;
        }
        return ranks;
    }
}
