package senslab.sobol;

import java.util.function.Function;

/**
 * A batched function of one output that also gives its input gradient, for derivative-based measures
 * ({@link Dgsm}): a DJL network by autograd ({@link DjlModel}), an MLP by its exact derivatives
 * ({@code GradientFunction.of(mlp::predict, mlp::inputGradient)} for {@code senslab.landscape.Mlp}), or a function
 * with a closed-form gradient. Rows come flat and row-major, as for {@link senslab.function.BatchFunction}.
 */
@FunctionalInterface
public interface GradientFunction {
    /** Writes f of each row into {@code y[r]} and ∂f/∂x_j into {@code g[r * inputs + j]}. */
    void evaluate(double[] x, int count, int inputs, double[] y, double[] g);

    /** From a function of rows to values and one of rows to gradients (rows × inputs). */
    static GradientFunction of(Function<double[][], double[]> values, Function<double[][], double[][]> gradients) {
        return (x, count, inputs, y, g) -> {
            double[][] rows = new double[count][inputs];
            for (int r = 0; r < count; r++) {
                System.arraycopy(x, r * inputs, rows[r], 0, inputs);
            }
            double[] v = values.apply(rows);
            double[][] grad = gradients.apply(rows);
            if (v.length != count || grad.length != count) {
                throw new IllegalStateException("the model returned " + v.length + " values and " + grad.length
                        + " gradients for " + count + " rows; it must return one of each per row");
            }
            for (int r = 0; r < count; r++) {
                if (grad[r].length != inputs) {
                    throw new IllegalStateException("the gradient of row " + r + " has " + grad[r].length
                            + " components; it needs one per input (" + inputs + ")");
                }
                y[r] = v[r];
                System.arraycopy(grad[r], 0, g, r * inputs, inputs);
            }
        };
    }
}
