package senslab.attribution;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Maps s[image][label][channel][h][w] with what produced them: the method, its settings and the {@link Target}
 * explained. Labels come from the target (a stage name, "block3 channel 7", "class"); channels are the input's
 * ("R", "G", "B") for per-channel maps, or one "all" for methods with one map per image. Plain JVM arrays:
 * nothing native is held. The scale of a label is the power of ten of its largest |s| (the paper's "the scale
 * is 10^-1"). Transforms return new maps; nothing here changes after construction.
 */
public final class AttributionMaps {
    private static final List<String> RGB = List.of("R", "G", "B");
    /** The channel name of maps with one channel per image. */
    public static final String ALL_CHANNELS = "all";

    private final String method;
    private final Object settings;
    private final Target target;
    private final List<String> labels;
    private final List<String> channelNames;
    private final int channels;
    private final int height;
    private final int width;
    private final int cell;
    /** [image][label] → channel-major flat map of channels × height × width. */
    private final float[][][] values;

    private AttributionMaps(String method, Object settings, Target target, List<String> labels,
            List<String> channelNames, int height, int width, int cell, float[][][] values) {
        this.method = Objects.requireNonNull(method, "method");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.target = Objects.requireNonNull(target, "target");
        this.labels = List.copyOf(labels);
        this.channelNames = List.copyOf(channelNames);
        this.channels = channelNames.size();
        this.height = height;
        this.width = width;
        this.cell = cell;
        this.values = values;
        target.checkImages(values.length);
    }

    /**
     * Maps computed elsewhere, as values[image][label][channel][h][w], one input pixel per value; channels are
     * named "R", "G", "B" when there are three, "all" when there is one, else "c0", "c1", ….
     */
    public static AttributionMaps of(String method, Object settings, Target target, List<String> labels,
            float[][][][][] values) {
        int count = values.length > 0 && values[0].length > 0 ? values[0][0].length : 0;
        List<String> names = count == 1 ? List.of(ALL_CHANNELS)
                : inputChannelNames(count, IntStream.range(0, count).toArray());
        return of(method, settings, target, labels, names, 1, values);
    }

    /**
     * Maps computed elsewhere, with their channels' names and the input pixels per side of one value
     * ({@code cellSize}: 4 for an 8 × 8 grid over a 32 × 32 image).
     */
    public static AttributionMaps of(String method, Object settings, Target target, List<String> labels,
            List<String> channelNames, int cellSize, float[][][][][] values) {
        if (values.length == 0 || values[0].length == 0 || values[0][0].length == 0) {
            throw new IllegalArgumentException(
                    "no maps: give values[image][label][channel][h][w], at least one of each");
        }
        if (cellSize < 1) {
            throw new IllegalArgumentException("cell size must be >= 1, got " + cellSize);
        }
        int count = values[0][0].length;
        int height = values[0][0][0].length;
        int width = height == 0 ? 0 : values[0][0][0][0].length;
        if (channelNames.size() != count) {
            throw new IllegalArgumentException(channelNames.size() + " channel names " + channelNames + " for "
                    + count + " channels");
        }
        float[][][] flat = new float[values.length][labels.size()][count * height * width];
        for (int i = 0; i < values.length; i++) {
            if (values[i].length != labels.size()) {
                throw new IllegalArgumentException("image " + i + " has " + values[i].length + " maps for the "
                        + labels.size() + " labels " + labels);
            }
            for (int s = 0; s < labels.size(); s++) {
                if (values[i][s].length != count) {
                    throw new IllegalArgumentException("image " + i + ", " + labels.get(s) + ": " + values[i][s].length
                            + " channels, the first map has " + count);
                }
                for (int c = 0; c < count; c++) {
                    for (int h = 0; h < height; h++) {
                        if (values[i][s][c].length != height || values[i][s][c][h].length != width) {
                            throw new IllegalArgumentException("maps must all be " + height + "×" + width);
                        }
                        System.arraycopy(values[i][s][c][h], 0, flat[i][s], (c * height + h) * width, width);
                    }
                }
            }
        }
        return new AttributionMaps(method, settings, target, labels, channelNames, height, width, cellSize, flat);
    }

    /** Names of the input channels {@code chosen} out of {@code inputChannels}: "R", "G", "B" for RGB, else "c0", …. */
    public static List<String> inputChannelNames(int inputChannels, int... chosen) {
        return Arrays.stream(chosen).mapToObj(c -> inputChannels == 3 ? RGB.get(c) : "c" + c).toList();
    }

    /** The method's short name: "finite differences", "gradient mode", "Grad-CAM", …. */
    public String method() {
        return method;
    }

    /** The typed settings record of the method that made these maps (δ, difference, probes, stage, grid…). */
    public Object settings() {
        return settings;
    }

    /** {@link #settings()} as the record type the caller expects, with a clear error if it is another. */
    public <T> T settings(Class<T> type) {
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
        return channels;
    }

    /** Input pixels per side of one map value: 1 for raw maps, 4 after {@code pixelize(4)}. */
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

    /**
     * Maps averaged over cells of {@code cell} × {@code cell} pixels (the paper's 4 × 4 and 8 × 8
     * pixelization); the result is {@code cell} times smaller per side and has the same mean.
     */
    public AttributionMaps pixelize(int cell) {
        if (cell < 1 || height % cell != 0 || width % cell != 0) {
            throw new IllegalArgumentException("cell size " + cell + " must divide the map size " + height + "×"
                    + width);
        }
        int w2 = width / cell;
        return perPlane(height / cell, w2, this.cell * cell, (in, out) -> {
            for (int h = 0; h < height; h++) {
                for (int w = 0; w < width; w++) {
                    out[(h / cell) * w2 + w / cell] += in[h * width + w] / (cell * cell);
                }
            }
        });
    }

    /**
     * Every value repeated over {@code factor} × {@code factor} pixels (nearest neighbour), e.g. to lay maps of
     * 4 × 4-pixel cells over the image; {@code factor} must divide the cell size.
     */
    public AttributionMaps upsample(int factor) {
        if (factor < 1 || cell % factor != 0) {
            throw new IllegalArgumentException("upsampling factor " + factor + " must divide the cell size " + cell
                    + " (each value covers " + cell + "×" + cell + " input pixels)");
        }
        int h2 = height * factor;
        int w2 = width * factor;
        return perPlane(h2, w2, cell / factor, (in, out) -> {
            for (int h = 0; h < h2; h++) {
                for (int w = 0; w < w2; w++) {
                    out[h * w2 + w] = in[(h / factor) * width + w / factor];
                }
            }
        });
    }

    /** Fills one output plane (one image, label and channel) from the input plane of the same place. */
    private interface PlaneFill {
        void fill(float[] in, float[] out);
    }

    /** New maps of {@code h2} × {@code w2} values per channel, {@code fill}ed plane by plane from these. */
    private AttributionMaps perPlane(int h2, int w2, int newCell, PlaneFill fill) {
        int plane = height * width;
        float[][][] out = new float[values.length][labels.size()][channels * h2 * w2];
        float[] in = new float[plane];
        float[] result = new float[h2 * w2];
        for (int i = 0; i < values.length; i++) {
            for (int s = 0; s < labels.size(); s++) {
                for (int c = 0; c < channels; c++) {
                    System.arraycopy(values[i][s], c * plane, in, 0, plane);
                    Arrays.fill(result, 0f);
                    fill.fill(in, result);
                    System.arraycopy(result, 0, out[i][s], c * h2 * w2, h2 * w2);
                }
            }
        }
        return new AttributionMaps(method, settings, target, labels, channelNames, h2, w2, newCell, out);
    }

    /** One channel, "all", the sum of the channels' maps: what CAM and Sobol maps are compared with. */
    public AttributionMaps sumOverChannels() {
        int plane = height * width;
        float[][][] out = new float[values.length][labels.size()][plane];
        for (int i = 0; i < values.length; i++) {
            for (int s = 0; s < labels.size(); s++) {
                for (int c = 0; c < channels; c++) {
                    for (int k = 0; k < plane; k++) {
                        out[i][s][k] += values[i][s][c * plane + k];
                    }
                }
            }
        }
        return new AttributionMaps(method, settings, target, labels, List.of(ALL_CHANNELS), height, width, cell, out);
    }

    /** Mean of s over every image, channel and pixel of a label. */
    public double mean(String label) {
        return stat(label, -1, false);
    }

    /** Mean of s over every image and pixel of one channel of a label. */
    public double mean(String label, int channel) {
        checkChannel(channel);
        return stat(label, channel, false);
    }

    /** Largest |s| of a label over images and channels. */
    public double max(String label) {
        return stat(label, -1, true);
    }

    /** The exponent e of the label's scale 10^e: floor(log10(largest |s|)); 0 when the label's maps are zero. */
    public int scaleExponent(String label) {
        double max = max(label);
        return max > 0 ? (int) Math.floor(Math.log10(max)) : 0;
    }

    /** 10^{@link #scaleExponent}. */
    public double scale(String label) {
        return Math.pow(10, scaleExponent(label));
    }

    /** The mean of one label over the mean of another, e.g. {@code ratio("block5", "block1")}: the fall with depth. */
    public double ratio(String label, String referenceLabel) {
        return mean(label) / mean(referenceLabel);
    }

    /**
     * How alike the channels' maps of a label are: the Pearson correlation of every pair of channel maps of the
     * same image, averaged over pairs and images (1: identical patterns; the paper sees R, G and B differ in
     * VGG-16's block 1 and look alike by block 4). NaN for one channel.
     */
    public double channelSimilarity(String label) {
        int s = index(label);
        int plane = height * width;
        double total = 0;
        int pairs = 0;
        for (float[][] image : values) {
            for (int a = 0; a < channels; a++) {
                for (int b = a + 1; b < channels; b++) {
                    total += Correlation.pearson(Arrays.copyOfRange(image[s], a * plane, (a + 1) * plane),
                            Arrays.copyOfRange(image[s], b * plane, (b + 1) * plane));
                    pairs++;
                }
            }
        }
        return pairs == 0 ? Double.NaN : total / pairs;
    }

    /**
     * Spearman's rank correlation of this label's values with the same label of {@code other}, over all images,
     * channels and pixels: how alike two methods rank the inputs. Both must have the same shape.
     */
    public double rankCorrelation(AttributionMaps other, String label) {
        if (other.images() != images() || other.channels != channels || other.height != height
                || other.width != width) {
            throw new IllegalArgumentException("maps of different shapes cannot be rank-correlated: " + shape()
                    + " against " + other.shape() + (other.channels != channels
                            ? "; sumOverChannels() on the per-channel ones makes them comparable" : ""));
        }
        return Correlation.spearman(concatenated(label), other.concatenated(label));
    }

    /**
     * One row per label: mean per channel, mean, largest |s|, scale exponent, the mean over the first label's,
     * and the {@link #channelSimilarity}.
     */
    public Table summary() {
        String first = labels.get(0);
        String ratioColumn = "mean / mean of " + first;
        Table table = Table.create(method + ": " + settings + (cell == 1 ? "" : ", cells of " + cell + "×" + cell))
                .addColumns(StringColumn.create("label"));
        for (int c = 0; c < channels; c++) {
            table.addColumns(DoubleColumn.create("mean " + channelName(c)));
        }
        table.addColumns(DoubleColumn.create("mean"), DoubleColumn.create("max"), IntColumn.create("scale 10^"),
                DoubleColumn.create(ratioColumn), DoubleColumn.create("channel similarity"));
        for (String label : labels) {
            table.stringColumn("label").append(label);
            for (int c = 0; c < channels; c++) {
                table.doubleColumn("mean " + channelName(c)).append(mean(label, c));
            }
            table.doubleColumn("mean").append(mean(label));
            table.doubleColumn("max").append(max(label));
            table.intColumn("scale 10^").append(scaleExponent(label));
            table.doubleColumn(ratioColumn).append(ratio(label, first));
            table.doubleColumn("channel similarity").append(channelSimilarity(label));
        }
        return table;
    }

    /**
     * {@link #summary()} with the scale of the maps as displayed in cells of {@code cell} × {@code cell} pixels
     * (the paper states the scales of its 4 × 4-cell figures; averaging over cells lowers the largest value).
     */
    public Table summary(int cell) {
        AttributionMaps cells = pixelize(cell);
        return summary().addColumns(IntColumn.create("scale 10^ in " + cell + "×" + cell + " cells",
                labels.stream().mapToInt(cells::scaleExponent).toArray()));
    }

    /**
     * Per label, these maps against {@code reference} (same shape; e.g. the printed variant against the authors'
     * maps, or the gradient mode against finite differences): the mean over values of |s| / |s_reference|, how
     * many values here are negative, and the {@link #rankCorrelation}.
     */
    public Table comparison(AttributionMaps reference) {
        Table table = Table.create(method + " (" + settings + ") against " + reference.method() + " ("
                + reference.settings() + ")").addColumns(StringColumn.create("label"),
                DoubleColumn.create("mean |s| / |reference s|"), IntColumn.create("negative values"),
                IntColumn.create("of values"), DoubleColumn.create("rank correlation"));
        for (String label : labels) {
            double correlation = rankCorrelation(reference, label); // checks the shapes first
            float[] here = concatenated(label);
            float[] there = reference.concatenated(label);
            double ratio = IntStream.range(0, here.length).mapToDouble(k -> Math.abs(here[k]) / Math.abs(there[k]))
                    .average().orElse(Double.NaN);
            table.stringColumn("label").append(label);
            table.doubleColumn("mean |s| / |reference s|").append(ratio);
            table.intColumn("negative values").append((int) IntStream.range(0, here.length).filter(k -> here[k] < 0)
                    .count());
            table.intColumn("of values").append(here.length);
            table.doubleColumn("rank correlation").append(correlation);
        }
        return table;
    }

    /** Whether the mean falls from each of {@code labels} to the next (the paper: sensitivity falls with depth). */
    public boolean meansFall(List<String> labels) {
        return IntStream.range(1, labels.size()).allMatch(k -> mean(labels.get(k)) < mean(labels.get(k - 1)));
    }

    /**
     * Per image, the share of a label's values (over channels and pixels) at least {@code level}: how broad a
     * map normalised to [0, 1] is, e.g. {@code shareAtLeast("class", 0.5)} for CAM maps.
     */
    public double[] shareAtLeast(String label, double level) {
        int s = index(label);
        return Arrays.stream(values).mapToDouble(image -> IntStream.range(0, image[s].length)
                .filter(k -> image[s][k] >= level).count() / (double) image[s].length).toArray();
    }

    private float[] concatenated(String label) {
        int s = index(label);
        int size = channels * height * width;
        float[] all = new float[values.length * size];
        for (int i = 0; i < values.length; i++) {
            System.arraycopy(values[i][s], 0, all, i * size, size);
        }
        return all;
    }

    private double stat(String label, int channel, boolean maxAbs) {
        int s = index(label);
        int plane = height * width;
        double acc = 0;
        long n = 0;
        for (float[][] image : values) {
            for (int c = 0; c < channels; c++) {
                if (channel >= 0 && c != channel) {
                    continue;
                }
                for (int k = c * plane; k < (c + 1) * plane; k++) {
                    acc = maxAbs ? Math.max(acc, Math.abs(image[s][k])) : acc + image[s][k];
                    n++;
                }
            }
        }
        return maxAbs ? acc : acc / n;
    }

    private int index(String label) {
        int s = labels.indexOf(label);
        if (s < 0) {
            throw new IllegalArgumentException("no maps labelled '" + label + "'; these maps have " + labels);
        }
        return s;
    }

    private void checkImage(int image) {
        if (image < 0 || image >= values.length) {
            throw new IndexOutOfBoundsException("image " + image + " of " + values.length);
        }
    }

    private void checkChannel(int channel) {
        if (channel < 0 || channel >= channels) {
            throw new IndexOutOfBoundsException("channel " + channel + " of " + channels + " " + channelNames);
        }
    }

    private String shape() {
        return values.length + " images × " + channels + " channels × " + height + "×" + width;
    }

    @Override
    public String toString() {
        return "AttributionMaps[" + method + " (" + settings + ") of " + target + "; " + values.length + " images × "
                + labels + " × " + channelNames + " × " + height + "×" + width
                + (cell == 1 ? "" : ", cells of " + cell + "×" + cell) + "]";
    }
}
