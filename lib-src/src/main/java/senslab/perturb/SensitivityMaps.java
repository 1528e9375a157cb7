package senslab.perturb;

import java.util.Arrays;
import java.util.List;
import senslab.attribution.Correlation;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Sensitivity maps s[image][stage][channel][h][w] with what produced them. Plain JVM arrays: nothing native
 * is held. The scale of a stage is the power of ten of its largest |s| (the paper's "the scale is 10^-1").
 */
public final class SensitivityMaps {
    private static final String[] RGB = {"R", "G", "B"};

    private final String method;
    private final List<String> stages;
    private final List<String> channelNames;
    private final int channels;
    private final int height;
    private final int width;
    private final int cell;
    /** [image][stage] → channel-major flat map of channels × height × width. */
    private final float[][][] values;

    SensitivityMaps(String method, List<String> stages, List<String> channelNames, int height, int width,
            float[][][] values) {
        this(method, stages, channelNames, height, width, 1, values);
    }

    private SensitivityMaps(String method, List<String> stages, List<String> channelNames, int height, int width,
            int cell, float[][][] values) {
        this.cell = cell;
        this.method = method;
        this.stages = List.copyOf(stages);
        this.channelNames = List.copyOf(channelNames);
        this.channels = channelNames.size();
        this.height = height;
        this.width = width;
        this.values = values;
    }

    /** Maps given as values[image][stage][channel][h][w] (e.g. computed elsewhere), to pixelize and plot. */
    public static SensitivityMaps of(String method, List<String> stages, float[][][][][] values) {
        int channels = values[0][0].length;
        int height = values[0][0][0].length;
        int width = values[0][0][0][0].length;
        float[][][] flat = new float[values.length][stages.size()][channels * height * width];
        for (int i = 0; i < values.length; i++) {
            if (values[i].length != stages.size()) {
                throw new IllegalArgumentException("image " + i + " has " + values[i].length + " maps for "
                        + stages.size() + " stages");
            }
            for (int s = 0; s < stages.size(); s++) {
                for (int c = 0; c < channels; c++) {
                    for (int h = 0; h < height; h++) {
                        if (values[i][s][c][h].length != width) {
                            throw new IllegalArgumentException("maps must all be " + height + "×" + width);
                        }
                        System.arraycopy(values[i][s][c][h], 0, flat[i][s], (c * height + h) * width, width);
                    }
                }
            }
        }
        return new SensitivityMaps(method, stages, names(channels, java.util.stream.IntStream.range(0, channels)
                .toArray()), height, width, flat);
    }

    /** What produced these maps: the method, the difference and δ. */
    public String method() {
        return method;
    }

    public List<String> stages() {
        return stages;
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

    /** The map of one image, stage and channel as [h][w] (a copy). */
    public float[][] map(int image, String stage, int channel) {
        checkImage(image);
        checkChannel(channel);
        float[] flat = values[image][index(stage)];
        float[][] map = new float[height][width];
        for (int h = 0; h < height; h++) {
            System.arraycopy(flat, (channel * height + h) * width, map[h], 0, width);
        }
        return map;
    }

    /** Every value of one image and stage, channel by channel, row by row (a copy). */
    public float[] values(int image, String stage) {
        checkImage(image);
        return values[image][index(stage)].clone();
    }

    /**
     * How alike the channels' maps of a stage are: the Pearson correlation of every pair of channel maps of
     * the same image, averaged over pairs and images (1: identical patterns; the paper sees R, G and B differ
     * in VGG-16's block 1 and look alike by block 4).
     */
    public double channelSimilarity(String stage) {
        int s = index(stage);
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

    /** One value: s at (image, stage, channel, h, w). */
    public float value(int image, String stage, int channel, int h, int w) {
        return values[image][index(stage)][(channel * height + h) * width + w];
    }

    /**
     * Maps averaged over cells of {@code cell} × {@code cell} pixels (the paper's 4 × 4 and 8 × 8
     * pixelization); the result is {@code cell} times smaller per side and has the same mean.
     */
    public SensitivityMaps pixelize(int cell) {
        if (cell < 1 || height % cell != 0 || width % cell != 0) {
            throw new IllegalArgumentException("cell size " + cell + " must divide the map size " + height + "×"
                    + width);
        }
        int h2 = height / cell;
        int w2 = width / cell;
        float[][][] out = new float[values.length][stages.size()][channels * h2 * w2];
        for (int i = 0; i < values.length; i++) {
            for (int s = 0; s < stages.size(); s++) {
                for (int c = 0; c < channels; c++) {
                    for (int h = 0; h < height; h++) {
                        for (int w = 0; w < width; w++) {
                            out[i][s][(c * h2 + h / cell) * w2 + w / cell] +=
                                    values[i][s][(c * height + h) * width + w] / (cell * cell);
                        }
                    }
                }
            }
        }
        return new SensitivityMaps(method + ", pixelized " + cell + "×" + cell, stages, channelNames, h2, w2,
                this.cell * cell, out);
    }

    /** Mean of s over every image, channel and pixel of a stage. */
    public double mean(String stage) {
        return stat(stage, -1, false);
    }

    /** Mean of s over every image and pixel of one channel of a stage. */
    public double mean(String stage, int channel) {
        checkChannel(channel);
        return stat(stage, channel, false);
    }

    /** Largest |s| of a stage over images and channels. */
    public double max(String stage) {
        return stat(stage, -1, true);
    }

    /** The exponent e of the stage's scale 10^e: floor(log10(largest |s|)); 0 when the stage's maps are zero. */
    public int scaleExponent(String stage) {
        double max = max(stage);
        return max > 0 ? (int) Math.floor(Math.log10(max)) : 0;
    }

    /** 10^{@link #scaleExponent}. */
    public double scale(String stage) {
        return Math.pow(10, scaleExponent(stage));
    }

    /** One row per stage: mean per channel, mean, largest |s| and the scale exponent. */
    public Table summary() {
        Table table = Table.create("local sensitivity: " + method).addColumns(StringColumn.create("stage"));
        for (int c = 0; c < channels; c++) {
            table.addColumns(DoubleColumn.create("mean " + channelName(c)));
        }
        table.addColumns(DoubleColumn.create("mean"), DoubleColumn.create("max"), IntColumn.create("scale 10^"));
        for (String stage : stages) {
            table.stringColumn("stage").append(stage);
            for (int c = 0; c < channels; c++) {
                table.doubleColumn("mean " + channelName(c)).append(mean(stage, c));
            }
            table.doubleColumn("mean").append(mean(stage));
            table.doubleColumn("max").append(max(stage));
            table.intColumn("scale 10^").append(scaleExponent(stage));
        }
        return table;
    }

    /** The name of channel number {@code channel} of these maps: "R", "G", "B" for RGB inputs, else "c0", …. */
    public String channelName(int channel) {
        checkChannel(channel);
        return channelNames.get(channel);
    }

    /** Names of the input channels {@code chosen} out of {@code inputChannels}. */
    static List<String> names(int inputChannels, int[] chosen) {
        return java.util.Arrays.stream(chosen).mapToObj(c -> inputChannels == 3 ? RGB[c] : "c" + c).toList();
    }

    private double stat(String stage, int channel, boolean maxAbs) {
        int s = index(stage);
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

    private int index(String stage) {
        int s = stages.indexOf(stage);
        if (s < 0) {
            throw new IllegalArgumentException("no maps for stage '" + stage + "'; these maps have " + stages);
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
            throw new IndexOutOfBoundsException("channel " + channel + " of " + channels);
        }
    }

    @Override
    public String toString() {
        return "SensitivityMaps[" + method + "; " + values.length + " images × " + stages + " × " + channels
                + " channels × " + height + "×" + width + "]";
    }
}
