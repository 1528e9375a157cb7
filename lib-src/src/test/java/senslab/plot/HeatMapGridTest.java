package senslab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import senslab.attribution.AttributionMaps;
import senslab.attribution.MapSettings;
import senslab.attribution.MapStatistics;
import senslab.attribution.Target;

class HeatMapGridTest {

    @Test
    void viridisRunsFromDarkPurpleToYellowWithRisingLightness() {
        assertEquals(0x44, Viridis.rgb(0) >> 16, 4, "red at 0");
        assertEquals(0x54, Viridis.rgb(0) & 0xFF, 4, "blue at 0");
        assertEquals(0xFD, Viridis.rgb(1) >> 16, 4, "red at 1");
        assertEquals(0xE7, Viridis.rgb(1) >> 8 & 0xFF, 4, "green at 1");
        double previous = -1;
        for (int k = 0; k <= 100; k++) {
            int rgb = Viridis.rgb(k / 100.0);
            double luma = 0.2126 * (rgb >> 16) + 0.7152 * (rgb >> 8 & 0xFF) + 0.0722 * (rgb & 0xFF);
            assertTrue(luma > previous, "lightness must rise, fails at " + k / 100.0);
            previous = luma;
        }
        assertEquals(Viridis.rgb(0), Viridis.rgb(-3));
    }

    /** Two images, one stage, three 2×2 channels; the largest value is image 2, channel B, top left. */
    private static AttributionMaps maps() {
        float[][][] values = new float[2][1][3 * 4];
        for (int i = 0; i < 2; i++) {
            for (int c = 0; c < 3; c++) {
                for (int k = 0; k < 4; k++) {
                    values[i][0][c * 4 + k] = 0.001f * (1 + k + c);
                }
            }
        }
        values[1][0][2 * 4] = 0.05f;
        return AttributionMaps.of("test", MapSettings.described("test"), Target.stages("block1"), List.of("block1"),
                List.of("R", "G", "B"), 2, 2, 1, values);
    }

    @Test
    void channelGridPutsTheLargestValueInTheBrightestColour() {
        BufferedImage grid = HeatMapGrid.channels(maps(), "block1", Collections.emptyList());
        // the layout: label column 86 px, tiles of 64 px with 4 px gaps, title 44 px + header 20 px
        int x = 86 + 2 * 68 + 10;
        int y = 64 + 68 + 10;
        assertEquals(Viridis.rgb(1), grid.getRGB(x, y) & 0xFFFFFF, "image 2, channel B, top left");
        assertEquals(Viridis.rgb(0), grid.getRGB(86 + 10, 64 + 10) & 0xFFFFFF, "image 1, channel R, top left");
        assertEquals(2 * 68 + 64 + 4, grid.getHeight());
        assertEquals(-2, MapStatistics.of(maps()).scaleExponent("block1"));
    }

    @Test
    void stageGridHasARowPerStageAndThumbnailsOnTop() {
        BufferedImage thumb = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        BufferedImage grid = HeatMapGrid.stages(maps(), 0, List.of("block1"), List.of(thumb, thumb));
        assertEquals(64 + 2 * 68 + 4, grid.getHeight());
    }

    @Test
    void imageGridChecksItsLabels() {
        BufferedImage thumb = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        BufferedImage grid = ImageGrid.of(List.of(thumb, thumb, thumb), List.of("a", "b", "c"), 2, 96);
        assertEquals(6 + 2 * 102, grid.getWidth());
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.of(List.of(thumb), List.of(), 2, 96));
    }

    @Test
    void overlaysSumTheChannelsAndScaleEachMapToItsRange() {
        // two channels summing to 0, 1, 2, 4 (image 1) and 10 everywhere but one 12 (image 2)
        float[][][] values = {{{0, 1, 1, 1, 0, 0, 1, 3}}, {{5, 5, 5, 6, 5, 5, 5, 6}}};
        AttributionMaps maps = AttributionMaps.of("test", MapSettings.described("test"), Target.classLogit(0),
                List.of("class"), List.of("R", "G"), 2, 2, 1, values);
        BufferedImage white = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        List<BufferedImage> overlays = Overlay.on(List.of(white, white), maps, "class", 0);
        assertEquals(Viridis.rgb(0), overlays.get(0).getRGB(0, 0) & 0xFFFFFF);
        assertEquals(Viridis.rgb(0.5), overlays.get(0).getRGB(0, 1) & 0xFFFFFF);
        assertEquals(Viridis.rgb(1), overlays.get(0).getRGB(1, 1) & 0xFFFFFF);
        assertEquals(Viridis.rgb(0), overlays.get(1).getRGB(1, 0) & 0xFFFFFF);
        assertEquals(Viridis.rgb(1), overlays.get(1).getRGB(1, 1) & 0xFFFFFF);
        assertThrows(IllegalArgumentException.class, () -> Overlay.on(List.of(white), maps, "class", 0.5));
    }
}
