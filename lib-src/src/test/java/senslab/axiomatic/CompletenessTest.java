package senslab.axiomatic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import senslab.attribution.AttributionMaps;
import senslab.attribution.Target;
import senslab.gradient.Baseline;
import senslab.gradient.IntegratedGradients;
import senslab.metric.Batch;
import senslab.metric.Method;
import senslab.metric.MetricNets;
import senslab.models.StagedNetwork;
import senslab.perturb.Delta;
import senslab.perturb.PixelSensitivity;

class CompletenessTest {
    private static final int IMAGES = 3;

    @Test
    void anExactMethodOnALinearModelHasNoGapAndPlainGradientsHaveTheKnownOne() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = MetricNets.linear(0.3f)) {
            NDArray x = MetricNets.images(manager, IMAGES, 4);
            Batch batch = new Batch(x, Target.classLogit(0), 0);
            Method exact = Method.of("input × weights", new MetricNets.InputTimesWeights());
            Method gradient = Method.of("gradient", PixelSensitivity.of(net).delta(Delta.fixed(1)).firstOrder(64, 0));
            Completeness claimed = Completeness.of(net);
            assertTrue(claimed.appliesTo(exact));
            assertFalse(claimed.appliesTo(gradient), "plain gradients do not claim completeness");
            double[] gaps = claimed.score(exact, exact.attribution().attribute(x, batch.target()), batch);
            for (double gap : gaps) {
                assertEquals(0, gap, 1e-4);
            }
            // the gradient of f = w·x + b is w (positive here): Σ s = Σ w, while f(x) − f(0) = w·x
            Completeness againstZero = claimed.against(0f);
            assertTrue(againstZero.appliesTo(gradient));
            double[] gradientGaps = againstZero.score(gradient, gradient.attribution().attribute(x, batch.target()),
                    batch);
            float[] w = MetricNets.weights();
            float[] pixels = x.toFloatArray();
            for (int image = 0; image < IMAGES; image++) {
                double sum = 0;
                double change = 0;
                for (int k = 0; k < w.length; k++) {
                    sum += w[k];
                    change += w[k] * pixels[image * w.length + k];
                }
                assertEquals(Math.abs(sum - change), gradientGaps[image], 1e-4);
                assertTrue(gradientGaps[image] > 1, "a gap far from 0: " + gradientGaps[image]);
            }
        }
    }

    @Test
    void integratedGradientsClaimsCompletenessAndTheMetricMeasuresTheGapItRecords() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = MetricNets.linear(0.3f)) {
            NDArray x = MetricNets.images(manager, IMAGES, 4);
            Batch batch = new Batch(x, Target.classLogit(0), 0);
            // a baseline of its own, so that the metric has to ask the method for it
            IntegratedGradients ig = IntegratedGradients.of(net).steps(4)
                    .baseline(Baseline.perChannel(0.5f, -0.25f, 0.1f));
            Method method = Method.of("IG", ig);
            Completeness claimed = Completeness.of(net);
            assertTrue(claimed.appliesTo(method));
            AttributionMaps maps = ig.attribute(x, batch.target());
            double[] gaps = claimed.score(method, maps, batch);
            senslab.gradient.Completeness recorded = IntegratedGradients.completeness(maps);
            for (int image = 0; image < IMAGES; image++) {
                // a linear model: the integral is exact, and the gap is float32 rounding only
                assertEquals(recorded.gap(image, 0), gaps[image], 1e-4);
                assertEquals(0, gaps[image], 1e-4);
            }
        }
    }
}
