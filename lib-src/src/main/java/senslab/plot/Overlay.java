package senslab.plot;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.stream.IntStream;
import senslab.attribution.AttributionMaps;
import senslab.attribution.MapTransforms;

/**
 * Heat maps (values in [0, 1]) drawn with the project's {@link Viridis} colormap, and laid over an image
 * the way pytorch-grad-cam's {@code show_cam_on_image} does: a weighted mean of the image and the colours.
 */
public final class Overlay {
    private Overlay() {
    }

    /** The heat map {@code [height][width]} as a colour image. */
    public static BufferedImage heatMap(float[][] values) {
        BufferedImage image = new BufferedImage(values[0].length, values.length, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < values.length; y++) {
            for (int x = 0; x < values[0].length; x++) {
                image.setRGB(x, y, Viridis.rgb(values[y][x]));
            }
        }
        return image;
    }

    /**
     * The heat map laid over {@code image} (same size): {@code imageWeight}·image + (1 − imageWeight)·colour
     * per pixel; pytorch-grad-cam's default weight is 0.5.
     */
    public static BufferedImage on(BufferedImage image, float[][] values, double imageWeight) {
        if (values.length != image.getHeight() || values[0].length != image.getWidth()) {
            throw new IllegalArgumentException("heat map " + values.length + "x" + values[0].length
                    + " does not match the image " + image.getHeight() + "x" + image.getWidth()
                    + ": take the map at the input size");
        }
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < values.length; y++) {
            for (int x = 0; x < values[0].length; x++) {
                int a = image.getRGB(x, y);
                int b = Viridis.rgb(values[y][x]);
                int rgb = 0;
                for (int shift = 16; shift >= 0; shift -= 8) {
                    double mixed = imageWeight * ((a >> shift) & 0xff) + (1 - imageWeight) * ((b >> shift) & 0xff);
                    rgb |= (int) Math.round(mixed) << shift;
                }
                out.setRGB(x, y, rgb);
            }
        }
        return out;
    }

    /**
     * Every image with its map of {@code label} laid over it ({@link #on}): the maps' channels summed, maps of cells
     * (a Sobol grid, pixelized maps) spread over their pixels, each map scaled to [0, 1] between its own smallest
     * and largest value, so that maps of any method and scale show alike.
     */
    public static List<BufferedImage> on(List<BufferedImage> images, AttributionMaps maps, String label,
            double imageWeight) {
        if (images.size() != maps.images()) {
            throw new IllegalArgumentException(images.size() + " images for maps of " + maps.images());
        }
        AttributionMaps summed = MapTransforms.upsample(MapTransforms.sumOverChannels(maps), maps.cellSize());
        return IntStream.range(0, images.size())
                .mapToObj(i -> on(images.get(i), scaled(summed.map(i, label, 0)), imageWeight)).toList();
    }

    private static float[][] scaled(float[][] map) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float[] row : map) {
            for (float v : row) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        float range = hi > lo ? hi - lo : 1;
        float[][] out = new float[map.length][map[0].length];
        for (int y = 0; y < map.length; y++) {
            for (int x = 0; x < map[0].length; x++) {
                out[y][x] = (map[y][x] - lo) / range;
            }
        }
        return out;
    }
}
