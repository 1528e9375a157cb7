package senslab.am;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import senslab.attribution.AttributionMaps;
import senslab.attribution.Target;
import senslab.cam.HandNet;
import senslab.cam.SquareWorld;
import senslab.data.Normalization;
import senslab.image.GaussianBlur;
import senslab.models.StagedNetwork;

@Tag("slow") // trains a network and climbs hundreds of steps: not in make check
class ActivationMaximizationTest {
    /** The hand-built net takes one channel as it is. */
    private static final Normalization GREY = new Normalization(new float[] {0f}, new float[] {1f});


    /** TV as the authors define it, in plain Java (the independent truth). */
    private static double tv(double[] x, int c, int h, int w) {
        double vertical = 0;
        double horizontal = 0;
        for (int k = 0; k < c; k++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    double v = x[(k * h + i) * w + j];
                    if (i + 1 < h) {
                        vertical += Math.abs(x[(k * h + i + 1) * w + j] - v);
                    }
                    if (j + 1 < w) {
                        horizontal += Math.abs(x[(k * h + i) * w + j + 1] - v);
                    }
                }
            }
        }
        return vertical / (c * (h - 1) * w) + horizontal / (c * h * (w - 1));
    }

    @Test
    void totalVariationValueAndGradientMatchFiniteDifferences() {
        int c = 2;
        int h = 4;
        int w = 5;
        double[] x = new Random(5).doubles(c * h * w).toArray();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray image = manager.create(x, new Shape(1, c, h, w));
            image.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray value = new TotalVariation().value(image);
                assertEquals(tv(x, c, h, w), value.getDouble(0), 1e-12);
                collector.backward(value.sum());
            }
            double[] gradient = image.getGradient().toDoubleArray();
            double step = 1e-6;
            for (int i = 0; i < x.length; i++) {
                double[] up = x.clone();
                double[] down = x.clone();
                up[i] += step;
                down[i] -= step;
                double finite = (tv(up, c, h, w) - tv(down, c, h, w)) / (2 * step);
                assertEquals(finite, gradient[i], 1e-6, "d TV / d x[" + i + "]");
            }
        }
    }

    /**
     * One step of eq. (4) on the hand-built net (known weights) moves the image by
     * ε₁ ∂a/∂x − ε₂ ∂TV/∂x, both derivatives taken here by finite differences of hand-computed values.
     */
    @Test
    void oneTvStepEqualsTheFiniteDifferenceDirection() {
        int n = HandNet.SIZE;
        double[] x = new Random(8).doubles(n * n, 0.2, 0.8).toArray();
        int target = 1;
        double eps1 = 0.1;
        double eps2 = 0.1;
        try (NDManager manager = NDManager.newBaseManager()) {
            StagedNetwork network = HandNet.build(manager);
            NDArray start = manager.create(x, new Shape(1, 1, n, n)).toType(DataType.FLOAT32, false);
            AmResult result = ActivationMaximization.of(network, GREY, Objective.classLogit(target))
                    .penalize(new TotalVariation(), eps2).stepSize(eps1).steps(1).quiet().run(start);
            float[] after = result.pixels();
            float[] before = start.toFloatArray();
            double step = 1e-4;
            for (int i = 0; i < x.length; i++) {
                double[] up = x.clone();
                double[] down = x.clone();
                up[i] += step;
                down[i] -= step;
                double da = (logit(up, target) - logit(down, target)) / (2 * step);
                double dtv = (tv(up, 1, n, n) - tv(down, 1, n, n)) / (2 * step);
                assertEquals(eps1 * da - eps2 * dtv, after[i] - before[i], 2e-5, "pixel " + i);
            }
            assertEquals(logit(x, target), result.activation(0)[0], 1e-5, "activation at step 0");
        }
    }

    private static double logit(double[] x, int c) {
        int n = HandNet.SIZE;
        float[][] image = new float[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                image[i][j] = (float) x[i * n + j];
            }
        }
        return HandNet.logit(image, c);
    }

    @Test
    void gaussianBlurPreservesTheMeanAndSmooths() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray images = manager.randomUniform(0f, 1f, new Shape(2, 3, 12, 10));
            NDArray blurred = new GaussianBlur(1.0).apply(images);
            assertEquals(images.getShape(), blurred.getShape());
            float[] a = images.reshape(6, -1).mean(new int[] {1}).toFloatArray();
            float[] b = blurred.reshape(6, -1).mean(new int[] {1}).toFloatArray();
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-5, "mean of image/channel " + i);
            }
            TotalVariation tv = new TotalVariation();
            float[] before = tv.value(images).toFloatArray();
            float[] after = tv.value(blurred).toFloatArray();
            for (int i = 0; i < before.length; i++) {
                assertTrue(after[i] < 0.5 * before[i], "blur must smooth noise: TV " + before[i] + " -> " + after[i]);
            }
        }
    }

    @Test
    void fiftyStepsRaiseEveryClassOfATrainedNetTogether() {
        try (SquareWorld world = SquareWorld.train(200, 11);
                NDManager manager = world.manager().newSubManager()) {
            int[] classes = {0, 1, 2, 3};
            NDArray start =
                    ActivationMaximization.noise(manager, classes.length, 3, SquareWorld.SIZE, SquareWorld.SIZE, 3);
            List<String> lines = new ArrayList<>();
            AmResult result = ActivationMaximization.paperTv(world.network(), Normalization.CIFAR10,
                            Objective.classLogit(classes))
                    .transform(new Jitter(1)).steps(50).progress(10, p -> lines.add(p.toString())).run(start);
            lines.forEach(System.out::println);
            assertEquals(6, lines.size(), "progress every 10 steps and at the end");
            for (int c : classes) {
                float[] trace = result.activation(c);
                System.out.printf("class %d: logit %.3f -> %.3f%n", c, trace[0], trace[50]);
                assertTrue(trace[50] > trace[0] + 5, "class " + c + " logit " + trace[0] + " -> " + trace[50]);
            }
            float[] pixels = result.pixels();
            for (float p : pixels) {
                assertTrue(p >= 0 && p <= 1, "clamped to [0, 1]");
            }
            assertEquals(4, result.images().size());
        }
    }

    @Test
    void channelAndNeuronObjectivesRiseToo() {
        try (NDManager manager = NDManager.newBaseManager()) {
            StagedNetwork network = HandNet.build(manager);
            NDArray start = ActivationMaximization.noise(manager, 2, 1, HandNet.SIZE, HandNet.SIZE, 4);
            for (Objective objective : List.of(Objective.channel("features", 0, 1),
                    Objective.neuron("features", 2, 2, 0, 1))) {
                AmResult result = ActivationMaximization.of(network, GREY, objective)
                        .steps(20).quiet().run(start);
                for (int i = 0; i < 2; i++) {
                    assertTrue(result.gain()[i] > 0, objective.describe() + " gains " + Arrays.toString(result.gain()));
                }
            }
        }
    }

    @Test
    void anyTargetCanBeClimbedAndTheLibrarysObjectivesAreTargets() {
        try (NDManager manager = NDManager.newBaseManager()) {
            StagedNetwork network = HandNet.build(manager);
            NDArray start = ActivationMaximization.noise(manager, 2, 1, HandNet.SIZE, HandNet.SIZE, 4);
            AmResult named = ActivationMaximization.of(network, GREY, Objective.classLogit(1, 2)).steps(5).quiet()
                    .run(start);
            AmResult any = ActivationMaximization.of(network, GREY, Objective.of(Target.classLogit(1, 2), 2)).steps(5)
                    .quiet().run(start);
            assertArrayEquals(named.pixels(), any.pixels(), 0f);
            Objective everyStage = Objective.of(Target.stages(), 2);
            IllegalArgumentException labels = assertThrows(IllegalArgumentException.class,
                    () -> ActivationMaximization.of(network, GREY, everyStage).quiet().run(start));
            assertTrue(labels.getMessage().contains("one label"), labels.getMessage());
        }
    }

    @Test
    void configurationsAreImmutableAndTheChangeMapIsTheMeanAbsoluteChangeScaledToOne() {
        try (NDManager manager = NDManager.newBaseManager()) {
            StagedNetwork network = HandNet.build(manager);
            NDArray start = ActivationMaximization.noise(manager, 2, 1, HandNet.SIZE, HandNet.SIZE, 4);
            ActivationMaximization base = ActivationMaximization.of(network, GREY, Objective.classLogit(0, 2)).quiet();
            ActivationMaximization longer = base.steps(7);
            ActivationMaximization penalized = longer.penalize(new TotalVariation(), 0.5);
            AmResult short3 = base.steps(3).run(start);
            AmResult long7 = longer.run(start);
            assertEquals(4, short3.activation(0).length, "steps(3) on base");
            assertEquals(8, long7.activation(0).length,
                    "penalize(...) must not change the configuration it was called on");
            assertArrayEquals(long7.pixels(), longer.run(start).pixels(), "same configuration, same run");
            assertTrue(!Arrays.equals(long7.pixels(), penalized.run(start).pixels()), "the penalty changes the run");

            AttributionMaps change = long7.change();
            assertEquals(List.of("class"), change.labels());
            assertEquals(2, change.classOf(1));
            float[] before = start.toFloatArray();
            float[] after = long7.pixels();
            int plane = HandNet.SIZE * HandNet.SIZE;
            for (int b = 0; b < 2; b++) {
                double max = 0;
                for (int k = 0; k < plane; k++) {
                    max = Math.max(max, Math.abs(after[b * plane + k] - before[b * plane + k]));
                }
                for (int k = 0; k < plane; k++) {
                    double expected = Math.abs(after[b * plane + k] - before[b * plane + k]) / max;
                    assertEquals(expected, change.value(b, "class", 0, k / HandNet.SIZE, k % HandNet.SIZE), 1e-5);
                }
            }
            tech.tablesaw.api.Table table = long7.table(List.of("zero", "two"));
            assertEquals(long7.activation(1)[0], table.doubleColumn("logit at start").get(1), 0);
            assertEquals(long7.activation(1)[7], table.doubleColumn("logit at end").get(1), 0);
            assertEquals(long7.totalVariation(0)[7], long7.finalTotalVariation()[0], 0);
            float[] logits = network.forward(new ai.djl.training.ParameterStore(manager, false),
                    manager.create(after, new Shape(2, 1, HandNet.SIZE, HandNet.SIZE)), false).toFloatArray();
            for (int b = 0; b < 2; b++) {
                int best = 0;
                for (int c = 1; c < 3; c++) {
                    best = logits[b * 3 + c] > logits[b * 3 + best] ? c : best;
                }
                assertEquals(best, long7.predictions(network, GREY)[b], "prediction of image " + b);
            }
            assertEquals(Target.channel("features", 1, 1), Objective.channel("features", 1, 1).target());
            assertEquals(Target.neuron("features", 0, 0, 0, 1), Objective.neuron("features", 0, 0, 0, 1).target());
        }
    }

    @Test
    void nativeMemoryStaysFlatOverManySteps() {
        try (NDManager manager = NDManager.newBaseManager()) {
            StagedNetwork network = HandNet.build(manager);
            NDArray start = ActivationMaximization.noise(manager, 3, 1, HandNet.SIZE, HandNet.SIZE, 4);
            int before = manager.getManagedArrays().size();
            List<Integer> during = new ArrayList<>();
            ActivationMaximization.paperTv(network, GREY, Objective.classLogit(0, 1, 2))
                    .regularize(new GaussianBlur(0.5)).transform(new Jitter(1)).steps(300)
                    .progress(25, p -> during.add(manager.getManagedArrays().size())).run(start);
            System.out.println("arrays held: before " + before + ", during " + during);
            assertEquals(1, during.stream().skip(1).distinct().count(), "arrays held while running: " + during);
            assertEquals(before, manager.getManagedArrays().size(), "every array of the run released");
        }
    }

    @Test
    void badTargetsAndBatchesAreRejectedClearly() {
        try (NDManager manager = NDManager.newBaseManager()) {
            StagedNetwork network = HandNet.build(manager);
            NDArray one = manager.zeros(new Shape(1, 1, HandNet.SIZE, HandNet.SIZE));
            IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
                    () -> ActivationMaximization.of(network, GREY, Objective.classLogit(0, 1)).run(one));
            assertTrue(batch.getMessage().contains("one image per target"), batch.getMessage());
            IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                    () -> ActivationMaximization.of(network, GREY, Objective.classLogit(7))
                            .quiet().run(one));
            assertTrue(range.getMessage().contains("out of range"), range.getMessage());
            IllegalArgumentException stage = assertThrows(IllegalArgumentException.class,
                    () -> Objective.channel("block9", 0).activation(network, null, one));
            assertTrue(stage.getMessage().contains("no stage named"), stage.getMessage());
        }
    }
}
