package senslab.sobol;

import java.util.ArrayList;
import java.util.List;
import senslab.function.BatchFunction;

/**
 * f(x) = Σᵢ cᵢ xᵢ with xᵢ uniform on [lowᵢ, highᵢ]: no interactions, and each input's index is its share
 * of the variance, cᵢ² (highᵢ − lowᵢ)² / 12 over the sum of those.
 */
public record LinearFunction(double[] coefficients, double[] low, double[] high) implements AnalyticFunction {
    public LinearFunction {
        coefficients = coefficients.clone();
        low = low.clone();
        high = high.clone();
    }

    @Override
    public Problem problem() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < coefficients.length; i++) {
            names.add("x" + (i + 1));
        }
        return Problem.of(names, low, high);
    }

    @Override
    public BatchFunction model() {
        double[] c = coefficients.clone();
        return (x, count, inputs, y) -> {
            for (int r = 0; r < count; r++) {
                double sum = 0;
                for (int i = 0; i < inputs; i++) {
                    sum += c[i] * x[r * inputs + i];
                }
                y[r] = sum;
            }
        };
    }

    /** The variance shares, which are both the first-order and the total indices. */
    private double[] shares() {
        double[] v = new double[coefficients.length];
        double total = 0;
        for (int i = 0; i < v.length; i++) {
            double width = high[i] - low[i];
            v[i] = coefficients[i] * coefficients[i] * width * width / 12;
            total += v[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= total;
        }
        return v;
    }

    @Override
    public double[] firstOrder() {
        return shares();
    }

    @Override
    public double[] totalOrder() {
        return shares();
    }

    @Override
    public double[][] secondOrder() {
        double[][] s = new double[coefficients.length][coefficients.length];
        for (int j = 0; j < s.length; j++) {
            for (int k = 0; k < s.length; k++) {
                s[j][k] = k > j ? 0 : Double.NaN;
            }
        }
        return s;
    }
}
