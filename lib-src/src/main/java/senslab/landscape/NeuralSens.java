package senslab.landscape;

import java.util.List;
import senslab.data.Dataset;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * NeuralSens' derivative-based sensitivity metrics (Pizarroso, Portela & Muñoz; α-curves of Pizarroso et
 * al., arXiv:2305.02368) for any model with an input gradient: per row and input s_kj = ∂f/∂x_j at x_k;
 * per input the mean, the standard deviation (N − 1), meanSensSQ = √(mean s²), and the α-curve
 * (mean |s|^α)^(1/α) for α = 1 … {@value #MAX_ALPHA}, which rises towards max |s| as α grows.
 */
public final class NeuralSens {
    /** The largest α of the curves. */
    public static final int MAX_ALPHA = 15;

    private final List<String> inputs;
    private final double[][] s;

    private NeuralSens(List<String> inputs, double[][] s) {
        this.inputs = List.copyOf(inputs);
        this.s = s;
    }

    /** The model's input gradient on these rows (inputs named in row order). */
    public static NeuralSens of(InputGradient model, double[][] rows, List<String> inputs) {
        if (rows.length < 2) {
            throw new IllegalArgumentException("NeuralSens needs at least 2 rows (a standard deviation), got "
                    + rows.length);
        }
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != inputs.size()) {
                throw new IllegalArgumentException("row " + r + " has " + rows[r].length + " values but "
                        + inputs.size() + " inputs are named " + inputs);
            }
        }
        double[][] s = model.inputGradient(rows);
        if (s.length != rows.length || s[0].length != inputs.size()) {
            throw new IllegalStateException("the model returned a " + s.length + " × " + s[0].length
                    + " gradient for " + rows.length + " rows of " + inputs.size() + " inputs");
        }
        return new NeuralSens(inputs, s);
    }

    /** On a data set's rows. */
    public static NeuralSens of(InputGradient model, Dataset data) {
        return of(model, data.x(), data.inputs());
    }

    public List<String> inputs() {
        return inputs;
    }

    /** s_kj, rows × inputs, as a copy. */
    public double[][] sensitivities() {
        double[][] copy = new double[s.length][];
        for (int k = 0; k < s.length; k++) {
            copy[k] = s[k].clone();
        }
        return copy;
    }

    public double[] mean() {
        double[] m = new double[inputs.size()];
        for (double[] row : s) {
            for (int j = 0; j < m.length; j++) {
                m[j] += row[j];
            }
        }
        for (int j = 0; j < m.length; j++) {
            m[j] /= s.length;
        }
        return m;
    }

    /** The sample standard deviation (N − 1). */
    public double[] standardDeviation() {
        double[] m = mean();
        double[] v = new double[m.length];
        for (double[] row : s) {
            for (int j = 0; j < m.length; j++) {
                v[j] += (row[j] - m[j]) * (row[j] - m[j]);
            }
        }
        for (int j = 0; j < m.length; j++) {
            v[j] = Math.sqrt(v[j] / (s.length - 1));
        }
        return v;
    }

    /** √(mean s²). */
    public double[] meanSensSquared() {
        double[] q = new double[inputs.size()];
        for (double[] row : s) {
            for (int j = 0; j < q.length; j++) {
                q[j] += row[j] * row[j];
            }
        }
        for (int j = 0; j < q.length; j++) {
            q[j] = Math.sqrt(q[j] / s.length);
        }
        return q;
    }

    /** max_k |s_kj|: the α-curves' limit. */
    public double[] maxAbs() {
        double[] max = new double[inputs.size()];
        for (double[] row : s) {
            for (int j = 0; j < max.length; j++) {
                max[j] = Math.max(max[j], Math.abs(row[j]));
            }
        }
        return max;
    }

    /** (mean |s_j|^α)^(1/α) for one input and α = 1 … {@value #MAX_ALPHA} (index α − 1). */
    public double[] alphaCurve(int input) {
        double[] curve = new double[MAX_ALPHA];
        for (int alpha = 1; alpha <= MAX_ALPHA; alpha++) {
            double sum = 0;
            for (double[] row : s) {
                sum += StrictMath.pow(Math.abs(row[input]), alpha);
            }
            curve[alpha - 1] = StrictMath.pow(sum / s.length, 1.0 / alpha);
        }
        return curve;
    }

    /** One row per input: mean, std, meanSensSQ and max |s|. */
    public Table table() {
        return Table.create("NeuralSens metrics (" + s.length + " rows)").addColumns(
                StringColumn.create("input", inputs), DoubleColumn.create("mean", mean()),
                DoubleColumn.create("std", standardDeviation()), DoubleColumn.create("meanSensSQ", meanSensSquared()),
                DoubleColumn.create("max |s|", maxAbs()));
    }

    /** The α-curves: one row per α, one column per input. */
    public Table alphaTable() {
        int[] alpha = new int[MAX_ALPHA];
        for (int a = 0; a < MAX_ALPHA; a++) {
            alpha[a] = a + 1;
        }
        Table t = Table.create("α-curves (mean |∂f/∂x_j|^α)^(1/α)").addColumns(IntColumn.create("alpha", alpha));
        for (int j = 0; j < inputs.size(); j++) {
            t.addColumns(DoubleColumn.create(inputs.get(j), alphaCurve(j)));
        }
        return t;
    }
}
