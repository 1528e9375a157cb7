package senslab.attribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static senslab.attribution.TestMaps.oneLabel;
import static senslab.attribution.TestMaps.random;

import java.util.List;
import org.junit.jupiter.api.Test;

class MapStatisticsTest {

    @Test
    void scaleIsThePowerOfTenOfTheLargestValue() {
        MapStatistics maps = MapStatistics.of(random(2, 8, 2, 5));
        assertEquals(0, maps.scaleExponent("a"));
        assertEquals(-2, maps.scaleExponent("b"));
        assertEquals(0.01, maps.scale("b"), 1e-15);
    }

    @Test
    void handValuesOfMeansAndRatio() {
        float[][][] a = {{{1, 2}, {3, 4}}, {{-1, 0}, {0, 0}}, {{0, 0}, {0, 8}}};
        float[][][] b = {{{0.1f, 0.1f}, {0.1f, 0.1f}}, {{0, 0}, {0, 0}}, {{0, 0}, {0, 0.2f}}};
        MapStatistics maps = MapStatistics.of(AttributionMaps.of("hand", MapSettings.described("δ = 1"),
                Target.stages("a", "b"), List.of("a", "b"), List.of("R", "G", "B"), 2, 2, 1,
                new float[][][] {{TestMaps.flat(a), TestMaps.flat(b)}}));
        assertEquals(17 / 12.0, maps.mean("a"), 1e-12);
        assertEquals(2.5, maps.mean("a", 0), 1e-12);
        assertEquals(-0.25, maps.mean("a", 1), 1e-12);
        assertEquals(8, maps.max("a"), 1e-12);
        assertEquals(0.6 / 12 / (17 / 12.0), maps.ratio("b", "a"), 1e-7);
    }

    @Test
    void meansFallAndSharesAboveALevel() {
        MapStatistics maps = MapStatistics.of(random(2, 4, 7, 1));
        assertTrue(maps.meansFall(List.of("a", "b")));
        assertTrue(!maps.meansFall(List.of("b", "a")));
        float[][] plane = {{0.1f, 0.5f}, {0.7f, 0.49f}};
        double[] share = MapStatistics.of(oneLabel(new float[][][] {plane})).shareAtLeast("a", 0.5);
        assertArrayEquals(new double[] {0.5}, share, 0);
    }

    @Test
    void channelSimilarityOfIdenticalChannelsIsOne() {
        float[][] plane = {{1, 2}, {3, 5}};
        assertEquals(1, MapStatistics.of(oneLabel(new float[][][] {plane, plane, plane})).channelSimilarity("a"),
                1e-9);
    }

    @Test
    void rankCorrelationIsSpearmanOverImagesAndChannels() {
        AttributionMaps maps = random(2, 4, 5, 1);
        // a monotone transform of every value keeps the ranks: correlation 1; a reversal gives −1
        float[][][] cubes = new float[2][2][];
        float[][][] reversed = new float[2][2][];
        for (int i = 0; i < 2; i++) {
            for (int s = 0; s < 2; s++) {
                float[] m = maps.values(i, maps.labels().get(s));
                cubes[i][s] = new float[m.length];
                reversed[i][s] = new float[m.length];
                for (int k = 0; k < m.length; k++) {
                    cubes[i][s][k] = m[k] * m[k] * m[k];
                    reversed[i][s][k] = -m[k];
                }
            }
        }
        List<String> labels = maps.labels();
        MapStatistics stats = MapStatistics.of(maps);
        assertEquals(1, stats.rankCorrelation(AttributionMaps.of("cubes", MapSettings.described(""), maps.target(),
                labels, maps.channelNames(), 4, 4, 1, cubes), "a"), 1e-9);
        assertEquals(-1, stats.rankCorrelation(AttributionMaps.of("minus", MapSettings.described(""), maps.target(),
                labels, maps.channelNames(), 4, 4, 1, reversed), "b"), 1e-9);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> stats.rankCorrelation(MapTransforms.sumOverChannels(maps), "a"));
        assertTrue(e.getMessage().contains("sumOverChannels"), e.getMessage());
    }

    @Test
    void unknownLabelsAreNamed() {
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
                () -> MapStatistics.of(random(1, 4, 6, 1)).mean("c"));
        assertTrue(label.getMessage().contains("[a, b]"), label.getMessage());
    }
}
