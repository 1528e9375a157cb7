package senslab.sobol;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Whether a sample size was enough for the ranking an estimator shows, in one line. The ranking shown is the
 * order of the inputs whose interval excludes 0 (the others are reported as indistinguishable from 0). N is enough
 * when every two neighbours in that order have separate intervals and the order already held at N/2; otherwise the
 * line names the pair that is not resolved and, since intervals shrink as 1/√N, about how many times N would
 * separate it at its present gap.
 */
final class Verdict {
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
        String ranking = shown.stream().map(inputs::get).collect(Collectors.joining(" > "));
        for (int p = 0; p + 1 < shown.size(); p++) {
            int a = shown.get(p);
            int b = shown.get(p + 1);
            if (v[a] - conf[a] <= v[b] + conf[b]) {
                double gap = v[a] - v[b];
                String more = gap <= 0 ? "they may be tied" : String.format(Locale.ROOT,
                        "about %s× N would separate them at this gap", times(Math.pow((conf[a] + conf[b]) / gap, 2)));
                return String.format(Locale.ROOT, "%s is not enough to rank %s against %s by %s (%.3g ± %.2g vs "
                        + "%.3g ± %.2g): %s", size, inputs.get(a), inputs.get(b), measure, v[a], conf[a], v[b],
                        conf[b], more);
            }
        }
        int since = sizes.length - 1;
        while (since > 0 && sameOrder(shown, history[since - 1])) {
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

    /** Whether the inputs {@code shown} come in the same order by {@code values}. */
    private static boolean sameOrder(List<Integer> shown, double[] values) {
        List<Integer> sorted = new ArrayList<>(shown);
        sorted.sort((a, b) -> Double.compare(values[b], values[a]));
        return sorted.equals(shown);
    }

    private static String times(double factor) {
        return factor >= 100 ? "more than 100" : String.format(Locale.ROOT, "%.0f", Math.max(2, Math.ceil(factor)));
    }
}
