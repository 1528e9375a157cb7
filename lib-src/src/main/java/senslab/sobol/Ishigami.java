package senslab.sobol;

import java.util.List;
import senslab.function.BatchFunction;

/**
 * The Ishigami function f(x) = sin x₁ + a sin² x₂ + b x₃⁴ sin x₁ on [−π, π]³ (Ishigami &amp; Homma 1990);
 * x₃ acts only through its interaction with x₁.
 */
public record Ishigami(double a, double b) implements AnalyticFunction {
    /** The usual parameters a = 7, b = 0.1. */
    public static Ishigami standard() {
        return new Ishigami(7, 0.1);
    }

    @Override
    public Problem problem() {
        double[] low = {-Math.PI, -Math.PI, -Math.PI};
        double[] high = {Math.PI, Math.PI, Math.PI};
        return Problem.of(List.of("x1", "x2", "x3"), low, high);
    }

    @Override
    public BatchFunction model() {
        return (x, count, inputs, y) -> {
            for (int r = 0; r < count; r++) {
                int o = r * inputs;
                double s2 = Math.sin(x[o + 1]);
                double x3 = x[o + 2];
                y[r] = Math.sin(x[o]) * (1 + b * x3 * x3 * x3 * x3) + a * s2 * s2;
            }
        };
    }

    private double v1() {
        double t = 1 + b * Math.pow(Math.PI, 4) / 5;
        return 0.5 * t * t;
    }

    private double v2() {
        return a * a / 8;
    }

    private double v13() {
        return 8 * b * b * Math.pow(Math.PI, 8) / 225;
    }

    private double variance() {
        return v1() + v2() + v13();
    }

    @Override
    public double[] firstOrder() {
        return new double[] {v1() / variance(), v2() / variance(), 0};
    }

    @Override
    public double[] totalOrder() {
        return new double[] {(v1() + v13()) / variance(), v2() / variance(), v13() / variance()};
    }

    @Override
    public double[][] secondOrder() {
        return new double[][] {{Double.NaN, 0, v13() / variance()}, {Double.NaN, Double.NaN, 0},
            {Double.NaN, Double.NaN, Double.NaN}};
    }
}
