package senslab.sobol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.stat.correlation.PearsonsCorrelation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.tablesaw.api.Table;

/**
 * Sensitivity from data one already has, without a model or a designed sample (as SALib's {@code delta.analyze}):
 * for each input the rows are cut into classes of equal count by the input's rank (a class never splits a run of
 * equal values), and
 * <ul>
 * <li>S1 = Var(E[Y | class]) / Var(Y) on √n classes: the between-class variance less its sampling bias (ω² of the
 * one-way analysis of variance, (SS_between − (M − 1) MS_within) / SS_total), so that the bias left, from the
 * variation of E[Y | x] within a class, falls as 1/M²;</li>
 * <li>Borgonovo's δ = ½ E ∫ |f_Y − f_{Y|class}|, moment-independent (Plischke, Borgonovo &amp; Smith 2013), on
 * SALib's M = min(⌈n^(2/(7 + tanh((1500 − n)/500)))⌉, 48) classes and on Y's ranks (δ does not change under a
 * monotone map of Y, and on ranks f_Y is exactly uniform): each class's Gaussian kernel density with Silverman's
 * bandwidth (scipy's {@code gaussian_kde}), reflected at 0 and 1, on a grid of cells a quarter bandwidth wide.
 * Ties in Y are broken at random (seeded), which makes the same formula the total-variation distance for a
 * discrete Y such as a 0/1 outcome. δ is bias-reduced with the bootstrap as SALib does (2δ̂ − mean of the
 * resampled δ̂). Known biases, measured on 2¹⁶ rows: a deterministic relation gets about 1 − 1/M, the kernels'
 * noise leaves about +0.01 where δ is 0, and their smoothing takes ~10–15 % off conditional densities with sharp
 * edges (a sum of two uniforms: 0.29 for 1/3).</li>
 * </ul>
 * Both with bootstrap intervals over the rows (the classes fixed, the rows reweighted), for independent inputs:
 * pairs of inputs correlated beyond |ρ| = {@value #CORRELATED} (Spearman) get a warning with the measured value.
 * The rows' nested prefixes (the first n/2, n/4, … rows, which assumes the rows come in no particular order) give
 * the history behind {@link Estimates#verdict}; its δ values are not bias-reduced.
 */
public final class GivenData {
    private static final Logger LOG = LoggerFactory.getLogger(GivenData.class);
    public static final String S1 = "S1";
    public static final String DELTA = "delta";
    /** The kernel is cut at this many bandwidths. */
    private static final double REACH = 5;
    /** The Spearman correlation beyond which two inputs are reported as dependent. */
    static final double CORRELATED = 0.3;
    private static final int SMALLEST_PREFIX = 64;

    private final List<String> inputs;
    private final double[][] x;
    private final List<String> outputs;
    private final double[][] y;
    private final int classes;
    private final SobolOptions options;

    private GivenData(List<String> inputs, double[][] x, List<String> outputs, double[][] y, int classes,
            SobolOptions options) {
        this.inputs = List.copyOf(inputs);
        this.x = x;
        this.outputs = List.copyOf(outputs);
        this.y = y;
        this.classes = classes;
        this.options = options;
    }

    /**
     * Rows {@code x} (n × inputs) and outputs {@code y} (one array of n values per output), named; at least 2 rows
     * per class of the default rule, finite values.
     */
    public static GivenData of(List<String> inputs, double[][] x, List<String> outputs, double[][] y) {
        int n = x.length;
        if (n < 8) {
            throw new IllegalArgumentException("given-data indices need at least 8 rows, got " + n);
        }
        if (outputs.size() != y.length) {
            throw new IllegalArgumentException(outputs.size() + " output names for " + y.length + " outputs");
        }
        for (int r = 0; r < n; r++) {
            if (x[r].length != inputs.size()) {
                throw new IllegalArgumentException("row " + r + " has " + x[r].length + " values but " + inputs.size()
                        + " inputs are named " + inputs);
            }
            for (int j = 0; j < inputs.size(); j++) {
                if (!Double.isFinite(x[r][j])) {
                    throw new IllegalArgumentException("input '" + inputs.get(j) + "' is " + x[r][j] + " in row " + r
                            + "; drop or impute the rows with missing values first");
                }
            }
        }
        for (int o = 0; o < y.length; o++) {
            if (y[o].length != n) {
                throw new IllegalArgumentException("output '" + outputs.get(o) + "' has " + y[o].length
                        + " values for " + n + " rows");
            }
            for (int r = 0; r < n; r++) {
                if (!Double.isFinite(y[o][r])) {
                    throw new IllegalArgumentException("output '" + outputs.get(o) + "' is " + y[o][r] + " in row " + r
                            + "; drop or impute the rows with missing values first");
                }
            }
        }
        return new GivenData(inputs, x, outputs, y, 0, SobolOptions.DEFAULT);
    }

