package senslab.localisation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import senslab.attribution.AttributionMaps;
import senslab.attribution.MapSettings;
import senslab.attribution.Target;
import senslab.metric.Batch;
import senslab.metric.Method;
import senslab.metric.Metric;
import senslab.metric.MetricNets;

class LocalisationTest {
    private static final int SIDE = MetricNets.SIDE;

    /** Image i's true patch: a 3 × 3 square with its corner at (i, 2i). */
    private static boolean[][][] masks(int images) {
        boolean[][][] masks = new boolean[images][SIDE][SIDE];
        for (int i = 0; i < images; i++) {
            for (int h = i; h < i + 3; h++) {
                for (int w = 2 * i; w < 2 * i + 3; w++) {
                    masks[i][h][w] = true;
                }
            }
        }
        return masks;
    }

    /** Maps of one channel at {@code cell} pixels per value, the value of pixel (h, w) given by {@code value}. */
    private static AttributionMaps maps(boolean[][][] masks, int cell, MaskValue value) {
        int side = SIDE / cell;
        float[][][] values = new float[masks.length][1][side * side];
        for (int i = 0; i < masks.length; i++) {
            for (int h = 0; h < side; h++) {
                for (int w = 0; w < side; w++) {
                    values[i][0][h * side + w] = value.of(masks[i][h * cell][w * cell]);
                }
            }
        }
        return AttributionMaps.of("hand", MapSettings.described("hand"), Target.classLogit(0), List.of("class"),
                List.of(AttributionMaps.ALL_CHANNELS), side, side, cell, values);
    }

    private interface MaskValue {
        float of(boolean inside);
    }

    private static double[] score(Metric metric, AttributionMaps maps, int firstImage) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = MetricNets.images(manager, maps.images(), 0);
            return metric.score(Method.of("hand", new MetricNets.Identity()), maps, new Batch(x, Target.classLogit(0),
                    firstImage));
        }
    }

    @Test
    void theTrueMaskScoresBestAndItsNegationWorst() {
        boolean[][][] masks = masks(3);
        GroundTruth truth = GroundTruth.of(masks);
        AttributionMaps mask = maps(masks, 1, inside -> inside ? 1 : 0);
        AttributionMaps negation = maps(masks, 1, inside -> inside ? 0 : 1);
        assertArrayEquals(new double[] {1, 1, 1}, score(new PointingGame(truth), mask, 0));
        assertArrayEquals(new double[] {1, 1, 1}, score(new RelevanceMass(truth), mask, 0));
        assertArrayEquals(new double[] {0, 0, 0}, score(new PointingGame(truth), negation, 0));
        assertArrayEquals(new double[] {0, 0, 0}, score(new RelevanceMass(truth), negation, 0));
    }

    @Test
    void relevanceMassIsTheShareOfPositiveRelevanceInsideAndMapsOfCellsReachThePixels() {
        boolean[][][] masks = masks(2);
        // 2 on each of the 9 mask pixels, 1 on the 55 others: mass 18 / (18 + 55)
        AttributionMaps maps = maps(masks, 1, inside -> inside ? 2 : 1);
        assertArrayEquals(new double[] {18.0 / 73, 18.0 / 73}, score(new RelevanceMass(GroundTruth.of(masks)), maps,
                0), 1e-12);
        // a mask read from an array, by the image's index in the whole set (the batch is images 1 and 2 of 3)
        boolean[][][] three = masks(3);
        AttributionMaps shifted = maps(new boolean[][][] {three[1], three[2]}, 1, inside -> inside ? 1 : -1);
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] flat = new float[3 * SIDE * SIDE];
            for (int k = 0; k < flat.length; k++) {
                flat[k] = three[k / (SIDE * SIDE)][k / SIDE % SIDE][k % SIDE] ? 1 : 0;
            }
            GroundTruth truth = GroundTruth.of(manager.create(flat, new ai.djl.ndarray.types.Shape(3, SIDE, SIDE)));
            assertArrayEquals(new double[] {1, 1}, score(new RelevanceMass(truth), shifted, 1));
            // against the masks of images 0 and 1 instead, 2 of each map's 9 positive pixels fall inside
            assertArrayEquals(new double[] {2.0 / 9, 2.0 / 9}, score(new RelevanceMass(truth), shifted, 0), 1e-12);
        }
        // cells of 2 px brought to the pixels: the first highest pixel, (0, 0) and (2, 2), lies inside
        AttributionMaps cells = maps(masks, 2, inside -> inside ? 1 : 0);
        assertArrayEquals(new double[] {1, 1}, score(new PointingGame(GroundTruth.of(masks)), cells, 0));
    }

    @Test
    void masksOfAnotherSizeAreNamed() {
        boolean[][][] small = new boolean[1][4][4];
        AttributionMaps maps = maps(masks(1), 1, inside -> 1);
        assertThrows(IllegalArgumentException.class, () -> score(new PointingGame(GroundTruth.of(small)), maps, 0));
    }
}
