package senslab.gradient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.junit.jupiter.api.Test;
import senslab.attribution.Attribution;
import senslab.attribution.AttributionMaps;
import senslab.attribution.Target;
import senslab.models.StagedNetwork;

class GradientMethodsTest {
    private static final Shape IMAGE = new Shape(KnownNets.CHANNELS, KnownNets.SIDE, KnownNets.SIDE);
    private static final int[] CLASSES = {2, 0, 1};

    @Test
    void saliencyIsTheAnalyticGradientsMagnitudeThroughAConvolution() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = KnownNets.conv()) {
            NDArray x = KnownNets.images(manager, 3, IMAGE, 11);
            Attribution method = Saliency.of(net).batchSize(2);
            AttributionMaps maps = method.attribute(x, Target.classLogit(CLASSES));
            AttributionMaps signed = Saliency.of(net).signed().attribute(x, Target.classLogit(CLASSES));
            assertEquals(List.of("c0", "c1"), maps.channelNames(), "one map per input channel");
            for (int image = 0; image < 3; image++) {
                double[] g = KnownNets.convGradient(KnownNets.image(x, image), CLASSES[image]);
                float[] a = maps.values(image, "class");
                float[] s = signed.values(image, "class");
                for (int k = 0; k < g.length; k++) {
                    assertEquals(Math.abs(g[k]), a[k], 1e-5, "image " + image + ", element " + k);
                    assertEquals(g[k], s[k], 1e-5, "signed, image " + image + ", element " + k);
                }
            }
        }
    }

    @Test
    void inputTimesGradientIsTheInputTimesTheAnalyticGradient() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = KnownNets.conv()) {
            NDArray x = KnownNets.images(manager, 3, IMAGE, 12);
            AttributionMaps maps = InputTimesGradient.of(net).attribute(x, Target.classLogit(CLASSES));
            for (int image = 0; image < 3; image++) {
                double[] xi = KnownNets.image(x, image);
                double[] g = KnownNets.convGradient(xi, CLASSES[image]);
                float[] a = maps.values(image, "class");
                for (int k = 0; k < g.length; k++) {
                    assertEquals(xi[k] * g[k], a[k], 1e-5, "image " + image + ", element " + k);
                }
            }
        }
    }

    @Test
    void aNoiseTunnelWithoutNoiseIsTheWrappedMethodAndVarGradIsZero() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = KnownNets.conv()) {
            NDArray x = KnownNets.images(manager, 2, IMAGE, 13);
            Target target = Target.classLogit(1, 2);
            List<GradientMethod<?>> methods = List.of(Saliency.of(net), InputTimesGradient.of(net),
                    IntegratedGradients.of(net).steps(4));
            for (GradientMethod<?> method : methods) {
                AttributionMaps plain = method.attribute(x, target);
                AttributionMaps smooth = NoiseTunnel.smoothGrad(method).sigma(0).samples(3).attribute(x, target);
                AttributionMaps variance = NoiseTunnel.varGrad(method).sigma(0).samples(3).attribute(x, target);
                for (int image = 0; image < 2; image++) {
                    assertArrayEquals(plain.values(image, "class"), smooth.values(image, "class"), 1e-6f,
                            smooth.method());
                    assertArrayEquals(new float[plain.values(image, "class").length],
                            variance.values(image, "class"), 1e-6f, variance.method());
                }
            }
        }
    }

    /**
     * On f = Σ a_k x_k², ∂f/∂x_k = 2a_k x_k, so with noise ε ~ N(0, s²): SmoothGrad of |∂f/∂x| is 2|a_k| times the
     * folded normal's mean, s√(2/π)·exp(−x²/2s²) + x·(1 − 2Φ(−x/s)); SmoothGrad² is 4a_k²(x_k² + s²); VarGrad of
     * the signed gradient is 4a_k²s².
     */
    @Test
    void noiseTunnelsConvergeToTheSmoothedGradientsOfAQuadratic() {
        float[] a = {0.5f, -1.5f, 2.0f, 1.0f};
        float[] pixels = {0.3f, -0.2f, 0.05f, 1.0f};
        int samples = 20_000;
        double sigma = 0.25;
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = KnownNets.quadratic(a)) {
            NDArray x = manager.create(pixels, new Shape(1, 1, 1, a.length));
            double s = sigma * (1.0 - -0.2);
            Target target = Target.classLogit(0);
            float[] smooth = NoiseTunnel.smoothGrad(Saliency.of(net)).samples(samples).sigma(sigma).seed(7)
                    .attribute(x, target).values(0, "class");
            float[] squared = NoiseTunnel.smoothGradSquared(Saliency.of(net)).samples(samples).sigma(sigma).seed(7)
                    .attribute(x, target).values(0, "class");
            float[] variance = NoiseTunnel.varGrad(Saliency.of(net).signed()).samples(samples).sigma(sigma).seed(7)
                    .attribute(x, target).values(0, "class");
            NormalDistribution normal = new NormalDistribution(0, 1);
            for (int k = 0; k < a.length; k++) {
                double m = pixels[k];
                double folded = s * Math.sqrt(2 / Math.PI) * Math.exp(-m * m / (2 * s * s))
                        + m * (1 - 2 * normal.cumulativeProbability(-m / s));
                double g = 2 * Math.abs(a[k]);
                // tolerances: 5 standard errors of each mean over the samples
                assertEquals(g * folded, smooth[k], 5 * g * s / Math.sqrt(samples), "SmoothGrad, element " + k);
                double secondMoment = g * g * (m * m + s * s);
                assertEquals(secondMoment, squared[k], 5 * g * g * s * Math.sqrt(2 * s * s + 4 * m * m)
                        / Math.sqrt(samples), "SmoothGrad², element " + k);
                assertEquals(g * g * s * s, variance[k], 5 * g * g * s * s * Math.sqrt(2.0 / samples),
                        "VarGrad, element " + k);
            }
            assertTrue(smooth[2] > 2 * Math.abs(a[2]) * Math.abs(pixels[2]) * 1.5,
                    "near 0 the noise lifts |∂f/∂x| well above its value at x");
        }
    }

    @Test
    void anInterruptStopsTheCallBetweenBatchesAndProgressIsReported() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = KnownNets.conv()) {
            NDArray x = KnownNets.images(manager, 2, IMAGE, 15);
            Thread.currentThread().interrupt();
            assertThrows(CancellationException.class,
                    () -> IntegratedGradients.of(net).batchSize(3).attribute(x, Target.classLogit(0)));
            assertFalse(Thread.interrupted(), "the interrupt is consumed by the stop");
            List<String> lines = new ArrayList<>();
            IntegratedGradients.of(net).progress(lines::add).attribute(x, Target.classLogit(0));
            assertEquals(1, lines.size(), "a line per call");
            assertTrue(lines.get(0).startsWith("Integrated Gradients: 2 images"), lines.get(0));
        }
    }

    @Test
    void theSameSeedGivesTheSameMapsAndAnotherDoesNot() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = KnownNets.conv()) {
            NDArray x = KnownNets.images(manager, 1, IMAGE, 14);
            NoiseTunnel tunnel = NoiseTunnel.smoothGrad(Saliency.of(net)).samples(4);
            float[] first = tunnel.seed(3).attribute(x, Target.classLogit(0)).values(0, "class");
            float[] again = tunnel.seed(3).attribute(x, Target.classLogit(0)).values(0, "class");
            float[] other = tunnel.seed(4).attribute(x, Target.classLogit(0)).values(0, "class");
            assertArrayEquals(first, again);
            assertTrue(Math.abs(first[0] - other[0]) > 1e-7, "another seed, other noise");
        }
    }
}
