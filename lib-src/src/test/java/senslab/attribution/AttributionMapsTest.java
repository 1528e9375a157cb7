package senslab.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static senslab.attribution.TestMaps.random;

import java.util.List;
import org.junit.jupiter.api.Test;

class AttributionMapsTest {

    @Test
    void classTargetsKeepThePerImageClassAndSettingsStayTyped() {
        record Hand(double delta) implements MethodSettings {
        }
        float[][][] values = new float[3][1][4];
        AttributionMaps maps = AttributionMaps.of("hand", new Hand(0.5), Target.classLogit(4, 1, 7), List.of("class"),
                List.of(AttributionMaps.ALL_CHANNELS), 2, 2, 1, values);
        assertEquals(7, maps.classOf(2));
        assertEquals(0.5, maps.settings(Hand.class).delta());
        assertThrows(IllegalArgumentException.class, () -> maps.settings(MapSettings.Described.class));
        assertEquals(3, AttributionMaps.of("one", MapSettings.described(""), Target.classLogit(3), List.of("class"),
                List.of(AttributionMaps.ALL_CHANNELS), 2, 2, 1, values).classOf(1));
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> AttributionMaps.of("two", MapSettings.described(""), Target.classLogit(1, 2), List.of("class"),
                        List.of(AttributionMaps.ALL_CHANNELS), 2, 2, 1, values));
        assertTrue(count.getMessage().contains("one per image"), count.getMessage());
        assertThrows(IllegalStateException.class, () -> random(1, 2, 0, 1).classOf(0));
    }

    @Test
    void theValuesAreTheMapsFlatChannelByChannelRowByRow() {
        float[] flat = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        AttributionMaps maps = AttributionMaps.of("hand", MapSettings.described("hand"), Target.stages("a"),
                List.of("a"), List.of("R", "G", "B"), 2, 2, 1, new float[][][] {{flat}});
        assertEquals(7, maps.value(0, "a", 1, 1, 0));
        assertEquals(12, maps.map(0, "a", 2)[1][1]);
        assertEquals("hand", maps.settings().toString());
    }

    @Test
    void badShapesAndNamesGetClearErrors() {
        IllegalArgumentException labels = assertThrows(IllegalArgumentException.class,
                () -> AttributionMaps.of("x", MapSettings.described(""), Target.stages("a"), List.of("a", "b"),
                        List.of("R", "G", "B"), 2, 2, 1, new float[1][1][12]));
        assertTrue(labels.getMessage().contains("labels"), labels.getMessage());
        float[][][] ragged = new float[1][1][11];
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> AttributionMaps.of("x", MapSettings.described(""), Target.stages("a"), List.of("a"),
                        List.of("R", "G", "B"), 2, 2, 1, ragged));
        assertTrue(size.getMessage().contains("3 channels of 2×2 need 12"), size.getMessage());
    }
}
