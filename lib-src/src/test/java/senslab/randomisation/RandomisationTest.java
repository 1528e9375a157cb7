package senslab.randomisation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import senslab.attribution.Attribution;
import senslab.attribution.AttributionMaps;
import senslab.attribution.Target;
import senslab.faithfulness.RandomAttribution;
import senslab.metric.Batch;
import senslab.masking.LogitMemo;
import senslab.metric.Method;
import senslab.metric.MetricNets;
import senslab.models.StagedNetwork;
import senslab.occlusion.Occlusion;
import senslab.perturb.Delta;
import senslab.perturb.PixelSensitivity;
import tech.tablesaw.api.Table;

class RandomisationTest {
    private static final int IMAGES = 6;

    private static Attribution gradient(StagedNetwork net) {
        return PixelSensitivity.of(net).delta(Delta.fixed(1)).firstOrder(64, 0);
    }

    @Test
    void ssimOfIdenticalMapsIsOneAndOfASmallCaseItsHandValue() {
        float[] a = {0, 1, 0, 1, 1, 1, 0, 1, 0};
        float[] b = {0, 0, 0, 0, 1, 0, 0, 0, 0};
        assertEquals(1, Ssim.of(a, a, 3, 3), 1e-12);
        // one 3 × 3 window: μa = 5/9, μb = 1/9, σa² = (5·16 + 4·25)/81/8 = 5/18, σb² = 72/81/8 = 1/9,
        // σab = (32 − 16 + 20)/81/8 = 1/18 (n − 1 = 8)
        double c1 = 1e-4;
        double c2 = 9e-4;
        double expected = (2 * 5.0 / 81 + c1) * (2.0 / 18 + c2) / ((26.0 / 81 + c1) * (5.0 / 18 + 1.0 / 9 + c2));
        assertEquals(expected, Ssim.of(a, b, 3, 3), 1e-12);
        // maps are scaled to [0, 1] first: an affine copy is identical
        float[] scaled = new float[a.length];
        for (int k = 0; k < a.length; k++) {
            scaled[k] = 3 * a[k] - 2;
        }
        assertEquals(1, Ssim.of(a, scaled, 3, 3), 1e-12);
        assertTrue(Ssim.of(a, b, 3, 3) < 0.2);
    }

    @Test
    void randomisingEveryStageDecorrelatesGradientMapsAndLeavesTheNetworkAsItWas() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = MetricNets.cnn()) {
            NDArray x = MetricNets.images(manager, IMAGES, 8);
            Target target = Target.classLogit(0, 1, 2, 3, 4, 0);
            float[] before = net.forward(x).toFloatArray();
            ModelRandomisation randomisation = ModelRandomisation.of(net, MetricNets::cnn).seed(5);
            RandomisationResult cascade = randomisation.cascade(RandomisationTest::gradient, x, target);
            assertArrayEquals(before, net.forward(x).toFloatArray(), 0f);
            assertEquals(List.of("logits", "block2", "block1"), cascade.order());
            Table table = cascade.table();
            assertEquals(List.of("none", "logits", "block2", "block1"),
                    table.stringColumn("randomised down to").asList());
            assertEquals(1, table.doubleColumn("Spearman ρ").getDouble(0), 1e-12);
            assertEquals(1, table.doubleColumn("SSIM").getDouble(0), 1e-12);
            double[] rho = cascade.spearman(2);
            double mean = Arrays.stream(rho).average().orElseThrow();
            assertTrue(Math.abs(mean) < 0.15, "mean ρ after randomising every stage: " + Arrays.toString(rho));
            assertTrue(Arrays.stream(cascade.spearman(0)).average().orElseThrow() > mean,
                    "the first step keeps more of the map than the last");
            // the metric: the last step of the cascade, for the methods it has a recipe for
            // (one randomised copy serves every method of a batch)
            List<StagedNetwork> built = new ArrayList<>();
            Function<StagedNetwork, Attribution> recipe = n -> {
                built.add(n);
                return gradient(n);
            };
            ParameterRandomisation metric = new ParameterRandomisation(randomisation,
                    Map.of("gradient", recipe, "gradient again", recipe));
            Method method = Method.of("gradient", gradient(net));
            assertFalse(metric.appliesTo(Method.of("other", gradient(net))));
            try (Batch batch = new Batch(x, target, 0)) {
                assertArrayEquals(rho, metric.score(method, cascade.original(), batch), 1e-12);
                assertArrayEquals(rho, metric.score(Method.of("gradient again", gradient(net)), cascade.original(),
                        batch), 1e-12);
            }
            assertEquals(2, built.size());
            assertSame(built.get(0), built.get(1), "both methods ran on the batch's one randomised copy");
            assertNotSame(net, built.get(0));
            assertThrows(IllegalStateException.class, () -> built.get(0).forward(x),
                    "the copy is closed with the batch");
        }
    }

    @Test
    void aCascadeInsideAnEvaluationsMemoSeesEveryRandomisedStage() {
        // the copy keeps its identity while its stages are randomised: the memo must not answer for the old weights
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = MetricNets.cnn()) {
            NDArray x = MetricNets.images(manager, 2, 4);
            Target target = Target.classLogit(1, 3);
            ModelRandomisation randomisation = ModelRandomisation.of(net, MetricNets::cnn).seed(5);
            Function<StagedNetwork, Attribution> occlusion = n -> Occlusion.of(n).window(2).stride(2);
            RandomisationResult outside = randomisation.cascade(occlusion, x, target);
            RandomisationResult inside;
            try (LogitMemo.Scope scope = LogitMemo.open()) {
                inside = randomisation.cascade(occlusion, x, target);
            }
            for (int step = 0; step < outside.order().size(); step++) {
                assertArrayEquals(outside.spearman(step), inside.spearman(step), 1e-6, "step " + step);
            }
        }
    }

    @Test
    void aMapThatIgnoresTheClassPassesTheRandomLogitTestAtOne() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = MetricNets.cnn()) {
            NDArray x = MetricNets.images(manager, IMAGES, 9);
            Batch batch = new Batch(x, Target.classLogit(0, 1, 2, 3, 4, 0), 0);
            Method random = Method.of("random", new RandomAttribution(net, 4, 1));
            AttributionMaps maps = random.attribution().attribute(x, batch.target());
            RandomLogit test = new RandomLogit(5, 3);
            assertArrayEquals(new double[IMAGES], Arrays.stream(test.score(random, maps, batch)).map(v -> v - 1)
                    .toArray(), 1e-12);
            Method gradient = Method.of("gradient", gradient(net));
            double[] ssim = test.score(gradient, gradient.attribution().attribute(x, batch.target()), batch);
            assertTrue(Arrays.stream(ssim).allMatch(v -> v < 1), Arrays.toString(ssim));
        }
    }
}
