package senslab.sobol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What every estimator here returns, in one shape: per output, per measure (S1, ST, δ, ν, μ*…) and per input a
 * value with the half-width of its confidence interval at the full sample size N, and the point values at nested
 * prefixes N/2, N/4, … of the same sample (how the indices moved with N). {@link #table()} and
 * {@link #history()} give them as Tablesaw tables in long form; {@link #verdict(String)} says in one line whether
 * N was enough for the ranking shown; {@link #warnings()} lists what the estimator found suspicious in the input
 * (a constant output, correlated inputs).
 */
public final class Estimates {
    private final String method;
    private final List<String> inputs;
    private final List<String> outputs;
    private final List<String> measures;
    private final String rankedBy;
    /** Sample sizes, ascending; the last is the full N. */
    private final int[] sizes;
    /** [size][output][measure][input]. */
    private final double[][][][] values;
    /** [output][measure][input], at the full N. */
    private final double[][][] conf;
    private final List<String> warnings;

    private Estimates(Builder b) {
        this.method = b.method;
        this.inputs = b.inputs;
        this.outputs = b.outputs;
        this.measures = b.measures;
        this.rankedBy = b.rankedBy;
        this.sizes = b.sizes.stream().mapToInt(Integer::intValue).toArray();
        this.values = b.values.toArray(double[][][][]::new);
        this.conf = b.conf;
        this.warnings = List.copyOf(b.warnings);
    }

    /** The estimator that made these, e.g. "Sobol (Saltelli sample)". */
    public String method() {
        return method;
    }

    public List<String> inputs() {
        return inputs;
    }

    public List<String> outputs() {
        return outputs;
    }

    public List<String> measures() {
        return measures;
    }

    /** The measure inputs are ranked by in {@link #ranking} and {@link #verdict}. */
    public String rankedBy() {
        return rankedBy;
    }

    /** The full sample size N (base points, rows or trajectories, as the estimator counts them). */
    public int size() {
        return sizes[sizes.length - 1];
    }

    /** N and the nested prefix sizes below it, ascending. */
    public int[] sizes() {
        return sizes.clone();
    }

    /** One value per input of a measure for an output, at the full N. */
    public double[] values(String output, String measure) {
        return values[values.length - 1][outputIndex(output)][measureIndex(measure)].clone();
    }

    /** Half-widths of the intervals of {@link #values}. */
    public double[] conf(String output, String measure) {
        return conf[outputIndex(output)][measureIndex(measure)].clone();
    }

    /** One value: a measure of an input for an output. */
    public double value(String output, String measure, String input) {
        return values[values.length - 1][outputIndex(output)][measureIndex(measure)][inputIndex(input)];
    }

    /** Inputs from the largest value of {@link #rankedBy()} to the smallest, for an output. */
    public List<String> ranking(String output) {
        double[] v = values(output, rankedBy);
        return IntStream.range(0, v.length).boxed().sorted((a, b) -> Double.compare(v[b], v[a])).map(inputs::get)
                .toList();
    }

    /** What the estimator warned about (also logged), e.g. a constant output or correlated inputs. */
    public List<String> warnings() {
        return warnings;
    }

    /** One line: whether N was enough for the ranking by {@link #rankedBy()} of this output. */
    public String verdict(String output) {
        int o = outputIndex(output);
        int m = measureIndex(rankedBy);
        double[][] history = new double[sizes.length][];
        for (int s = 0; s < sizes.length; s++) {
            history[s] = values[s][o][m];
        }
        return Verdict.of(inputs, sizes, history, conf[o][m], rankedBy);
    }

    /** The verdict of every output: output, verdict. */
    public Table verdicts() {
        return Table.create(method + ": is N enough?", StringColumn.create("output", outputs),
                StringColumn.create("verdict", outputs.stream().map(this::verdict).toList()));
    }

    /** Long form at the full N: output, input, measure, value, conf (half-width of the interval). */
    public Table table() {
        StringColumn output = StringColumn.create("output");
        StringColumn input = StringColumn.create("input");
        StringColumn measure = StringColumn.create("measure");
        DoubleColumn value = DoubleColumn.create("value");
        DoubleColumn half = DoubleColumn.create("conf");
        double[][][] last = values[values.length - 1];
        for (int o = 0; o < outputs.size(); o++) {
            for (int m = 0; m < measures.size(); m++) {
                for (int i = 0; i < inputs.size(); i++) {
                    output.append(outputs.get(o));
                    input.append(inputs.get(i));
                    measure.append(measures.get(m));
                    value.append(last[o][m][i]);
                    half.append(conf[o][m][i]);
                }
            }
        }
        return Table.create(String.format(Locale.ROOT, "%s, N = %,d", method, size()), output, input, measure, value,
                half);
    }

    /** Long form at every nested size: N, output, input, measure, value (how the estimates moved with N). */
    public Table history() {
        IntColumn n = IntColumn.create("N");
        StringColumn output = StringColumn.create("output");
        StringColumn input = StringColumn.create("input");
        StringColumn measure = StringColumn.create("measure");
        DoubleColumn value = DoubleColumn.create("value");
        for (int s = 0; s < sizes.length; s++) {
            for (int o = 0; o < outputs.size(); o++) {
                for (int m = 0; m < measures.size(); m++) {
                    for (int i = 0; i < inputs.size(); i++) {
                        n.append(sizes[s]);
                        output.append(outputs.get(o));
                        input.append(inputs.get(i));
                        measure.append(measures.get(m));
                        value.append(values[s][o][m][i]);
                    }
                }
            }
        }
        return Table.create(method + " against N", n, output, input, measure, value);
    }

    @Override
    public String toString() {
        return table().printAll();
    }

    private int outputIndex(String output) {
        return index(outputs, output, "output");
    }

    private int measureIndex(String measure) {
        return index(measures, measure, "measure");
    }

    private int inputIndex(String input) {
        return index(inputs, input, "input");
    }

    private static int index(List<String> names, String name, String what) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no " + what + " named '" + name + "'; " + what + "s: " + names);
        }
        return i;
    }

    static Builder builder(String method, List<String> inputs, List<String> outputs, List<String> measures,
            String rankedBy) {
        return new Builder(method, inputs, outputs, measures, rankedBy);
    }

    /** Collects the estimates size by size, smallest first; the last size added is the full N. */
    static final class Builder {
        private final String method;
        private final List<String> inputs;
        private final List<String> outputs;
        private final List<String> measures;
        private final String rankedBy;
        private final List<Integer> sizes = new ArrayList<>();
        private final List<double[][][]> values = new ArrayList<>();
        private double[][][] conf;
        private final List<String> warnings = new ArrayList<>();

        private Builder(String method, List<String> inputs, List<String> outputs, List<String> measures,
                String rankedBy) {
            this.method = method;
            this.inputs = List.copyOf(inputs);
            this.outputs = List.copyOf(outputs);
            this.measures = List.copyOf(measures);
            this.rankedBy = rankedBy;
            if (!measures.contains(rankedBy)) {
                throw new IllegalArgumentException("ranking measure " + rankedBy + " is not among " + measures);
            }
        }

        /** Point values at size n: [output][measure][input]. */
        Builder at(int n, double[][][] value) {
            if (!sizes.isEmpty() && n <= sizes.get(sizes.size() - 1)) {
                throw new IllegalStateException("sizes must grow: " + n + " after " + sizes);
            }
            sizes.add(n);
            values.add(value);
            return this;
        }

        /** The half-widths of the intervals at the full N: [output][measure][input]. */
        Builder conf(double[][][] value) {
            conf = value;
            return this;
        }

        Builder warn(String warning) {
            warnings.add(warning);
            return this;
        }

        Estimates build() {
            if (values.isEmpty() || conf == null) {
                throw new IllegalStateException("estimates need values and intervals");
            }
            return new Estimates(this);
        }
    }

    /** [output][measure][input] filled with NaN, to be filled in. */
    static double[][][] grid(int outputs, int measures, int inputs) {
        double[][][] g = new double[outputs][measures][inputs];
        for (double[][] o : g) {
            for (double[] m : o) {
                Arrays.fill(m, Double.NaN);
            }
        }
        return g;
    }
}
