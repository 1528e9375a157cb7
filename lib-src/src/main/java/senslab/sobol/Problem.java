package senslab.sobol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a Sobol analysis varies: named inputs, each uniform on its own bounds, and optionally groups of
 * inputs whose joint (grouped) indices are wanted instead of one index per input (SALib's {@code problem}
 * dictionary with {@code names}, {@code bounds} and {@code groups}).
 *
 * <pre>{@code
 * Problem p = Problem.builder().input("x1", -Math.PI, Math.PI).input("x2", -Math.PI, Math.PI).build();
 * }</pre>
 *
 * Serializable, to travel with a {@link SaltelliSample}.
 */
public final class Problem implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final List<String> names;
    private final double[] low;
    private final double[] high;
    /** For each input, the index of its factor (its group, or itself when there are no groups). */
    private final int[] factorOfInput;
    private final List<String> factorNames;

    private Problem(List<String> names, double[] low, double[] high, List<String> groups) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a problem needs at least one input");
        }
        if (low.length != names.size() || high.length != names.size()) {
            throw new IllegalArgumentException("there are " + names.size() + " input names but "
                    + low.length + " lower and " + high.length + " upper bounds; give one pair per input");
        }
        if (names.stream().distinct().count() != names.size()) {
            throw new IllegalArgumentException("input names must be distinct: " + names);
        }
        for (int i = 0; i < low.length; i++) {
            if (!Double.isFinite(low[i]) || !Double.isFinite(high[i]) || low[i] >= high[i]) {
                throw new IllegalArgumentException("input '" + names.get(i) + "' has bounds [" + low[i] + ", "
                        + high[i] + "]: the lower bound must be finite and below the finite upper bound");
            }
        }
        this.names = List.copyOf(names);
        this.low = low.clone();
        this.high = high.clone();
        this.factorOfInput = new int[names.size()];
        if (groups == null) {
            this.factorNames = this.names;
            Arrays.setAll(factorOfInput, i -> i);
        } else {
            if (groups.size() != names.size()) {
                throw new IllegalArgumentException("there are " + names.size() + " inputs but " + groups.size()
                        + " group labels; give every input the name of its group");
            }
            Map<String, Integer> index = new LinkedHashMap<>();
            for (int i = 0; i < groups.size(); i++) {
                factorOfInput[i] = index.computeIfAbsent(groups.get(i), g -> index.size());
            }
            this.factorNames = List.copyOf(index.keySet());
        }
    }

    /** A problem from parallel arrays of names and bounds. */
    public static Problem of(List<String> names, double[] low, double[] high) {
        return new Problem(names, low, high, null);
    }

    /**
     * Each input uniform on the range its column takes over {@code rows} (rows × inputs), e.g. the paper's diabetes
     * problem from the raw features of its train and test rows.
     */
    public static Problem spanning(List<String> names, double[][] rows) {
        double[] low = new double[names.size()];
        double[] high = new double[names.size()];
        for (int c = 0; c < low.length; c++) {
            low[c] = Double.POSITIVE_INFINITY;
            high[c] = Double.NEGATIVE_INFINITY;
            for (double[] row : rows) {
                low[c] = Math.min(low[c], row[c]);
                high[c] = Math.max(high[c], row[c]);
            }
        }
        return of(names, low, high);
    }

    /** Starts a problem input by input. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The same inputs in groups: {@code groups.get(i)} names the group of input {@code i}; indices are then
     * computed per group, in the order the groups first appear.
     */
    public Problem withGroups(List<String> groups) {
        return new Problem(names, low, high, groups);
    }

    /** The same inputs without groups. */
    public Problem ungrouped() {
        return new Problem(names, low, high, null);
    }

    /** Number of inputs d (columns of the sample). */
    public int inputs() {
        return names.size();
    }

    /** Number of factors D whose indices are estimated: groups if there are any, else inputs. */
    public int factors() {
        return factorNames.size();
    }

    public List<String> names() {
        return names;
    }

    /** Names of the factors, one per estimated index (group names when grouped). */
    public List<String> factorNames() {
        return factorNames;
    }

    public boolean grouped() {
        return factorNames != names;
    }

    /** The factor (group) input {@code i} belongs to. */
    public int factorOf(int input) {
        return factorOfInput[input];
    }

    public double low(int input) {
        return low[input];
    }

    public double high(int input) {
        return high[input];
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Problem[");
        for (int i = 0; i < names.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(names.get(i)).append(" in [").append(low[i]).append(", ")
                    .append(high[i]).append(']');
            if (grouped()) {
                s.append(" group ").append(factorNames.get(factorOfInput[i]));
            }
        }
        return s.append(']').toString();
    }

    /** Collects inputs in order. */
    public static final class Builder {
        private final List<String> names = new ArrayList<>();
        private final List<double[]> bounds = new ArrayList<>();
        private final List<String> groups = new ArrayList<>();

        /** An input uniform on [low, high]. */
        public Builder input(String name, double low, double high) {
            return input(name, low, high, null);
        }

        /** An input uniform on [low, high] that belongs to a named group. */
        public Builder input(String name, double low, double high, String group) {
            names.add(name);
            bounds.add(new double[] {low, high});
            groups.add(group);
            return this;
        }

        public Problem build() {
            double[] lo = bounds.stream().mapToDouble(b -> b[0]).toArray();
            double[] hi = bounds.stream().mapToDouble(b -> b[1]).toArray();
            long labelled = groups.stream().filter(g -> g != null).count();
            if (labelled != 0 && labelled != groups.size()) {
                throw new IllegalArgumentException("either every input names its group or none does; groups: "
                        + groups);
            }
            return new Problem(names, lo, hi, labelled == 0 ? null : groups);
        }
    }
}
