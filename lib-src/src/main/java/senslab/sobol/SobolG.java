package senslab.sobol;

import java.util.ArrayList;
import java.util.List;
import senslab.function.BatchFunction;

/**
 * Sobol's G function f(x) = Πᵢ (|4xᵢ − 2| + aᵢ) / (1 + aᵢ) on [0, 1]^d: input i matters less the larger
 * aᵢ (aᵢ = 0 very important, aᵢ = 99 negligible).
 */
public record SobolG(double[] a) implements AnalyticFunction {
    public SobolG {
        a = a.clone();
    }

    /** SALib's choice a = (0, 1, 4.5, 9, 99, 99, 99, 99). */
    public static SobolG standard() {
        return new SobolG(new double[] {0, 1, 4.5, 9, 99, 99, 99, 99});
    }

    @Override
    public Problem problem() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            names.add("x" + (i + 1));
        }
        double[] low = new double[a.length];
        double[] high = new double[a.length];
        java.util.Arrays.fill(high, 1);
        return Problem.of(names, low, high);
    }

    @Override
    public BatchFunction model() {
        double[] coefficients = a.clone();
        return (x, count, inputs, y) -> {
            for (int r = 0; r < count; r++) {
                double product = 1;
                for (int i = 0; i < inputs; i++) {
                    product *= (Math.abs(4 * x[r * inputs + i] - 2) + coefficients[i]) / (1 + coefficients[i]);
                }
                y[r] = product;
            }
        };
    }

    /** Partial variance of input i alone: 1 / (3 (1 + aᵢ)²). */
    private double partial(int i) {
        return 1 / (3 * (1 + a[i]) * (1 + a[i]));
    }

    private double variance() {
        double product = 1;
        for (int i = 0; i < a.length; i++) {
            product *= 1 + partial(i);
        }
        return product - 1;
    }

    @Override
    public double[] firstOrder() {
        double[] s = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            s[i] = partial(i) / variance();
        }
        return s;
    }

    @Override
    public double[] totalOrder() {
        double[] s = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double others = 1;
            for (int j = 0; j < a.length; j++) {
                others *= j == i ? 1 : 1 + partial(j);
            }
            s[i] = partial(i) * others / variance();
        }
        return s;
    }

    @Override
    public double[][] secondOrder() {
        double[][] s = new double[a.length][a.length];
        for (int j = 0; j < a.length; j++) {
            for (int k = 0; k < a.length; k++) {
                s[j][k] = k > j ? partial(j) * partial(k) / variance() : Double.NaN;
            }
        }
        return s;
    }
}
