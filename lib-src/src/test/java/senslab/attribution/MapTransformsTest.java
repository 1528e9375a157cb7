package senslab.attribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static senslab.attribution.TestMaps.oneLabel;
import static senslab.attribution.TestMaps.random;

import java.util.List;
import org.junit.jupiter.api.Test;

class MapTransformsTest {

    @Test
    void pixelizationAveragesCellsAndPreservesTheMean() {
        AttributionMaps maps = random(3, 32, 1, 5);
        MapStatistics fine = MapStatistics.of(maps);
        for (int cell : new int[] {4, 8}) {
            AttributionMaps coarse = MapTransforms.pixelize(maps, cell);
            MapStatistics coarseStats = MapStatistics.of(coarse);
            assertEquals(32 / cell, coarse.height());
            assertEquals(cell, coarse.cellSize());
            for (String label : maps.labels()) {
                assertEquals(fine.mean(label), coarseStats.mean(label), 1e-6 * fine.max(label));
                for (int c = 0; c < 3; c++) {
                    assertEquals(fine.mean(label, c), coarseStats.mean(label, c), 1e-6 * fine.max(label));
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
        assertThrows(IllegalArgumentException.class, () -> MapTransforms.pixelize(maps, 5));
    }

    @Test
    void handExampleOfTwoByTwoCells() {
        float[][] plane = {{1, 3, 0, 0}, {5, 7, 0, 4}, {2, 2, 9, 9}, {2, 2, 9, 9}};
        AttributionMaps maps = oneLabel(new float[][][] {plane, new float[4][4], new float[4][4]});
        assertEquals(List.of("R", "G", "B"), maps.channelNames());
        float[][] coarse = MapTransforms.pixelize(maps, 2).map(0, "a", 0);
        assertArrayEquals(new float[] {4, 1}, coarse[0]);
        assertArrayEquals(new float[] {2, 9}, coarse[1]);
    }

    @Test
    void upsamplingRepeatsCellsAndUndoesPixelizationOfConstantCells() {
        AttributionMaps coarse = AttributionMaps.of("hand", MapSettings.described("hand"), Target.classLogit(0),
                List.of("class"), List.of(AttributionMaps.ALL_CHANNELS), 2, 2, 2, new float[][][] {{{1, 2, 3, 4}}});
        AttributionMaps fine = MapTransforms.upsample(coarse, 2);
        assertEquals(1, fine.cellSize());
        assertArrayEquals(new float[] {1, 1, 2, 2}, fine.map(0, "class", 0)[1]);
        assertArrayEquals(new float[] {3, 3, 4, 4}, fine.map(0, "class", 0)[2]);
        assertArrayEquals(coarse.values(0, "class"), MapTransforms.pixelize(fine, 2).values(0, "class"), 0f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MapTransforms.upsample(coarse, 4));
        assertTrue(e.getMessage().contains("cell size 2"), e.getMessage());
    }

    @Test
    void sumOverChannelsAddsTheChannelMaps() {
        AttributionMaps maps = random(2, 4, 3, 1);
        AttributionMaps summed = MapTransforms.sumOverChannels(maps);
        assertEquals(List.of("all"), summed.channelNames());
        for (int h = 0; h < 4; h++) {
            for (int w = 0; w < 4; w++) {
                double expected = maps.value(1, "b", 0, h, w) + maps.value(1, "b", 1, h, w)
                        + maps.value(1, "b", 2, h, w);
                assertEquals(expected, summed.value(1, "b", 0, h, w), 1e-7);
            }
        }
        assertEquals(3 * MapStatistics.of(maps).mean("a"), MapStatistics.of(summed).mean("a"), 1e-6);
    }

    @Test
    void cellSizesOfOtherMapsAreReachedByAveragingOrSpreading() {
        AttributionMaps pixels = random(1, 8, 4, 1);
        AttributionMaps cells = MapTransforms.atCellSize(pixels, 4);
        assertEquals(4, cells.cellSize());
        assertEquals(List.of("all"), cells.channelNames());
        assertArrayEquals(MapTransforms.pixelize(MapTransforms.sumOverChannels(pixels), 4).values(0, "a"),
                cells.values(0, "a"), 0f);
        assertEquals(2, MapTransforms.atCellSize(cells, 2).cellSize(), "coarse cells spread over finer ones");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MapTransforms.atCellSize(cells, 3));
        assertTrue(e.getMessage().contains("multiple or a divisor of 4"), e.getMessage());
    }

    @Test
    void oneLabelUnderANewNameAndMapsSideBySide() {
        AttributionMaps maps = random(2, 4, 8, 1);
        AttributionMaps joined = MapTransforms.joined(MapTransforms.only(maps, "b", "first"),
                MapTransforms.only(maps, "a", "second"));
        assertEquals(List.of("first", "second"), joined.labels());
        assertArrayEquals(maps.values(1, "b"), joined.values(1, "first"), 0f);
        assertArrayEquals(maps.values(1, "a"), joined.values(1, "second"), 0f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MapTransforms.joined(maps, MapTransforms.sumOverChannels(maps)));
        assertTrue(e.getMessage().contains("alike"), e.getMessage());
    }
}
