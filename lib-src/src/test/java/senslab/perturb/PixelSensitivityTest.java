package senslab.perturb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import senslab.attribution.Attribution;
import senslab.attribution.AttributionMaps;
import senslab.attribution.Target;
import senslab.models.StagedNetwork;
import senslab.models.Vgg16;
import senslab.stats.Correlation;

@Tag("slow") // maps VGG-16-sized networks: not in make check
class PixelSensitivityTest {
    private static final int N = TinyNets.CHANNELS * TinyNets.SIDE * TinyNets.SIDE;
    private static final Target EVERY_STAGE = Target.stages();

    @Test
    void linearStageGivesDeltaTimesColumnNormExactly() {
        int m = 7;
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = TinyNets.linear(m)) {
            NDArray image = TinyNets.images(manager, 1, 3);
            double[][] w = TinyNets.linearWeights(m);
            Delta authors = Delta.authors(11);
            float[] deltas = authors.forImage(0, N);
            AttributionMaps fixed = PixelSensitivity.of(net).delta(Delta.fixed(0.5)).attribute(image, EVERY_STAGE);
            AttributionMaps drawn = PixelSensitivity.of(net).delta(authors).attribute(image, EVERY_STAGE);
            AttributionMaps gradient = PixelSensitivity.of(net).delta(authors).firstOrder(m, 0)
                    .attribute(image, EVERY_STAGE);
            float[] fixedFlat = fixed.values(0, "linear");
            float[] drawnFlat = drawn.values(0, "linear");
            float[] gradientFlat = gradient.values(0, "linear");
            for (int k = 0; k < N; k++) {
                double column = 0;
                for (int r = 0; r < m; r++) {
                    column += w[r][k] * w[r][k];
                }
                column = Math.sqrt(column);
                assertEquals(0.5 * column, fixedFlat[k], 1e-4 * (1 + column), "fixed δ, element " + k);
                assertEquals(Math.abs(deltas[k]) * column, drawnFlat[k], 1e-4 * (1 + column), "drawn δ, element " + k);
                assertEquals(Math.abs(deltas[k]) * column, gradientFlat[k], 1e-4 * (1 + column), "gradient, " + k);
            }
        }
    }

    @Test
    void printedVariantOfLinearStageMatchesHandComputedNorms() {
        int m = 4;
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = TinyNets.linear(m)) {
            NDArray image = TinyNets.images(manager, 1, 5);
            float[] x = image.toFloatArray();
            double[][] w = TinyNets.linearWeights(m);
            AttributionMaps maps = PixelSensitivity.of(net).delta(Delta.fixed(0.25)).measure(Difference.OF_NORMS)
                    .attribute(image, EVERY_STAGE);
            float[] flat = maps.values(0, "linear");
            double base = norm(w, x, -1, 0);
            for (int k = 0; k < N; k++) {
                assertEquals(norm(w, x, k, 0.25) - base, flat[k], 1e-4, "element " + k);
            }
        }
    }

    private static double norm(double[][] w, float[] x, int perturbed, double delta) {
        double sum = 0;
        for (double[] row : w) {
            double y = 0;
            for (int k = 0; k < x.length; k++) {
                y += row[k] * (x[k] + (k == perturbed ? delta : 0));
            }
            sum += y * y;
        }
        return Math.sqrt(sum);
    }

    @Test
    void finiteDifferencesConvergeToGradientModeAsDeltaShrinks() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = TinyNets.conv()) {
            NDArray image = TinyNets.images(manager, 1, 7);
            for (Difference difference : List.of(Difference.OF_OUTPUTS, Difference.OF_NORMS)) {
                double previousError = Double.POSITIVE_INFINITY;
                for (double delta : new double[] {0.3, 0.03, 0.003}) {
                    PixelSensitivity pixel = PixelSensitivity.of(net).delta(Delta.fixed(delta)).measure(difference);
                    AttributionMaps finite = pixel.attribute(image, EVERY_STAGE);
                    AttributionMaps gradient = pixel.firstOrder(4_096, 0).attribute(image, EVERY_STAGE);
                    double error = 0;
                    for (String stage : net.stageNames()) {
                        float[] a = finite.values(0, stage);
                        float[] b = gradient.values(0, stage);
                        error = Math.max(error, relativeError(a, b));
                        if (delta == 0.003) {
                            double rho = Correlation.spearman(a, b);
                            assertTrue(rho >= 0.95, difference + " " + stage + ": rank correlation " + rho);
                        }
                    }
                    assertTrue(error < previousError, difference + ": error " + error + " at δ " + delta
                            + " not below " + previousError);
                    previousError = error;
                }
                assertTrue(previousError < 0.05, difference + ": relative error at small δ " + previousError);
            }
        }
    }

    @Test
    void randomProbesEstimateTheExactGradientMode() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = TinyNets.conv()) {
            NDArray image = TinyNets.images(manager, 1, 8);
            PixelSensitivity pixel = PixelSensitivity.of(net).delta(Delta.fixed(0.01));
            Target blocks = Target.stages("block1", "block2");
            AttributionMaps exact = pixel.firstOrder(4_096, 0).attribute(image, blocks);
            AttributionMaps probed =
                    pixel.firstOrder(64, 1).attribute(image, blocks); // fewer probes than outputs (256, 96)
            for (String stage : List.of("block1", "block2")) {
                float[] a = exact.values(0, stage);
                float[] b = probed.values(0, stage);
                // per element, s² is estimated without bias with relative sd √(2/64): about 9 % on s
                assertTrue(relativeError(b, a) < 0.15, stage + ": relative error " + relativeError(b, a));
                assertEquals(1, mean(b) / mean(a), 0.05, stage + ": mean ratio");
            }
        }
    }

    @Test
    void normDifferenceIsBoundedByDifferenceOfOutputs() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = TinyNets.conv()) {
            NDArray images = TinyNets.images(manager, 2, 9);
            PixelSensitivity pixel = PixelSensitivity.of(net).delta(Delta.authors(4));
            AttributionMaps outputs = pixel.measure(Difference.OF_OUTPUTS).attribute(images, EVERY_STAGE);
            AttributionMaps norms = pixel.measure(Difference.OF_NORMS).attribute(images, EVERY_STAGE);
            boolean signed = false;
            for (int i = 0; i < 2; i++) {
                for (String stage : net.stageNames()) {
                    float[] a = outputs.values(i, stage);
                    float[] b = norms.values(i, stage);
                    for (int k = 0; k < N; k++) {
                        assertTrue(Math.abs(b[k]) <= a[k] + 1e-5f, stage + " element " + k + ": " + b[k] + " vs "
                                + a[k]);
                        signed |= b[k] < 0;
                    }
                }
            }
            assertTrue(signed, "the printed variant should take both signs");
        }
    }

    @Test
    void batchedEqualsOneForwardPassPerElement() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = TinyNets.conv()) {
            NDArray images = TinyNets.images(manager, 2, 10);
            PixelSensitivity pixel = PixelSensitivity.of(net).delta(Delta.fixed(0.2));
            AttributionMaps together = pixel.batchSize(7).attribute(images, EVERY_STAGE);
            AttributionMaps automatic = pixel.attribute(images, EVERY_STAGE);
            ParameterStore store = net.parameterStore();
            for (int i = 0; i < 2; i++) {
                AttributionMaps alone = pixel.batchSize(1).attribute(images.get(i), EVERY_STAGE);
                float[] x = images.get(i).toFloatArray();
                for (int s = 0; s < net.stageNames().size(); s++) {
                    String stage = net.stageNames().get(s);
                    NDArray base = net.forwardAll(store, manager.create(x, new Shape(1, 3, 8, 8)), false).get(s);
                    for (int k = 0; k < N; k += 5) { // the authors' loop: one image, one element per pass
                        float[] perturbed = x.clone();
                        perturbed[k] += 0.2f;
                        NDArray out = net.forwardAll(store, manager.create(perturbed, new Shape(1, 3, 8, 8)), false)
                                .get(s);
                        float expected = out.sub(base).norm().getFloat();
                        int c = k / 64;
                        int h = k % 64 / 8;
                        int w = k % 8;
                        assertEquals(expected, together.value(i, stage, c, h, w), 1e-4 * (1 + expected));
                        assertEquals(expected, automatic.value(i, stage, c, h, w), 1e-4 * (1 + expected));
                        assertEquals(expected, alone.value(0, stage, c, h, w), 1e-4 * (1 + expected));
                    }
                }
            }
        }
    }

    @Test
    void nativeArraysStayFlatOverThousandsOfStepsAndNoneAreLeftBehind() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = TinyNets.conv()) {
            NDArray images = TinyNets.images(manager, 16, 12); // 16 × 192 = 3,072 single-copy forward passes
            int before = manager.getManagedArrays().size();
            int[] live = new int[16];
            int[] done = {0};
            PixelSensitivity.of(net).batchSize(1)
                    .progress(line -> live[done[0]++] = manager.getManagedArrays().size())
                    .attribute(images, EVERY_STAGE);
            assertEquals(16, done[0]);
            for (int i = 1; i < 16; i++) {
                assertEquals(live[0], live[i], "native arrays alive after image " + (i + 1));
            }
            assertEquals(before, manager.getManagedArrays().size(), "native arrays left in the caller's manager");
            PixelSensitivity.of(net).firstOrder(8, 0).attribute(images.get("0:2"), EVERY_STAGE);
            assertEquals(before + 1, manager.getManagedArrays().size(), "the gradient mode left native arrays");
        }
    }

    @Test
    void chosenChannelsEqualTheirPartOfTheFullMaps() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = TinyNets.conv()) {
            NDArray images = TinyNets.images(manager, 2, 13);
            PixelSensitivity pixel = PixelSensitivity.of(net).delta(Delta.authors(2));
            AttributionMaps all = pixel.attribute(images, EVERY_STAGE);
            AttributionMaps blue = pixel.channels(2).attribute(images, EVERY_STAGE);
            AttributionMaps blueFirstOrder = pixel.channels(2).firstOrder(4_096, 0).attribute(images, EVERY_STAGE);
            AttributionMaps allFirstOrder = pixel.firstOrder(4_096, 0).attribute(images, EVERY_STAGE);
            assertEquals(1, blue.channels());
            assertEquals("B", blue.channelName(0));
            for (int i = 0; i < 2; i++) {
                for (String stage : net.stageNames()) {
                    for (int h = 0; h < 8; h++) {
                        for (int w = 0; w < 8; w++) {
                            assertEquals(all.value(i, stage, 2, h, w), blue.value(i, stage, 0, h, w), 1e-6);
                            assertEquals(allFirstOrder.value(i, stage, 2, h, w),
                                    blueFirstOrder.value(i, stage, 0, h, w), 1e-6);
                        }
                    }
                }
            }
        }
    }

    @Test
    void sameInputsGiveTheSameMapsEveryTimeAndForEveryBatchSize() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = TinyNets.conv()) {
            NDArray images = TinyNets.images(manager, 2, 14);
            for (Difference difference : List.of(Difference.OF_OUTPUTS, Difference.OF_NORMS)) {
                PixelSensitivity pixel = PixelSensitivity.of(net).delta(Delta.authors(3)).measure(difference);
                AttributionMaps reference = pixel.attribute(images, EVERY_STAGE);
                AttributionMaps referenceGradient = pixel.firstOrder(4_096, 0).attribute(images, EVERY_STAGE);
                for (int batch : new int[] {0, 0, 1, 7, 64, 191}) { // 0 (automatic, one pass of 192) twice
                    AttributionMaps again = pixel.batchSize(batch).attribute(images, EVERY_STAGE);
                    AttributionMaps gradient = pixel.batchSize(batch).firstOrder(4_096, 0)
                            .attribute(images, EVERY_STAGE);
                    for (int i = 0; i < 2; i++) {
                        for (String stage : net.stageNames()) {
                            String what = difference + ", batch " + batch + ", image " + i + ", " + stage;
                            // every copy meets the same kernels as the base it is compared with: equal bits
                            assertArrayEquals(reference.values(i, stage), again.values(i, stage), 0f, what);
                            // backward passes over other batch shapes (one image's copies, or the copies of both
                            // images in one pass) may run other kernels that sum in another order: float32 rounding
                            // (2^-23 per step) of the terms of each gradient, which can cancel down to a small value,
                            // so it is bounded relative to the map's largest value
                            float[] expected = referenceGradient.values(i, stage);
                            float[] actual = gradient.values(i, stage);
                            double largest = 0;
                            for (float e : expected) {
                                largest = Math.max(largest, Math.abs(e));
                            }
                            for (int k = 0; k < N; k++) {
                                assertEquals(expected[k], actual[k], 1e-5 * (Math.abs(expected[k]) + largest), what
                                        + " gradient " + k);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void mapsOfVgg16AreTheSameWithOneAndTwoEngineThreads() {
        // Spark's tasks run with one intra-op thread each, the direct call with the engine's default
        Engine.getInstance().setRandomSeed(3);
        int threads = JniUtils.getNumThreads();
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork vgg = Vgg16.cifar10()) {
            NDArray image = manager.randomUniform(-1f, 1f, new Shape(1, 3, 32, 32));
            PixelSensitivity red = PixelSensitivity.of(vgg).channels(0).delta(Delta.authors(0));
            Target blocks = Target.stages("block1", "block5");
            JniUtils.setNumThreads(1);
            AttributionMaps oneStages = red.attribute(image, blocks);
            AttributionMaps oneClass = red.attribute(image, Target.classLogit(new int[] {3}));
            JniUtils.setNumThreads(2);
            AttributionMaps twoStages = red.attribute(image, blocks);
            AttributionMaps twoClass = red.attribute(image, Target.classLogit(new int[] {3}));
            for (String block : List.of("block1", "block5")) {
                assertArrayEquals(oneStages.values(0, block), twoStages.values(0, block), 0f, block);
            }
            String logit = oneClass.labels().get(0);
            assertArrayEquals(oneClass.values(0, logit), twoClass.values(0, logit), 0f, logit);
        } finally {
            JniUtils.setNumThreads(threads);
        }
    }

    @Test
    void classLogitOfALinearNetworkIsDeltaTimesItsWeightsInEveryMode() {
        int m = 5;
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = TinyNets.linear(m)) {
            NDArray images = TinyNets.images(manager, 2, 15);
            double[][] w = TinyNets.linearWeights(m);
            int[] classes = {1, 3};
            Target logit = Target.classLogit(classes);
            Delta authors = Delta.authors(6);
            PixelSensitivity pixel = PixelSensitivity.of(net).delta(authors);
            AttributionMaps outputs = pixel.attribute(images, logit);
            AttributionMaps norms = pixel.measure(Difference.OF_NORMS).attribute(images, logit);
            AttributionMaps gradient = pixel.firstOrder(64, 0).attribute(images, logit);
            AttributionMaps gradientOfNorms =
                    pixel.measure(Difference.OF_NORMS).firstOrder(64, 0).attribute(images, logit);
            assertEquals(List.of("class"), outputs.labels());
            for (int i = 0; i < 2; i++) {
                assertEquals(classes[i], outputs.classOf(i));
                float[] x = images.get(i).toFloatArray();
                float[] deltas = authors.forImage(i, N);
                double[] row = w[classes[i]];
                double f = 0;
                for (int k = 0; k < N; k++) {
                    f += row[k] * x[k];
                }
                for (int k = 0; k < N; k++) {
                    double expected = Math.abs(deltas[k] * row[k]);
                    double tolerance = 1e-4 * (1 + Math.abs(f));
                    assertEquals(expected, outputs.values(i, "class")[k], tolerance, "|f_c(x+δe) − f_c(x)|, " + k);
                    assertEquals(Math.abs(f + deltas[k] * row[k]) - Math.abs(f), norms.values(i, "class")[k], tolerance,
                            "|f_c(x+δe)| − |f_c(x)|, " + k);
                    assertEquals(expected, gradient.values(i, "class")[k], 1e-5 * (1 + expected), "|δ|·|∂f_c/∂x|, "
                            + k);
                    assertEquals(deltas[k] * Math.signum(f) * row[k], gradientOfNorms.values(i, "class")[k],
                            1e-5 * (1 + expected), "δ·∂|f_c|/∂x, " + k);
                }
            }
        }
    }

    @Test
    void channelTargetEqualsOneForwardPassPerElementAndItsGradientModeIsTheLimit() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = TinyNets.conv()) {
            NDArray image = TinyNets.images(manager, 1, 16);
            Target channel = Target.channel("block2", 3);
            PixelSensitivity pixel = PixelSensitivity.of(net).delta(Delta.fixed(0.003));
            AttributionMaps finite = pixel.attribute(image, channel);
            AttributionMaps gradient = pixel.firstOrder(4_096, 0).attribute(image, channel);
            assertEquals(List.of("block2 channel 3"), finite.labels());
            float[] x = image.toFloatArray();
            ParameterStore store = net.parameterStore();
            NDArray base = net.forwardAll(store, manager.create(x, new Shape(1, 3, 8, 8)), false).get(1).get(":, 3");
            for (int k = 0; k < N; k += 7) {
                float[] perturbed = x.clone();
                perturbed[k] += 0.003f;
                NDArray out = net.forwardAll(store, manager.create(perturbed, new Shape(1, 3, 8, 8)), false).get(1)
                        .get(":, 3");
                float expected = out.sub(base).norm().getFloat();
                assertEquals(expected, finite.values(0, "block2 channel 3")[k], 1e-4 * (1 + expected), "element " + k);
            }
            float[] a = finite.values(0, "block2 channel 3");
            float[] b = gradient.values(0, "block2 channel 3");
            assertTrue(relativeError(a, b) < 0.05, "relative error " + relativeError(a, b));
        }
    }

    @Test
    void classLogitOfAConvNetConvergesToItsGradientMode() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = TinyNets.conv()) {
            NDArray images = TinyNets.images(manager, 2, 17);
            Target logit = Target.classLogit(4);
            for (Difference difference : List.of(Difference.OF_OUTPUTS, Difference.OF_NORMS)) {
                PixelSensitivity pixel = PixelSensitivity.of(net).delta(Delta.fixed(0.001)).measure(difference);
                AttributionMaps finite = pixel.attribute(images, logit);
                AttributionMaps gradient = pixel.firstOrder(1, 0).attribute(images, logit); // one probe: exact
                for (int i = 0; i < 2; i++) {
                    float[] a = finite.values(i, "class");
                    float[] b = gradient.values(i, "class");
                    assertTrue(relativeError(a, b) < 0.02, difference + " image " + i + ": " + relativeError(a, b));
                }
            }
        }
    }

    @Test
    void aSetMappedInPiecesEqualsOneCallOnTheWholeSet() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = TinyNets.conv()) {
            NDArray images = TinyNets.images(manager, 3, 21);
            PixelSensitivity pixel = PixelSensitivity.of(net).delta(Delta.authors(5));
            // few probes: the random directions differ per image, so a wrong image index shows
            List<Attribution> whole = List.of(pixel, pixel.firstOrder(8, 2));
            List<Attribution> head = List.of(pixel.firstImage(0), pixel.firstImage(0).firstOrder(8, 2));
            List<Attribution> tail = List.of(pixel.firstImage(2), pixel.firstImage(2).firstOrder(8, 2));
            for (int method = 0; method < whole.size(); method++) {
                AttributionMaps all = whole.get(method).attribute(images, EVERY_STAGE);
                AttributionMaps first = head.get(method).attribute(images.get("0:2"), EVERY_STAGE);
                AttributionMaps last = tail.get(method).attribute(images.get("2:3"), EVERY_STAGE);
                AttributionMaps unshifted = whole.get(method).attribute(images.get("2:3"), EVERY_STAGE);
                for (String stage : net.stageNames()) {
                    assertArrayEquals(all.values(0, stage), first.values(0, stage), 0f, all.method() + " " + stage);
                    assertArrayEquals(all.values(1, stage), first.values(1, stage), 0f, all.method() + " " + stage);
                    assertArrayEquals(all.values(2, stage), last.values(0, stage), 0f, all.method() + " " + stage);
                }
                assertTrue(!java.util.Arrays.equals(all.values(2, "block1"), unshifted.values(0, "block1")),
                        "image 2 mapped as the first of a call draws other δ");
            }
            assertThrows(IllegalArgumentException.class, () -> pixel.firstImage(-1));
        }
    }

    @Test
    void badInputGetsClearErrors() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = TinyNets.conv()) {
            PixelSensitivity pixel = PixelSensitivity.of(net);
            IllegalArgumentException stage = assertThrows(IllegalArgumentException.class,
                    () -> pixel.attribute(TinyNets.images(manager, 1, 1), Target.stages("fc9")));
            assertTrue(stage.getMessage().contains("block1"), stage.getMessage());
            IllegalArgumentException logit = assertThrows(IllegalArgumentException.class,
                    () -> pixel.attribute(TinyNets.images(manager, 1, 1), Target.classLogit(5)));
            assertTrue(logit.getMessage().contains("0..4"), logit.getMessage());
            IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                    () -> pixel.attribute(manager.ones(new Shape(3, 8)), EVERY_STAGE));
            assertTrue(shape.getMessage().contains("[N, C, H, W]"), shape.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Delta.fixed(0));
        }
    }

    private static double relativeError(float[] a, float[] b) {
        double diff = 0;
        double norm = 0;
        for (int k = 0; k < a.length; k++) {
            diff += (a[k] - b[k]) * (double) (a[k] - b[k]);
            norm += b[k] * (double) b[k];
        }
        return Math.sqrt(diff / norm);
    }

    private static double mean(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x;
        }
        return sum / v.length;
    }
}
