package senslab.sobol;

import java.util.Arrays;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Sobol indices of one analysis: per factor S1 and ST with the half-widths of their confidence intervals,
 * and with second order the S2 matrix (upper triangle, NaN elsewhere, as SALib).
 */
public final class SobolResult {
    private final List<String> names;
    private final int n;
    private final double[] s1;
    private final double[] s1Conf;
    private final double[] st;
    private final double[] stConf;
    private final double[][] s2;
    private final double[][] s2Conf;
    private final Estimates estimates;
    private final String output;

    private SobolResult(List<String> names, int n, double[] s1, double[] s1Conf, double[] st, double[] stConf,
            double[][] s2, double[][] s2Conf, Estimates estimates, String output) {
        this.names = names;
        this.n = n;
        this.s1 = s1;
        this.s1Conf = s1Conf;
        this.st = st;
        this.stConf = stConf;
        this.s2 = s2;
        this.s2Conf = s2Conf;
        this.estimates = estimates;
        this.output = output;
    }

    /**
     * From estimates laid out as S1 (D), ST (D), then S2 for pairs j &lt; k in row order, for one output of
     * {@code estimates}.
     */
    static SobolResult from(List<String> names, int n, boolean secondOrder, double[] value, double[] conf,
            Estimates estimates, String output) {
        int d = names.size();
        double[][] s2 = null;
        double[][] s2Conf = null;
        if (secondOrder) {
            s2 = nanMatrix(d);
            s2Conf = nanMatrix(d);
            int q = 2 * d;
            for (int j = 0; j < d; j++) {
                for (int k = j + 1; k < d; k++, q++) {
                    s2[j][k] = value[q];
                    s2Conf[j][k] = conf[q];
                }
            }
        }
        return new SobolResult(names, n, Arrays.copyOfRange(value, 0, d), Arrays.copyOfRange(conf, 0, d),
                Arrays.copyOfRange(value, d, 2 * d), Arrays.copyOfRange(conf, d, 2 * d), s2, s2Conf, estimates, output);
    }

    private static double[][] nanMatrix(int d) {
        double[][] m = new double[d][d];
        for (double[] row : m) {
            Arrays.fill(row, Double.NaN);
        }
        return m;
    }

    /** Factor names (inputs, or groups). */
    public List<String> names() {
        return names;
    }

    /** The output these indices are of. */
    public String output() {
        return output;
    }

    /**
     * S1 and ST in long form, with the model's other outputs when it has several, and their point values at the
     * nested prefixes N/2, N/4, … ({@link Estimates#history()}).
     */
    public Estimates estimates() {
        return estimates;
    }

    /**
     * One line: whether N was enough for the ranking by ST, from the intervals at N and the order at the nested
     * prefixes.
     */
    public String verdict() {
        return estimates.verdict(output);
    }

    /** N, the number of base points the indices come from. */
    public int baseSize() {
        return n;
    }

    public double[] s1() {
        return s1.clone();
    }

    /** Half-width of the S1 confidence intervals. */
    public double[] s1Conf() {
        return s1Conf.clone();
    }

    public double[] st() {
        return st.clone();
    }

    /** Half-width of the ST confidence intervals. */
    public double[] stConf() {
        return stConf.clone();
    }

    public boolean hasSecondOrder() {
        return s2 != null;
    }

    /** S2[j][k] for j &lt; k (NaN elsewhere); fails without second order. */
    public double[][] s2() {
        return copy(requireSecondOrder(s2));
    }

    /** Half-widths of the S2 intervals, laid out like {@link #s2()}. */
    public double[][] s2Conf() {
        return copy(requireSecondOrder(s2Conf));
    }

    /** S2 of two factors, in either order. */
    public double s2(String first, String second) {
        int j = index(first);
        int k = index(second);
        return requireSecondOrder(s2)[Math.min(j, k)][Math.max(j, k)];
    }

    /** The position of a factor by name, with a clear error listing the names there are. */
    public int index(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no factor named '" + name + "'; factors: " + names);
        }
        return i;
    }

    /** Factor names from the largest total index ST to the smallest. */
    public List<String> rankingByTotal() {
        return java.util.stream.IntStream.range(0, names.size()).boxed()
                .sorted((a, b) -> Double.compare(st[b], st[a])).map(names::get).toList();
    }

    /** One row per factor: name, S1, S1_conf, ST, ST_conf (SALib's {@code to_df()} first table). */
    public Table table() {
        return Table.create("Sobol indices (N = " + n + ")",
                StringColumn.create("name", names),
                DoubleColumn.create("S1", s1), DoubleColumn.create("S1_conf", s1Conf),
                DoubleColumn.create("ST", st), DoubleColumn.create("ST_conf", stConf));
    }

    /** One row per pair j &lt; k: first, second, S2, S2_conf; fails without second order. */
    public Table secondOrderTable() {
        requireSecondOrder(s2);
        StringColumn first = StringColumn.create("first");
        StringColumn second = StringColumn.create("second");
        DoubleColumn value = DoubleColumn.create("S2");
        DoubleColumn conf = DoubleColumn.create("S2_conf");
        for (int j = 0; j < names.size(); j++) {
            for (int k = j + 1; k < names.size(); k++) {
                first.append(names.get(j));
                second.append(names.get(k));
                value.append(s2[j][k]);
                conf.append(s2Conf[j][k]);
            }
        }
        return Table.create("Second-order Sobol indices (N = " + n + ")", first, second, value, conf);
    }

    /** The first-order and total indices with their N, for stacking results of several N. */
    Table tableWithN() {
        Table t = table();
        int[] size = new int[names.size()];
        Arrays.fill(size, n);
        t.insertColumn(0, IntColumn.create("N", size));
        return t;
    }

    private static double[][] requireSecondOrder(double[][] m) {
        if (m == null) {
            throw new IllegalStateException("no second-order indices: sample and analyze with secondOrder = true");
        }
        return m;
    }

    private static double[][] copy(double[][] m) {
        return Arrays.stream(m).map(double[]::clone).toArray(double[][]::new);
    }

    @Override
    public String toString() {
        return table().printAll();
    }
}
