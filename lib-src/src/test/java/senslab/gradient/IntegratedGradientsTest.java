package senslab.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.hipparchus.analysis.integration.IterativeLegendreGaussIntegrator;
import org.junit.jupiter.api.Test;
import senslab.attribution.AttributionMaps;
import senslab.attribution.Target;
import senslab.metric.Batch;
import senslab.metric.Method;
import senslab.models.StagedNetwork;

class IntegratedGradientsTest {
    private static final Shape IMAGE = new Shape(KnownNets.CHANNELS, KnownNets.SIDE, KnownNets.SIDE);

    @Test
    void onALinearModelEveryRuleGivesInputMinusBaselineTimesWeight() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = KnownNets.linear()) {
            NDArray x = KnownNets.images(manager, 3, IMAGE, 1);
            NDArray given = KnownNets.images(manager, 1, IMAGE, 2).squeeze(0);
            double[] b = KnownNets.image(given.expandDims(0), 0);
            int[] classes = {2, 0, 1};
            for (PathRule rule : PathRule.values()) {
                AttributionMaps maps = IntegratedGradients.of(net).rule(rule).steps(3).baseline(Baseline.image(given))
                        .batchSize(4).attribute(x, Target.classLogit(classes));
                for (int image = 0; image < 3; image++) {
                    double[] xi = KnownNets.image(x, image);
                    float[] a = maps.values(image, "class");
                    for (int k = 0; k < xi.length; k++) {
                        double expected = (xi[k] - b[k]) * KnownNets.linearWeight(classes[image], k);
                        assertEquals(expected, a[k], 1e-5, rule + ", image " + image + ", element " + k);
                    }
                    assertEquals(0, IntegratedGradients.completeness(maps).gap(image, 0), 1e-4, rule + " completeness");
                }
            }
        }
    }

    @Test
    void perChannelBaselineIsSubtractedChannelByChannel() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = KnownNets.linear()) {
            NDArray x = KnownNets.images(manager, 1, IMAGE, 3);
            float[] black = {-1.5f, 0.25f};
            float[] a = IntegratedGradients.of(net).steps(1).rule(PathRule.RIEMANN_MIDDLE)
                    .baseline(Baseline.perChannel(black)).attribute(x, Target.classLogit(1)).values(0, "class");
            double[] xi = KnownNets.image(x, 0);
            int plane = KnownNets.SIDE * KnownNets.SIDE;
            for (int k = 0; k < xi.length; k++) {
                assertEquals((xi[k] - black[k / plane]) * KnownNets.linearWeight(1, k), a[k], 1e-5, "element " + k);
            }
        }
    }

    /** f = x₁x₂ from 0: ∂f/∂x₁ at αx is αx₂, so a₁ = x₁x₂·Σ w_k α_k: x₁x₂/2 for rules exact on linear integrands. */
    @Test
    void onAProductTheAttributionsAreItsClosedForm() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = KnownNets.product()) {
            NDArray x = manager.create(new float[] {1.5f, -0.8f, 0.3f, 2.0f}, new Shape(2, 1, 1, 2));
            double[] products = {1.5 * -0.8, 0.3 * 2.0};
            int steps = 5;
            for (PathRule rule : PathRule.values()) {
                AttributionMaps maps = IntegratedGradients.of(net).rule(rule).steps(steps)
                        .attribute(x, Target.classLogit(0));
                // Σ w_k α_k of each rule: ½ except for the one-sided Riemann sums
                double mean = switch (rule) {
                    case RIEMANN_LEFT -> (steps - 1) / (2.0 * steps);
                    case RIEMANN_RIGHT -> (steps + 1) / (2.0 * steps);
                    default -> 0.5;
                };
                Completeness completeness = IntegratedGradients.completeness(maps);
                for (int image = 0; image < 2; image++) {
                    float[] a = maps.values(image, "class");
                    assertEquals(products[image] * mean, a[0], 1e-6, rule + ", a1 of image " + image);
                    assertEquals(products[image] * mean, a[1], 1e-6, rule + ", a2 of image " + image);
                    assertEquals(products[image], completeness.atInput()[image][0], 1e-6, "f(x)");
                    assertEquals(0, completeness.atBaseline()[image][0], 1e-6, "f(0)");
                    assertEquals(Math.abs(products[image] * (2 * mean - 1)), completeness.gap(image, 0), 1e-6,
                            rule + ": the gap is the rule's error");
                }
            }
        }
    }

    /** On a smooth network, n Gauss–Legendre points beat every Riemann rule with n points by far. */
    @Test
    void gaussLegendreBeatsRiemannWithTheSamePoints() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = KnownNets.conv()) {
            NDArray x = KnownNets.images(manager, 1, IMAGE, 4).mul(2);
            double[] xi = KnownNets.image(x, 0);
            int cls = 1;
            double[] exact = exactIntegratedGradients(xi, cls);
            int steps = 6;
            double gauss = error(IntegratedGradients.of(net).steps(steps).rule(PathRule.GAUSS_LEGENDRE), x, exact);
            assertTrue(gauss < 5e-5, "Gauss–Legendre with " + steps + " points is off by " + gauss);
            for (PathRule rule : PathRule.values()) {
                if (rule != PathRule.GAUSS_LEGENDRE) {
                    double riemann = error(IntegratedGradients.of(net).steps(steps).rule(rule), x, exact);
                    assertTrue(gauss * 10 < riemann, rule + ": " + riemann + " against Gauss–Legendre's " + gauss);
                }
            }
        }
    }

    /** IG claims completeness, so the axiomatic metric applies to it and finds no gap on a smooth network. */
    @Test
    void theCompletenessMetricAppliesAndFindsNoGapWithGaussLegendre() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = KnownNets.conv()) {
            NDArray x = KnownNets.images(manager, 2, IMAGE, 4);
            IntegratedGradients ig = IntegratedGradients.of(net).steps(16).rule(PathRule.GAUSS_LEGENDRE);
            Method method = Method.of("IG", ig);
            senslab.axiomatic.Completeness completeness = senslab.axiomatic.Completeness.of(net);
            assertTrue(completeness.appliesTo(method));
            assertEquals(18, ig.forwardPassesPerMap(32, 32), "16 path points, the image and its baseline");
            assertEquals(16 * 18, NoiseTunnel.smoothGrad(ig).samples(16).backwardPassesPerMap(32, 32));
            AttributionMaps maps = ig.attribute(x, Target.classLogit(1));
            double[] gaps = completeness.score(method, maps, new Batch(x, Target.classLogit(1), 0));
            double scale = Math.abs(IntegratedGradients.completeness(maps).maxGap()) + 1;
            for (double gap : gaps) {
                assertEquals(0, gap, 1e-4 * scale);
            }
            assertEquals(0, ig.baseline(x).abs().max().getFloat(), "the default baseline is zeros");
        }
    }

    @Test
    void badSettingsAreNamed() {
        assertThrows(IllegalArgumentException.class, () -> IntegratedGradientsSettings.DEFAULTS.withSteps(0));
        assertThrows(IllegalArgumentException.class,
                () -> IntegratedGradientsSettings.DEFAULTS.withRule(PathRule.RIEMANN_TRAPEZOID).withSteps(1));
    }

    /** Largest difference from the exact attributions, over the elements. */
    private static double error(IntegratedGradients method, NDArray x, double[] exact) {
        float[] a = method.attribute(x, Target.classLogit(1)).values(0, "class");
        double max = 0;
        for (int k = 0; k < exact.length; k++) {
            max = Math.max(max, Math.abs(a[k] - exact[k]));
        }
        return max;
    }

    /** IG from 0 of {@link KnownNets#conv()}, by adaptive Gauss–Legendre on the analytic gradient, per element. */
    private static double[] exactIntegratedGradients(double[] x, int cls) {
        double[] a = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            int element = k;
            IterativeLegendreGaussIntegrator integrator = new IterativeLegendreGaussIntegrator(8, 1e-12, 1e-12);
            double integral = integrator.integrate(10_000, alpha -> {
                double[] point = new double[x.length];
                for (int e = 0; e < x.length; e++) {
                    point[e] = alpha * x[e];
                }
                return KnownNets.convGradient(point, cls)[element];
            }, 0, 1);
            a[k] = x[k] * integral;
        }
        return a;
    }
}
