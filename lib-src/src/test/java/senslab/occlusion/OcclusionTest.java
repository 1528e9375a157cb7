package senslab.occlusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import java.util.Random;
import org.junit.jupiter.api.Test;
import senslab.attribution.AttributionMaps;
import senslab.attribution.Target;
import senslab.models.StagedNetwork;

class OcclusionTest {
    private static final int SIDE = 6;

    /** conv(2 → 3, 3 × 3) → tanh │ linear → 4 logits, DJL's default (seeded) weights. */
    private static StagedNetwork net() {
        Engine.getInstance().setRandomSeed(5);
        return StagedNetwork.builder()
                .stage("features", new SequentialBlock()
                        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                                .setFilters(3).build())
                        .add(Activation::tanh))
                .stage("logits", new SequentialBlock().add(Blocks.batchFlattenBlock())
                        .add(Linear.builder().setUnits(4).build()))
                .build().initialize(new Shape(2, SIDE, SIDE));
    }

    private static NDArray images(NDManager manager, int count, int side, long seed) {
        Random random = new Random(seed);
        float[] pixels = new float[count * 2 * side * side];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) (2 * random.nextDouble() - 1);
        }
        return manager.create(pixels, new Shape(count, 2, side, side));
    }

    /** The logit of {@code cls} for each image of {@code batch}, one plain forward pass. */
    private static float[] logits(StagedNetwork net, NDArray batch, int cls) {
        return net.forward(batch).get(":, " + cls).toFloatArray();
    }

    /** A window of one pixel: f(x) − f(x with that pixel's channels at δ = −x), the finite difference at −x. */
    @Test
    void aOnePixelWindowIsTheFiniteDifferenceAtMinusX() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = net()) {
            NDArray x = images(manager, 2, SIDE, 1);
            int[] classes = {3, 1};
            AttributionMaps maps = Occlusion.of(net).window(1).stride(1).batchSize(7)
                    .attribute(x, Target.classLogit(classes));
            assertEquals(1, maps.cellSize());
            for (int image = 0; image < 2; image++) {
                NDArray one = x.get(image + ":" + (image + 1));
                float base = logits(net, one, classes[image])[0];
                float[] map = maps.values(image, "class");
                for (int i = 0; i < SIDE; i++) {
                    for (int j = 0; j < SIDE; j++) {
                        NDArray occluded = one.duplicate();
                        occluded.set(new NDIndex(":, :, " + i + ", " + j), 0f);
                        float expected = base - logits(net, occluded, classes[image])[0];
                        assertEquals(expected, map[i * SIDE + j], 1e-5, "image " + image + ", pixel " + i + "," + j);
                    }
                }
            }
        }
    }

    /** Windows of 4 every 2 pixels: every pixel's value is the mean drop of the windows over it, counted here. */
    @Test
    void largerWindowsAverageTheDropsOfTheWindowsCoveringAPixel() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = net()) {
            NDArray x = images(manager, 1, SIDE, 2);
            float baseline = 0.5f;
            Occlusion occlusion = Occlusion.of(net).window(4).stride(2).baseline(baseline);
            AttributionMaps maps = occlusion.attribute(x, Target.classLogit(0));
            assertEquals(2, maps.cellSize(), "one value per 2 × 2 cell, the squares windows and stride are made of");
            float[] map = maps.values(0, "class");
            float base = logits(net, x, 0)[0];
            double[] sum = new double[SIDE * SIDE];
            int[] count = new int[SIDE * SIDE];
            int windows = 0;
            for (int top = 0; top + 4 <= SIDE; top += 2) {
                for (int left = 0; left + 4 <= SIDE; left += 2) {
                    windows++;
                    NDArray occluded = x.duplicate();
                    occluded.set(new NDIndex(":, :, " + top + ":" + (top + 4) + ", " + left + ":"
                            + (left + 4)), baseline);
                    float drop = base - logits(net, occluded, 0)[0];
                    for (int i = top; i < top + 4; i++) {
                        for (int j = left; j < left + 4; j++) {
                            sum[i * SIDE + j] += drop;
                            count[i * SIDE + j]++;
                        }
                    }
                }
            }
            for (int i = 0; i < SIDE; i++) {
                for (int j = 0; j < SIDE; j++) {
                    int k = i * SIDE + j;
                    assertEquals(sum[k] / count[k], map[i / 2 * (SIDE / 2) + j / 2], 1e-5, "pixel " + i + "," + j);
                }
            }
            assertEquals(1 + windows, occlusion.forwardPassesPerMap(SIDE, SIDE), "the image and each occluded copy");
            assertEquals(0, occlusion.backwardPassesPerMap(SIDE, SIDE));
        }
    }

    @Test
    void aWindowLargerThanTheImageIsNamed() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = net()) {
            NDArray x = images(manager, 1, SIDE, 3);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Occlusion.of(net).window(SIDE + 1).attribute(x, Target.classLogit(0)));
            assertTrue(e.getMessage().contains("window 7"), e.getMessage());
        }
    }

    /**
     * On a model whose score is the sum of a 4 × 4 region of a 16 × 16 image of ones, RISE recovers the region: of
     * all 4 × 4 windows, the map's mean is highest on it, and there it exceeds E[f] = 16·p (the score given that a
     * pixel is kept, which is larger inside the region than anywhere else).
     */
    @Test
    void riseRecoversTheRegionTheScoreSums() {
        int side = 16;
        int top = 9;
        int left = 3;
        try (NDManager manager = NDManager.newBaseManager();
                StagedNetwork net = StagedNetwork.builder()
                        .stage("output", new LambdaBlock(list -> new NDList(list.singletonOrThrow()
                                .get(":, :, " + top + ":" + (top + 4) + ", " + left + ":" + (left + 4))
                                .sum(new int[] {1, 2, 3}).reshape(-1, 1))))
                        .build().initialize(new Shape(1, side, side))) {
            NDArray x = manager.ones(new Shape(1, 1, side, side));
            float[] map = Rise.of(net).masks(2000).grid(4).keep(0.5).seed(1).attribute(x, Target.classLogit(0))
                    .values(0, "class");
            double best = Double.NEGATIVE_INFINITY;
            int bestTop = -1;
            int bestLeft = -1;
            for (int i = 0; i + 4 <= side; i++) {
                for (int j = 0; j + 4 <= side; j++) {
                    double mean = 0;
                    for (int k = 0; k < 16; k++) {
                        mean += map[(i + k / 4) * side + j + k % 4] / 16.0;
                    }
                    if (mean > best) {
                        best = mean;
                        bestTop = i;
                        bestLeft = j;
                    }
                }
            }
            assertEquals(top + "," + left, bestTop + "," + bestLeft, "the 4 × 4 window of the highest mean");
            assertTrue(best > 16 * 0.5 * 1.2, "mean inside " + best);
        }
    }

    @Test
    void riseWithTheSameSeedGivesTheSameMaps() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = net()) {
            NDArray x = images(manager, 1, SIDE, 4);
            Rise rise = Rise.of(net).masks(40).grid(3).seed(9);
            float[] first = rise.attribute(x, Target.classLogit(2)).values(0, "class");
            float[] again = rise.batchSize(5).attribute(x, Target.classLogit(2)).values(0, "class");
            assertArrayEquals(first, again, 1e-5f);
        }
    }
}
