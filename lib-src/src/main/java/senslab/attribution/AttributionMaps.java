package senslab.attribution;

import java.util.List;
import java.util.Objects;

/**
 * Maps s[image][label][channel][h][w] with what produced them: the method, its typed {@link MapSettings} and the
 * {@link Target} explained. Labels come from the target (a stage name, "block3 channel 7", "class"); channels are
 * the input's ("R", "G", "B") for per-channel maps, or one "all" for methods with one map per image. Plain JVM
 * arrays: nothing native is held, nothing changes after construction.
 *
 * <p>The maps only hold their values: {@link MapTransforms} makes new maps from them (pixelized, summed over
 * channels, relabelled), {@link MapStatistics} measures them (means, scales, correlations) and {@link MapTables}
 * reports them as tables.
 */
public final class AttributionMaps {
    /** The channel name of maps with one channel per image. */
    public static final String ALL_CHANNELS = "all";

    private final String method;
    private final MapSettings settings;
    private final Target target;
    private final List<String> labels;
    private final List<String> channelNames;
    private final int height;
    private final int width;
    private final int cell;
    /** [image][label] → channel-major flat map of channels × height × width. */
    private final float[][][] values;

    private AttributionMaps(String method, MapSettings settings, Target target, List<String> labels,
            List<String> channelNames, int height, int width, int cell, float[][][] values) {
        this.method = Objects.requireNonNull(method, "method");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.target = Objects.requireNonNull(target, "target");
        this.labels = List.copyOf(labels);
        this.channelNames = List.copyOf(channelNames);
        this.height = height;
        this.width = width;
        this.cell = cell;
        this.values = values;
        target.checkImages(values.length);
    }

    /**
     * The one way to make maps: {@code values[image][label]} holds the map of that image and label flat, channel by
     * channel and row by row ({@code channelNames.size() × height × width} values); {@code cellSize} is the input
     * pixels per side of one value (4 for an 8 × 8 grid over a 32 × 32 image, 1 for per-pixel maps). The arrays are
     * kept, not copied: hand over arrays nobody changes afterwards.
     */
    public static AttributionMaps of(String method, MapSettings settings, Target target, List<String> labels,
            List<String> channelNames, int height, int width, int cellSize, float[][][] values) {
        if (values.length == 0 || labels.isEmpty() || channelNames.isEmpty() || height < 1 || width < 1) {
            throw new IllegalArgumentException("no maps: give at least one image, label, channel and pixel (got "
                    + values.length + " images, labels " + labels + ", channels " + channelNames + ", " + height + "×"
                    + width + ")");
        }
        if (cellSize < 1) {
            throw new IllegalArgumentException("cell size must be >= 1, got " + cellSize);
        }
        int size = channelNames.size() * height * width;
        for (int i = 0; i < values.length; i++) {
            if (values[i].length != labels.size()) {
                throw new IllegalArgumentException("image " + i + " has " + values[i].length + " maps for the "
                        + labels.size() + " labels " + labels);
            }
            for (int s = 0; s < labels.size(); s++) {
                if (values[i][s].length != size) {
                    throw new IllegalArgumentException("image " + i + ", " + labels.get(s) + ": " + values[i][s].length
                            + " values, but " + channelNames.size() + " channels of " + height + "×" + width
                            + " need " + size);
                }
            }
        }
        return new AttributionMaps(method, settings, target, labels, channelNames, height, width, cellSize, values);
    }

    /** The method's short name: "finite differences", "gradient mode", "Grad-CAM", …. */
    public String method() {
        return method;
    }

    /** What the maps were made with: the method's typed settings record, or a description. */
    public MapSettings settings() {
        return settings;
    }

    /** {@link #settings()} as the record type the caller expects, with a clear error if it is another. */
    public <T extends MapSettings> T settings(Class<T> type) {
        if (!type.isInstance(settings)) {
            throw new IllegalArgumentException("these maps (" + method + ") were made with settings of type "
                    + settings.getClass().getSimpleName() + ", not " + type.getSimpleName());
        }
        return type.cast(settings);
    }

    /** What these maps explain. */
    public Target target() {
        return target;
    }

    /** The class explained for image {@code image} (maps of a {@link Target#classLogit} target only). */
    public int classOf(int image) {
        checkImage(image);
        int c = target.classOf(image);
        if (c < 0) {
            throw new IllegalStateException("these maps explain " + target + ", not a class");
        }
        return c;
    }

    /** One label per map of an image, from the target: stage names, "block3 channel 7", "class". */
    public List<String> labels() {
        return labels;
    }

    public List<String> channelNames() {
        return channelNames;
    }

    /** The name of channel number {@code channel}: "R", "G", "B", "all", …. */
    public String channelName(int channel) {
        checkChannel(channel);
        return channelNames.get(channel);
    }

    public int images() {
        return values.length;
    }

    public int channels() {
        return channelNames.size();
    }

    /** Input pixels per side of one map value: 1 for raw maps, 4 after pixelizing by 4. */
    public int cellSize() {
        return cell;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** The map of one image, label and channel as [h][w] (a copy). */
    public float[][] map(int image, String label, int channel) {
        checkImage(image);
        checkChannel(channel);
        float[] flat = values[image][index(label)];
        float[][] map = new float[height][width];
        for (int h = 0; h < height; h++) {
            System.arraycopy(flat, (channel * height + h) * width, map[h], 0, width);
        }
        return map;
    }

    /** Every value of one image and label, channel by channel, row by row (a copy). */
    public float[] values(int image, String label) {
        checkImage(image);
        return values[image][index(label)].clone();
    }

    /** One value: s at (image, label, channel, h, w). */
    public float value(int image, String label, int channel, int h, int w) {
        return values[image][index(label)][(channel * height + h) * width + w];
    }

    /** The values of one image and label number, not copied: for the transforms and statistics of this package. */
    float[] flat(int image, int label) {
        return values[image][label];
    }

    /** The number of a label, with an error naming the labels there are. */
    int index(String label) {
        int s = labels.indexOf(label);
        if (s < 0) {
            throw new IllegalArgumentException("no maps labelled '" + label + "'; these maps have " + labels);
        }
        return s;
    }

    /** "images × channels × height×width", for errors. */
    String shape() {
        return values.length + " images × " + channels() + " channels × " + height + "×" + width;
    }

    private void checkImage(int image) {
        if (image < 0 || image >= values.length) {
            throw new IndexOutOfBoundsException("image " + image + " of " + values.length);
        }
    }

    private void checkChannel(int channel) {
        if (channel < 0 || channel >= channels()) {
            throw new IndexOutOfBoundsException("channel " + channel + " of " + channels() + " " + channelNames);
        }
    }

    @Override
    public String toString() {
        return "AttributionMaps[" + method + " (" + settings + ") of " + target + "; " + values.length + " images × "
                + labels + " × " + channelNames + " × " + height + "×" + width
                + (cell == 1 ? "" : ", cells of " + cell + "×" + cell) + "]";
    }
}