    /** The named numeric columns of a table as inputs and outputs. */
    public static GivenData of(Table table, List<String> inputs, List<String> outputs) {
        double[][] x = new double[table.rowCount()][inputs.size()];
        for (int j = 0; j < inputs.size(); j++) {
            double[] column = column(table, inputs.get(j));
            for (int r = 0; r < x.length; r++) {
                x[r][j] = column[r];
            }
        }
        return of(inputs, x, outputs, outputs.stream().map(o -> column(table, o)).toArray(double[][]::new));
    }

    private static double[] column(Table table, String name) {
        if (!table.columnNames().contains(name)) {
            throw new IllegalArgumentException("the table has no column '" + name + "'; columns: "
                    + table.columnNames());
        }
        return ((tech.tablesaw.api.NumericColumn<?>) table.column(name)).asDoubleArray();
    }

    /** M, the number of classes per input, instead of SALib's rule (0: the rule). */
    public GivenData classes(int m) {
        if (m != 0 && (m < 2 || m > x.length / 2)) {
            throw new IllegalArgumentException("M must lie in [2, n/2 = " + x.length / 2 + "] (0: SALib's rule), not "
                    + m);
        }
        return new GivenData(inputs, x, outputs, y, m, options);
    }

    public GivenData options(SobolOptions value) {
        return new GivenData(inputs, x, outputs, y, classes, value);
    }

    /** SALib's number of classes for n rows. */
    static int defaultClasses(int n) {
        double exponent = 2 / (7 + Math.tanh((1500.0 - n) / 500));
        return (int) Math.min(Math.ceil(Math.pow(n, exponent)), 48);
    }

    /** S1 and δ of every output and input, with intervals and their history over the rows' prefixes. */
    public Estimates run() {
        int n = x.length;
        Estimates.Builder builder = Estimates.builder("Given-data indices", inputs, outputs, List.of(S1, DELTA), S1);
        // every input's and output's row order is sorted once; a prefix's order is the same with later rows left out
        SplittableRandom random = new SplittableRandom(options.seed());
        int[][] inputOrder = new int[inputs.size()][];
        for (int j = 0; j < inputs.size(); j++) {
            int input = j;
            inputOrder[j] = rankOrder(n, r -> x[r][input], random.split());
        }
        int[][] outputOrder = new int[outputs.size()][];
        for (int o = 0; o < outputs.size(); o++) {
            int output = o;
            outputOrder[o] = rankOrder(n, r -> y[output][r], random.split());
        }
        Layout layout = new Layout(n, inputOrder, outputOrder);
        correlationWarnings(builder, layout);
        List<Integer> prefixes = new ArrayList<>();
        for (int m = n / 2; m >= SMALLEST_PREFIX; m /= 2) {
            prefixes.add(0, m);
        }
        for (int m : prefixes) {
            short[] ones = new short[m];
            Arrays.fill(ones, (short) 1);
            builder.at(m, new Layout(m, inputOrder, outputOrder).estimates(ones));
        }
        for (int o = 0; o < outputs.size(); o++) {
            if (layout.constant[o]) {
                String warning = String.format(Locale.ROOT, "output '%s' is constant (%s) over the rows: its indices "
                        + "are reported as 0", outputs.get(o), y[o][0]);
                LOG.warn(warning);
                builder.warn(warning);
            }
        }
        short[] ones = new short[n];
        Arrays.fill(ones, (short) 1);
        double[][][] full = layout.estimates(ones);
        short[][] counts = Bootstrap.counts(n, options.resamples(), options.seed());
        double[][][][] resampled = new double[counts.length][][][];
        IntStream.range(0, counts.length).parallel().forEach(b -> resampled[b] = layout.estimates(counts[b]));
        double z = new NormalDistribution(0, 1).inverseCumulativeProbability(0.5 + options.confidence() / 2);
        double[][][] conf = new double[outputs.size()][2][inputs.size()];
        double[][] component = new double[counts.length][1];
        for (int o = 0; o < outputs.size(); o++) {
            for (int m = 0; m < 2; m++) {
                for (int j = 0; j < inputs.size(); j++) {
                    double mean = 0;
                    for (int b = 0; b < counts.length; b++) {
                        component[b][0] = resampled[b][o][m][j];
                        mean += component[b][0];
                    }
                    conf[o][m][j] = z * Bootstrap.std(component, 0);
                    if (m == 1 && !layout.constant[o]) {
                        full[o][1][j] = 2 * full[o][1][j] - mean / counts.length;
                    }
                }
            }
        }
        return builder.at(n, full).conf(conf).build();
    }

