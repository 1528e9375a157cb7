package senslab.attribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class AttributionMapsTest {

    /** Two labels, three channels; label "b" is 100 times smaller than "a". */
    private static AttributionMaps random(int images, int side, long seed, double scale) {
        Random random = new Random(seed);
        float[][][][][] values = new float[images][2][3][side][side];
        for (float[][][][] image : values) {
            for (int s = 0; s < 2; s++) {
                for (float[][] channel : image[s]) {
                    for (float[] row : channel) {
                        for (int w = 0; w < side; w++) {
                            row[w] = (float) (random.nextDouble() * scale * (s == 0 ? 1 : 0.01));
                        }
                    }
                }
            }
        }
        return AttributionMaps.of("test", "random", Target.stages("a", "b"), List.of("a", "b"), values);
    }

    private static AttributionMaps oneLabel(float[][][] channels) {
        return AttributionMaps.of("hand", "hand", Target.stages("a"), List.of("a"), new float[][][][][] {{channels}});
    }

    @Test
    void pixelizationAveragesCellsAndPreservesTheMean() {
        AttributionMaps maps = random(3, 32, 1, 5);
        for (int cell : new int[] {4, 8}) {
            AttributionMaps coarse = maps.pixelize(cell);
            assertEquals(32 / cell, coarse.height());
            assertEquals(cell, coarse.cellSize());
            for (String label : maps.labels()) {
                assertEquals(maps.mean(label), coarse.mean(label), 1e-6 * maps.max(label));
                for (int c = 0; c < 3; c++) {
                    assertEquals(maps.mean(label, c), coarse.mean(label, c), 1e-6 * maps.max(label));
                }
            }
            double cellMean = 0;
            for (int h = 0; h < cell; h++) {
                for (int w = 0; w < cell; w++) {
                    cellMean += maps.value(2, "a", 1, cell + h, w) / (cell * cell);
                }
            }
            assertEquals(cellMean, coarse.value(2, "a", 1, 1, 0), 1e-5);
        }
        assertThrows(IllegalArgumentException.class, () -> maps.pixelize(5));
    }

    @Test
    void handExampleOfTwoByTwoCells() {
        float[][] plane = {{1, 3, 0, 0}, {5, 7, 0, 4}, {2, 2, 9, 9}, {2, 2, 9, 9}};
        AttributionMaps maps = oneLabel(new float[][][] {plane, new float[4][4], new float[4][4]});
        assertEquals(List.of("R", "G", "B"), maps.channelNames());
        float[][] coarse = maps.pixelize(2).map(0, "a", 0);
        assertArrayEquals(new float[] {4, 1}, coarse[0]);
        assertArrayEquals(new float[] {2, 9}, coarse[1]);
    }

    @Test
    void upsamplingRepeatsCellsAndUndoesPixelizationOfConstantCells() {
        float[][] cells = {{1, 2}, {3, 4}};
        AttributionMaps coarse = AttributionMaps.of("hand", "hand", Target.classLogit(0), List.of("class"),
                List.of(AttributionMaps.ALL_CHANNELS), 2, new float[][][][][] {{{cells}}});
        AttributionMaps fine = coarse.upsample(2);
        assertEquals(1, fine.cellSize());
        assertArrayEquals(new float[] {1, 1, 2, 2}, fine.map(0, "class", 0)[1]);
        assertArrayEquals(new float[] {3, 3, 4, 4}, fine.map(0, "class", 0)[2]);
        assertArrayEquals(coarse.values(0, "class"), fine.pixelize(2).values(0, "class"), 0f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> coarse.upsample(4));
        assertTrue(e.getMessage().contains("cell size 2"), e.getMessage());
    }

    @Test
    void sumOverChannelsAddsTheChannelMaps() {
        AttributionMaps maps = random(2, 4, 3, 1);
        AttributionMaps summed = maps.sumOverChannels();
        assertEquals(List.of("all"), summed.channelNames());
        for (int h = 0; h < 4; h++) {
            for (int w = 0; w < 4; w++) {
                double expected = maps.value(1, "b", 0, h, w) + maps.value(1, "b", 1, h, w)
                        + maps.value(1, "b", 2, h, w);
                assertEquals(expected, summed.value(1, "b", 0, h, w), 1e-7);
            }
        }
        assertEquals(3 * maps.mean("a"), summed.mean("a"), 1e-6);
    }

    @Test
    void scaleIsThePowerOfTenOfTheLargestValue() {
        AttributionMaps maps = random(2, 8, 2, 5);
        assertEquals(0, maps.scaleExponent("a"));
        assertEquals(-2, maps.scaleExponent("b"));
        assertEquals(0.01, maps.scale("b"), 1e-15);
    }

    @Test
    void handValuesOfMeansRatioAndSummary() {
        float[][][] a = {{{1, 2}, {3, 4}}, {{-1, 0}, {0, 0}}, {{0, 0}, {0, 8}}};
        float[][][] b = {{{0.1f, 0.1f}, {0.1f, 0.1f}}, {{0, 0}, {0, 0}}, {{0, 0}, {0, 0.2f}}};
        AttributionMaps maps = AttributionMaps.of("hand", "δ = 1", Target.stages("a", "b"), List.of("a", "b"),
                new float[][][][][] {{a, b}});
        assertEquals(17 / 12.0, maps.mean("a"), 1e-12);
        assertEquals(2.5, maps.mean("a", 0), 1e-12);
        assertEquals(-0.25, maps.mean("a", 1), 1e-12);
        assertEquals(8, maps.max("a"), 1e-12);
        assertEquals(0.6 / 12 / (17 / 12.0), maps.ratio("b", "a"), 1e-7);
        Table summary = maps.summary();
        assertEquals(List.of("label", "mean R", "mean G", "mean B", "mean", "max", "scale 10^", "mean / mean of a",
                "channel similarity"), summary.columnNames());
        assertEquals(-1, summary.intColumn("scale 10^").get(1));
        assertEquals(1, summary.doubleColumn("mean / mean of a").get(0), 0);
        assertEquals(maps.ratio("b", "a"), summary.doubleColumn("mean / mean of a").get(1), 1e-12);
        assertTrue(summary.name().contains("δ = 1"), summary.name());
    }

    @Test
    void summaryInCellsGivesTheScaleOfTheDisplayedMaps() {
        // one value of 8 among zeros: per pixel the scale is 10^0, averaged over 4 × 4 cells it is 8/16 = 0.5
        float[][] plane = new float[4][4];
        plane[1][2] = 8;
        AttributionMaps maps = oneLabel(new float[][][] {plane});
        Table summary = maps.summary(4);
        assertEquals(0, summary.intColumn("scale 10^").get(0));
        assertEquals(-1, summary.intColumn("scale 10^ in 4×4 cells").get(0));
        assertTrue(summary.doubleColumn("channel similarity").isMissing(0), "one channel: no pairs");
    }

    @Test
    void comparisonCountsNegativesAndAveragesMagnitudeRatios() {
        float[][][] reference = {{{1, 2}, {4, 8}}};
        float[][][] other = {{{-0.5f, 1}, {-4, 2}}};
        AttributionMaps a = oneLabel(reference);
        AttributionMaps b = oneLabel(other);
        Table table = b.comparison(a);
        assertEquals((0.5 + 0.5 + 1 + 0.25) / 4, table.doubleColumn("mean |s| / |reference s|").get(0), 1e-12);
        assertEquals(2, table.intColumn("negative values").get(0));
        assertEquals(4, table.intColumn("of values").get(0));
        // ranks of b: −4 < −0.5 < 1 < 2 → (1, 2, 0, 3) against (0, 1, 2, 3): Spearman 1 − 6·Σd²/(n(n²−1)) = 0.4
        assertEquals(0.4, table.doubleColumn("rank correlation").get(0), 1e-9);
    }

    @Test
    void meansFallAndSharesAboveALevel() {
        AttributionMaps maps = random(2, 4, 7, 1);
        assertTrue(maps.meansFall(List.of("a", "b")));
        assertTrue(!maps.meansFall(List.of("b", "a")));
        float[][] plane = {{0.1f, 0.5f}, {0.7f, 0.49f}};
        double[] share = oneLabel(new float[][][] {plane}).shareAtLeast("a", 0.5);
        assertArrayEquals(new double[] {0.5}, share, 0);
    }

    @Test
    void rankCorrelationIsSpearmanOverImagesAndChannels() {
        AttributionMaps maps = random(2, 4, 5, 1);
        // a monotone transform of every value keeps the ranks: correlation 1; a reversal gives −1
        float[][][][][] cubes = new float[2][2][3][4][4];
        float[][][][][] reversed = new float[2][2][3][4][4];
        for (int i = 0; i < 2; i++) {
            for (int s = 0; s < 2; s++) {
                for (int c = 0; c < 3; c++) {
                    float[][] m = maps.map(i, maps.labels().get(s), c);
                    for (int h = 0; h < 4; h++) {
                        for (int w = 0; w < 4; w++) {
                            cubes[i][s][c][h][w] = m[h][w] * m[h][w] * m[h][w];
                            reversed[i][s][c][h][w] = -m[h][w];
                        }
                    }
                }
            }
        }
        List<String> labels = maps.labels();
        assertEquals(1, maps.rankCorrelation(AttributionMaps.of("cubes", "", maps.target(), labels, cubes), "a"), 1e-9);
        assertEquals(-1, maps.rankCorrelation(AttributionMaps.of("minus", "", maps.target(), labels, reversed), "b"),
                1e-9);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> maps.rankCorrelation(maps.sumOverChannels(), "a"));
        assertTrue(e.getMessage().contains("sumOverChannels"), e.getMessage());
    }

    @Test
    void classTargetsKeepThePerImageClassAndSettingsStayTyped() {
        record Hand(double delta) {
        }
        float[][][][][] values = new float[3][1][1][2][2];
        AttributionMaps maps = AttributionMaps.of("hand", new Hand(0.5), Target.classLogit(4, 1, 7), List.of("class"),
                values);
        assertEquals(7, maps.classOf(2));
        assertEquals(0.5, maps.settings(Hand.class).delta());
        assertThrows(IllegalArgumentException.class, () -> maps.settings(String.class));
        assertEquals(3, AttributionMaps.of("one", "", Target.classLogit(3), List.of("class"), values).classOf(1));
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> AttributionMaps.of("two", "", Target.classLogit(1, 2), List.of("class"), values));
        assertTrue(count.getMessage().contains("one per image"), count.getMessage());
        assertThrows(IllegalStateException.class, () -> random(1, 2, 0, 1).classOf(0));
    }

    @Test
    void badShapesAndNamesGetClearErrors() {
        AttributionMaps maps = random(1, 4, 6, 1);
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class, () -> maps.mean("c"));
        assertTrue(label.getMessage().contains("[a, b]"), label.getMessage());
        IllegalArgumentException labels = assertThrows(IllegalArgumentException.class,
                () -> AttributionMaps.of("x", "", Target.stages("a"), List.of("a", "b"), new float[1][1][3][2][2]));
        assertTrue(labels.getMessage().contains("labels"), labels.getMessage());
        float[][][][][] ragged = new float[1][1][3][2][2];
        ragged[0][0][1] = new float[2][3];
        assertThrows(IllegalArgumentException.class,
                () -> AttributionMaps.of("x", "", Target.stages("a"), List.of("a"), ragged));
    }
}
