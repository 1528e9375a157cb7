package senslab.gradient;

import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * How Integrated Gradients integrates the gradient along the straight path from the baseline (α = 0) to the input
 * (α = 1): the points α_k and weights w_k of ∫₀¹ g(α) dα ≈ Σ w_k g(α_k), with {@code steps} points. Riemann sums
 * as in Captum ({@code riemann_left}, {@code _right}, {@code _middle}, {@code _trapezoid}) or Gauss–Legendre
 * (Captum's {@code gausslegendre}, here from Hipparchus), exact for polynomials of degree 2·steps − 1 in α.
 */
public enum PathRule {
    /** α_k = k/m, k = 0 … m − 1. */
    RIEMANN_LEFT,
    /** α_k = k/m, k = 1 … m. */
    RIEMANN_RIGHT,
    /** α_k = (k + ½)/m. */
    RIEMANN_MIDDLE,
    /** α_k = k/(m − 1), k = 0 … m − 1, the two ends with half weight. */
    RIEMANN_TRAPEZOID,
    /** The Gauss–Legendre points and weights on [0, 1]. */
    GAUSS_LEGENDRE;

    /** {@code [0]}: the points α_k; {@code [1]}: their weights w_k, summing to 1. */
    double[][] nodes(int steps) {
        int least = this == RIEMANN_TRAPEZOID ? 2 : 1;
        if (steps < least) {
            throw new IllegalArgumentException(this + " needs at least " + least + " steps, got " + steps);
        }
        double[] alphas = new double[steps];
        double[] weights = new double[steps];
        if (this == GAUSS_LEGENDRE) {
            GaussIntegrator rule = new GaussIntegratorFactory().legendre(steps, 0, 1);
            for (int k = 0; k < steps; k++) {
                alphas[k] = rule.getPoint(k);
                weights[k] = rule.getWeight(k);
            }
            return new double[][] {alphas, weights};
        }
        for (int k = 0; k < steps; k++) {
            switch (this) {
                case RIEMANN_LEFT -> alphas[k] = (double) k / steps;
                case RIEMANN_RIGHT -> alphas[k] = (k + 1.0) / steps;
                case RIEMANN_MIDDLE -> alphas[k] = (k + 0.5) / steps;
                default -> alphas[k] = (double) k / (steps - 1);
            }
            weights[k] = this == RIEMANN_TRAPEZOID ? (k == 0 || k == steps - 1 ? 0.5 : 1.0) / (steps - 1)
                    : 1.0 / steps;
        }
        return new double[][] {alphas, weights};
    }
}