    /** Spearman's ρ of every pair of inputs: Pearson's correlation (Hipparchus) of their average ranks. */
    private void correlationWarnings(Estimates.Builder builder, Layout layout) {
        int d = inputs.size();
        PearsonsCorrelation pearson = new PearsonsCorrelation();
        for (int a = 0; a < d; a++) {
            for (int b = a + 1; b < d; b++) {
                double rho = pearson.correlation(layout.inputRank[a], layout.inputRank[b]);
                if (Math.abs(rho) > CORRELATED) {
                    String warning = String.format(Locale.ROOT, "inputs '%s' and '%s' are correlated (Spearman ρ = "
                            + "%.2f over %,d rows): these estimators assume independent inputs, so each one's index "
                            + "also carries part of the other's effect", inputs.get(a), inputs.get(b), rho,
                            x.length);
                    LOG.warn(warning);
                    builder.warn(warning);
                }
            }
        }
    }

    /**
     * Rows 0 … n − 1 by increasing value, ties in random (seeded) order. Sorted as primitives: each row's key is
     * the rank of its value among the sorted values (high half) and its place in a random permutation (low half).
     */
    private static int[] rankOrder(int n, java.util.function.IntToDoubleFunction value, SplittableRandom random) {
        double[] sorted = new double[n];
        for (int r = 0; r < n; r++) {
            sorted[r] = value.applyAsDouble(r);
        }
        double[] values = sorted.clone();
        Arrays.sort(sorted);
        int[] shuffled = IntStream.range(0, n).toArray();
        for (int t = n - 1; t > 0; t--) {
            int other = random.nextInt(t + 1);
            int swap = shuffled[t];
            shuffled[t] = shuffled[other];
            shuffled[other] = swap;
        }
        long[] keys = new long[n];
        for (int t = 0; t < n; t++) {
            int row = shuffled[t];
            keys[t] = (long) Arrays.binarySearch(sorted, values[row]) << 32 | t;
        }
        Arrays.sort(keys);
        int[] order = new int[n];
        for (int t = 0; t < n; t++) {
            order[t] = shuffled[(int) keys[t]];
        }
        return order;
    }

    /** Every input's classes and every output's ranks on (0, 1), for the first n rows. */
    private final class Layout {
        private final int n;
        /** [input][row]: the row's class for δ, and for S1 (finer: its bias falls as 1/M², its noise is removed). */
        private final int[][] classOf;
        private final int[] classCount;
        private final int[][] fineClassOf;
        private final int[] fineClassCount;
        /** [output][row]: the rank of y on (0, 1). */
        private final double[][] rank;
        /** [input][row]: the input's average rank (ties share the mean of their places), for Spearman's ρ. */
        private final double[][] inputRank;
        /** [input][output]: the density grids of the input's classes for the output's ranks. */
        private final Grids[][] grids;
        private final boolean[] constant;

        /** The first n rows, given every input's and output's order of all rows. */
        Layout(int n, int[][] inputOrder, int[][] outputOrder) {
            this.n = n;
            int d = inputs.size();
            int m = classes == 0 ? defaultClasses(n) : Math.min(classes, n / 2);
            int fine = Math.max(m, (int) Math.round(Math.sqrt(n)));
            classOf = new int[d][n];
            classCount = new int[d];
            fineClassOf = new int[d][n];
            fineClassCount = new int[d];
            inputRank = new double[d][n];
            for (int j = 0; j < d; j++) {
                int[] order = prefix(inputOrder[j]);
                classCount[j] = partition(order, j, m, classOf[j]);
                fineClassCount[j] = partition(order, j, fine, fineClassOf[j]);
                for (int t = 0, end; t < n; t = end) {
                    end = t + 1;
                    while (end < n && x[order[end]][j] == x[order[t]][j]) {
                        end++;
                    }
                    for (int u = t; u < end; u++) {
                        inputRank[j][order[u]] = (t + end - 1) / 2.0;
                    }
                }
            }
            rank = new double[outputs.size()][n];
            constant = new boolean[outputs.size()];
            for (int o = 0; o < outputs.size(); o++) {
                int[] order = prefix(outputOrder[o]);
                constant[o] = y[o][order[0]] == y[o][order[n - 1]];
                for (int t = 0; t < n; t++) {
                    rank[o][order[t]] = (t + 0.5) / n;
                }
            }
            grids = new Grids[d][outputs.size()];
            for (int j = 0; j < d; j++) {
                for (int o = 0; o < outputs.size(); o++) {
                    grids[j][o] = new Grids(classOf[j], classCount[j], rank[o]);
                }
            }
        }

