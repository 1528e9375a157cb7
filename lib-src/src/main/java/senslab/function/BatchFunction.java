package senslab.function;

import java.util.function.Function;

/**
 * A function evaluated on many input rows per call: a network, a folded network, an analytic test function.
 * What every batched evaluator (Sobol sampling, a cluster) calls. Rows come flat and row-major (row r, input j at
 * {@code x[r * inputs + j]}) so large batches move without boxing or per-row arrays.
 */
@FunctionalInterface
public interface BatchFunction {
    /** Writes the model's output for each of the {@code count} rows of {@code x} into {@code y[0..count)}. */
    void evaluate(double[] x, int count, int inputs, double[] y);

    /** Wraps a function from a matrix of rows to one value per row (SALib's usual {@code Y = f(X)}). */
    static BatchFunction of(Function<double[][], double[]> rowsToValues) {
        return (x, count, inputs, y) -> {
            double[][] rows = new double[count][inputs];
            for (int r = 0; r < count; r++) {
                System.arraycopy(x, r * inputs, rows[r], 0, inputs);
            }
            double[] values = rowsToValues.apply(rows);
            if (values == null || values.length != count) {
                throw new IllegalStateException("the model returned " + (values == null ? "null" : values.length
                        + " values") + " for " + count + " rows; it must return exactly one value per row");
            }
            System.arraycopy(values, 0, y, 0, count);
        };
    }

    /** Wraps a function of one row; convenient for analytic functions, evaluated row by row in Java. */
    static BatchFunction ofRow(java.util.function.ToDoubleFunction<double[]> row) {
        return (x, count, inputs, y) -> {
            double[] buffer = new double[inputs];
            for (int r = 0; r < count; r++) {
                System.arraycopy(x, r * inputs, buffer, 0, inputs);
                y[r] = row.applyAsDouble(buffer);
            }
        };
    }
}
