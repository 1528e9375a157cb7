package senslab.sobol;

import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Whether a sample size was enough for the ranking an estimator shows, in one line. The ranking shown is the
 * order of the inputs whose interval excludes 0 (the others are reported as indistinguishable from 0). N is enough
 * when every two neighbours in that order have separate intervals and the order already held at N/2; two whose gap
 * only more than 100× N would resolve are shown as tied (≈); otherwise the line names the pair that is not resolved
 * and, since intervals shrink as 1/√N, about how many times N would separate it at its present gap.
 */
final class Verdict {
    /** Neighbours that only more than this many times N would separate count as tied. */
    private static final double TIE = 100;
    private Verdict() {
    }

    /**
     * @param history point values per size (ascending sizes), one per input; the last row is at the full N
     * @param conf half-widths of the intervals at the full N
     */
    static String of(List<String> inputs, int[] sizes, double[][] history, double[] conf, String measure) {
        double[] v = history[history.length - 1];
        int n = sizes[sizes.length - 1];
        List<Integer> shown = order(v).stream().filter(i -> v[i] - conf[i] > 0).toList();
        String size = String.format(Locale.ROOT, "N = %,d", n);
        int negligible = inputs.size() - shown.size();
        String rest = negligible == 0 ? "" : String.format(Locale.ROOT, "; %d input%s indistinguishable from 0",
                negligible, negligible == 1 ? "" : "s");
        if (shown.isEmpty()) {
            return size + ": no input's " + measure + " is distinguishable from 0 (constant output, or too few points)";
        }
        StringBuilder ranking = new StringBuilder(inputs.get(shown.get(0)));
        int[] group = new int[shown.size()];
        for (int p = 0; p + 1 < shown.size(); p++) {
            int a = shown.get(p);
            int b = shown.get(p + 1);
            double gap = v[a] - v[b];
            double factor = Math.pow((conf[a] + conf[b]) / gap, 2);
            // a gap that 100 × N would not resolve is a tie, shown as such rather than asked of N
            boolean tied = gap <= 0 || factor > TIE;
            ranking.append(tied ? " ≈ " : " > ").append(inputs.get(b));
            group[p + 1] = group[p] + (tied ? 0 : 1);
            if (!tied && v[a] - conf[a] <= v[b] + conf[b]) {
                String more = String.format(Locale.ROOT, "about %.0f× N would separate them at this gap",
                        Math.max(2, Math.ceil(factor)));
                return String.format(Locale.ROOT, "%s is not enough to rank %s against %s by %s (%.3g ± %.2g vs "
                        + "%.3g ± %.2g): %s", size, inputs.get(a), inputs.get(b), measure, v[a], conf[a], v[b],
                        conf[b], more);
            }
        }
        int since = sizes.length - 1;
        while (since > 0 && sameOrder(shown, group, history[since - 1])) {
            since--;
        }
        if (sizes.length > 1 && since == sizes.length - 1) {
            return String.format(Locale.ROOT, "%s: the intervals separate (%s%s) but the order changed since N = %,d; "
                    + "double N to confirm it", size, ranking, rest, sizes[since - 1]);
        }
        return String.format(Locale.ROOT, "%s is enough for the ranking by %s: %s%s; neighbours' intervals separate "
                + "and the order has held since N = %,d", size, measure, ranking, rest, sizes[since]);
    }

    /** Input indices by decreasing value. */
    private static List<Integer> order(double[] v) {
        return IntStream.range(0, v.length).boxed().sorted((a, b) -> Double.compare(v[b], v[a])).toList();
    }

    /** Whether every input {@code shown} in a higher tie group than another also comes above it by {@code values}. */
    private static boolean sameOrder(List<Integer> shown, int[] group, double[] values) {
        for (int p = 0; p < shown.size(); p++) {
            for (int q = p + 1; q < shown.size(); q++) {
                if (group[p] != group[q] && !(values[shown.get(p)] > values[shown.get(q)])) {
                    return false;
                }
            }
        }
        return true;
    }

}