        /**
         * Equal-count classes of the rows in rank order of input j, written into {@code classOf}; a class never
         * splits a run of equal values (it ends after the run). Returns the number of classes.
         */
        private int partition(int[] order, int j, int m, int[] classOf) {
            int current = 0;
            int start = 0;
            for (int t = 0; t < n; t++) {
                boolean full = t - start >= (long) n * (current + 1) / m - (long) n * current / m;
                if (full && x[order[t]][j] != x[order[t - 1]][j]) {
                    current++;
                    start = t;
                }
                classOf[order[t]] = current;
            }
            return current + 1;
        }

        /** The rows below n in the order of all rows. */
        private int[] prefix(int[] order) {
            if (order.length == n) {
                return order;
            }
            int[] kept = new int[n];
            int t = 0;
            for (int row : order) {
                if (row < n) {
                    kept[t++] = row;
                }
            }
            return kept;
        }

        /** S1 and δ per output and input with row r weighted by w[r]: [output][S1, δ][input]. */
        double[][][] estimates(short[] w) {
            int d = inputs.size();
            double[][][] e = new double[outputs.size()][2][d];
            for (int o = 0; o < outputs.size(); o++) {
                if (constant[o]) {
                    continue;
                }
                for (int j = 0; j < d; j++) {
                    e[o][0][j] = firstOrder(w, o, j);
                    e[o][1][j] = delta(w, o, j);
                }
            }
            return e;
        }

        private double firstOrder(short[] w, int o, int j) {
            int m = fineClassCount[j];
            double[] count = new double[m];
            double[] sum = new double[m];
            double[] squares = new double[m];
            double total = 0;
            double all = 0;
            int[] classes = fineClassOf[j];
            double[] values = y[o];
            for (int r = 0; r < n; r++) {
                int k = classes[r];
                double weight = w[r];
                double v = values[r];
                count[k] += weight;
                sum[k] += weight * v;
                squares[k] += weight * v * v;
                total += weight;
                all += weight * v;
            }
            double mean = all / total;
            double between = 0;
            double within = 0;
            int occupied = 0;
            for (int k = 0; k < m; k++) {
                if (count[k] > 0) {
                    double classMean = sum[k] / count[k];
                    between += count[k] * (classMean - mean) * (classMean - mean);
                    within += squares[k] - count[k] * classMean * classMean;
                    occupied++;
                }
            }
            double totalSquares = between + within;
            if (!(totalSquares > 0) || total <= occupied) {
                return 0;
            }
            return (between - (occupied - 1) * within / (total - occupied)) / totalSquares;
        }

        private double delta(short[] w, int o, int j) {
            Grids g = grids[j][o];
            int m = classCount[j];
            int[] classes = classOf[j];
            double[][] histogram = new double[m][];
            for (int k = 0; k < m; k++) {
                histogram[k] = new double[g.size[k]];
            }
            double[] count = new double[m];
            for (int r = 0; r < n; r++) {
                int k = classes[r];
                if (w[r] != 0 && g.size[k] > 0) {
                    // linear binning between the centres of the class's cells
                    int c = g.cellOf[r];
                    double f = g.share[r];
                    double[] hist = histogram[k];
                    hist[Math.max(c, 0)] += w[r] * (1 - f);
                    hist[Math.min(c + 1, hist.length - 1)] += w[r] * f;
                    count[k] += w[r];
                }
            }
            double total = 0;
            for (double c : count) {
                total += c;
            }
            double delta = 0;
            for (int k = 0; k < m; k++) {
                if (count[k] > 0) {
                    double[] density = g.density(k, histogram[k], count[k]);
                    double distance = 0;
                    for (double f : density) {
                        distance += Math.abs(f - 1);
                    }
                    // outside its cells the class's density is 0 against the uniform 1
                    distance = distance * g.cell[k] + 1 - density.length * g.cell[k];
                    delta += count[k] / total * distance;
                }
            }
            return delta / 2;
        }
    }

