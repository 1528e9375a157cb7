package senslab.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static senslab.attribution.TestMaps.oneLabel;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class MapTablesTest {

    @Test
    void handValuesOfTheSummary() {
        float[][][] a = {{{1, 2}, {3, 4}}, {{-1, 0}, {0, 0}}, {{0, 0}, {0, 8}}};
        float[][][] b = {{{0.1f, 0.1f}, {0.1f, 0.1f}}, {{0, 0}, {0, 0}}, {{0, 0}, {0, 0.2f}}};
        AttributionMaps maps = AttributionMaps.of("hand", MapSettings.described("δ = 1"), Target.stages("a", "b"),
                List.of("a", "b"), List.of("R", "G", "B"), 2, 2, 1,
                new float[][][] {{TestMaps.flat(a), TestMaps.flat(b)}});
        Table summary = MapTables.summary(maps);
        assertEquals(List.of("label", "mean R", "mean G", "mean B", "mean", "max", "scale 10^", "mean / mean of a",
                "channel similarity"), summary.columnNames());
        assertEquals(-1, summary.intColumn("scale 10^").get(1));
        assertEquals(1, summary.doubleColumn("mean / mean of a").get(0), 0);
        assertEquals(MapStatistics.of(maps).ratio("b", "a"), summary.doubleColumn("mean / mean of a").get(1), 1e-12);
        assertTrue(summary.name().contains("δ = 1"), summary.name());
    }

    @Test
    void summaryInCellsGivesTheScaleOfTheDisplayedMaps() {
        // one value of 8 among zeros: per pixel the scale is 10^0, averaged over 4 × 4 cells it is 8/16 = 0.5
        float[][] plane = new float[4][4];
        plane[1][2] = 8;
        Table summary = MapTables.summary(oneLabel(new float[][][] {plane}), 4);
        assertEquals(0, summary.intColumn("scale 10^").get(0));
        assertEquals(-1, summary.intColumn("scale 10^ in 4×4 cells").get(0));
        assertTrue(summary.doubleColumn("channel similarity").isMissing(0), "one channel: no pairs");
    }

    @Test
    void comparisonCountsNegativesAndAveragesMagnitudeRatios() {
        float[][][] reference = {{{1, 2}, {4, 8}}};
        float[][][] other = {{{-0.5f, 1}, {-4, 2}}};
        Table table = MapTables.comparison(oneLabel(other), oneLabel(reference));
        assertEquals((0.5 + 0.5 + 1 + 0.25) / 4, table.doubleColumn("mean |s| / |reference s|").get(0), 1e-12);
        assertEquals(2, table.intColumn("negative values").get(0));
        assertEquals(4, table.intColumn("of values").get(0));
        // ranks of b: −4 < −0.5 < 1 < 2 → (1, 2, 0, 3) against (0, 1, 2, 3): Spearman 1 − 6·Σd²/(n(n²−1)) = 0.4
        assertEquals(0.4, table.doubleColumn("rank correlation").get(0), 1e-9);
    }
}
