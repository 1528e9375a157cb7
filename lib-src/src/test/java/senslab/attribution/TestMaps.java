package senslab.attribution;

import java.util.List;
import java.util.Random;

/** Maps for the tests of this package, made the one way there is: {@link AttributionMaps#of} from flat arrays. */
final class TestMaps {
    private TestMaps() {
    }

    /** Two labels, three channels; label "b" is 100 times smaller than "a". */
    static AttributionMaps random(int images, int side, long seed, double scale) {
        Random random = new Random(seed);
        float[][][] values = new float[images][2][3 * side * side];
        for (float[][] image : values) {
            for (int s = 0; s < 2; s++) {
                for (int k = 0; k < image[s].length; k++) {
                    image[s][k] = (float) (random.nextDouble() * scale * (s == 0 ? 1 : 0.01));
                }
            }
        }
        return AttributionMaps.of("test", MapSettings.described("random"), Target.stages("a", "b"), List.of("a", "b"),
                List.of("R", "G", "B"), side, side, 1, values);
    }

    /** One image, one label "a", channels R, G, B (or "all" for one), from planes [channel][h][w]. */
    static AttributionMaps oneLabel(float[][][] channels) {
        List<String> names = channels.length == 1 ? List.of(AttributionMaps.ALL_CHANNELS)
                : List.of("R", "G", "B").subList(0, channels.length);
        return AttributionMaps.of("hand", MapSettings.described("hand"), Target.stages("a"), List.of("a"), names,
                channels[0].length, channels[0][0].length, 1, new float[][][] {{flat(channels)}});
    }

    /** Planes [channel][h][w] as one flat array, channel by channel, row by row. */
    static float[] flat(float[][][] channels) {
        int height = channels[0].length;
        int width = channels[0][0].length;
        float[] flat = new float[channels.length * height * width];
        for (int c = 0; c < channels.length; c++) {
            for (int h = 0; h < height; h++) {
                System.arraycopy(channels[c][h], 0, flat, (c * height + h) * width, width);
            }
        }
        return flat;
    }
}