    /**
     * The kernel-density grids of one input's classes for one output's ranks, fixed from all the class's rows (the
     * bootstrap reweights the rows but keeps each class's bandwidth and grid): Silverman's bandwidth h as scipy's
     * {@code gaussian_kde}, (3n/4)^(−1/5) times the ranks' standard deviation, not below the ranks' spacing; cells h/4
     * wide, aligned so that 0 and 1 fall on cell edges, covering the class's ranks and {@value #REACH} h either side
     * within [0, 1]; each row's cell and its share of the next, for linear binning.
     */
    private static final class Grids {
        final double[] h;
        final double[] cell;
        final int[] first;
        final int[] size;
        final int[] cellOf;
        final double[] share;
        private final double[][] kernel;

        Grids(int[] classOf, int classes, double[] rank) {
            int n = rank.length;
            double[] count = new double[classes];
            double[] sum = new double[classes];
            double[] squares = new double[classes];
            double[] low = new double[classes];
            double[] high = new double[classes];
            Arrays.fill(low, 1);
            for (int r = 0; r < n; r++) {
                int k = classOf[r];
                count[k]++;
                sum[k] += rank[r];
                squares[k] += rank[r] * rank[r];
                low[k] = Math.min(low[k], rank[r]);
                high[k] = Math.max(high[k], rank[r]);
            }
            h = new double[classes];
            cell = new double[classes];
            first = new int[classes];
            size = new int[classes];
            kernel = new double[classes][];
            for (int k = 0; k < classes; k++) {
                if (count[k] < 2) {
                    continue;
                }
                double mean = sum[k] / count[k];
                double sd = Math.sqrt(Math.max(0, squares[k] / count[k] - mean * mean));
                h[k] = Math.max(sd * Math.pow(0.75 * count[k], -0.2), 0.5 / n);
                cell[k] = 1.0 / Math.ceil(4 / h[k]);
                first[k] = (int) Math.max(0, Math.floor((low[k] - REACH * h[k]) / cell[k]));
                int last = (int) Math.min(Math.round(1 / cell[k]), Math.ceil((high[k] + REACH * h[k]) / cell[k]));
                size[k] = last - first[k];
                int reach = (int) Math.ceil(REACH * h[k] / cell[k]);
                kernel[k] = new double[reach + 1];
                for (int t = 0; t <= reach; t++) {
                    double u = t * cell[k] / h[k];
                    kernel[k][t] = Math.exp(-0.5 * u * u) / (h[k] * Math.sqrt(2 * Math.PI));
                }
            }
            cellOf = new int[n];
            share = new double[n];
            for (int r = 0; r < n; r++) {
                int k = classOf[r];
                if (size[k] > 0) {
                    double position = rank[r] / cell[k] - 0.5 - first[k];
                    cellOf[r] = (int) Math.floor(position);
                    share[r] = position - cellOf[r];
                }
            }
        }

        /**
         * Class k's Gaussian kernel density from its histogram of mass {@code mass} on its cells, reflected at 0 and
         * 1 (so no mass leaks out).
         */
        double[] density(int k, double[] histogram, double mass) {
            double[] table = kernel[k];
            int reach = table.length - 1;
            int edge = (int) Math.round(1 / cell[k]);
            int start = first[k];
            double[] density = new double[histogram.length];
            for (int source = 0; source < histogram.length; source++) {
                double weight = histogram[source] / mass;
                if (weight == 0) {
                    continue;
                }
                for (int b = Math.max(0, source - reach); b <= Math.min(histogram.length - 1, source + reach); b++) {
                    density[b] += weight * table[Math.abs(b - source)];
                }
                // mirror images at −t and 2 − t, in cells: distances (b + s + 1) and (2·edge − b − s − 1), absolute
                int s = start + source;
                for (int b = 0; b < histogram.length && start + b + s + 1 <= reach; b++) {
                    density[b] += weight * table[start + b + s + 1];
                }
                for (int b = histogram.length - 1; b >= 0 && 2 * edge - start - b - s - 1 <= reach; b--) {
                    density[b] += weight * table[2 * edge - start - b - s - 1];
                }
            }
            return density;
        }
    }
}
