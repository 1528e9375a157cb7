package senslab.attribution;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import senslab.stats.Correlation;

/**
 * What maps measure, label by label: means, the largest value and its power of ten (the paper's "the scale is
 * 10^-1"), the fall of the mean with depth, how alike the channels are, how broad a map is, and how alike two methods
 * rank the inputs.
 *
 * <pre>{@code
 * MapStatistics s = MapStatistics.of(maps);
 * s.ratio("block5", "block1");   // the fall with depth
 * }</pre>
 */
public final class MapStatistics {
    private final AttributionMaps maps;

    private MapStatistics(AttributionMaps maps) {
        this.maps = maps;
    }

    /** The statistics of {@code maps}. */
    public static MapStatistics of(AttributionMaps maps) {
        return new MapStatistics(maps);
    }

    /** Mean of s over every image, channel and pixel of a label. */
    public double mean(String label) {
        return stat(label, -1, false);
    }

    /** Mean of s over every image and pixel of one channel of a label. */
    public double mean(String label, int channel) {
        maps.channelName(channel);
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

    /** Whether the mean falls from each of {@code labels} to the next (the paper: sensitivity falls with depth). */
    public boolean meansFall(List<String> labels) {
        return IntStream.range(1, labels.size()).allMatch(k -> mean(labels.get(k)) < mean(labels.get(k - 1)));
    }

    /**
     * How alike the channels' maps of a label are: the Pearson correlation of every pair of channel maps of the
     * same image, averaged over pairs and images (1: identical patterns; the paper sees R, G and B differ in
     * VGG-16's block 1 and look alike by block 4). NaN for one channel.
     */
    public double channelSimilarity(String label) {
        int s = maps.index(label);
        int plane = maps.height() * maps.width();
        double total = 0;
        int pairs = 0;
        for (int i = 0; i < maps.images(); i++) {
            float[] image = maps.flat(i, s);
            for (int a = 0; a < maps.channels(); a++) {
                for (int b = a + 1; b < maps.channels(); b++) {
                    total += Correlation.pearson(Arrays.copyOfRange(image, a * plane, (a + 1) * plane),
                            Arrays.copyOfRange(image, b * plane, (b + 1) * plane));
                    pairs++;
                }
            }
        }
        return pairs == 0 ? Double.NaN : total / pairs;
    }

    /**
     * Per image, the share of a label's values (over channels and pixels) at least {@code level}: how broad a
     * map normalised to [0, 1] is, e.g. {@code shareAtLeast("class", 0.5)} for CAM maps.
     */
    public double[] shareAtLeast(String label, double level) {
        int s = maps.index(label);
        return IntStream.range(0, maps.images()).mapToDouble(i -> {
            float[] image = maps.flat(i, s);
            return IntStream.range(0, image.length).filter(k -> image[k] >= level).count() / (double) image.length;
        }).toArray();
    }

    /**
     * Spearman's rank correlation of this label's values with the same label of {@code other}, over all images,
     * channels and pixels: how alike two methods rank the inputs. Both must have the same shape.
     */
    public double rankCorrelation(AttributionMaps other, String label) {
        checkSameShape(other);
        return Correlation.spearman(concatenated(maps, label), concatenated(other, label));
    }

    /** A clear error unless {@code other} has the shape of these maps. */
    private void checkSameShape(AttributionMaps other) {
        if (other.images() != maps.images() || other.channels() != maps.channels() || other.height() != maps.height()
                || other.width() != maps.width()) {
            throw new IllegalArgumentException("maps of different shapes cannot be rank-correlated: " + maps.shape()
                    + " against " + other.shape() + (other.channels() != maps.channels()
                            ? "; MapTransforms.sumOverChannels on the per-channel ones makes them comparable" : ""));
        }
    }

    /** Every value of one label, image after image. */
    static float[] concatenated(AttributionMaps maps, String label) {
        int s = maps.index(label);
        int size = maps.channels() * maps.height() * maps.width();
        float[] all = new float[maps.images() * size];
        for (int i = 0; i < maps.images(); i++) {
            System.arraycopy(maps.flat(i, s), 0, all, i * size, size);
        }
        return all;
    }

    private double stat(String label, int channel, boolean maxAbs) {
        int s = maps.index(label);
        int plane = maps.height() * maps.width();
        double acc = 0;
        long n = 0;
        for (int i = 0; i < maps.images(); i++) {
            float[] image = maps.flat(i, s);
            for (int c = 0; c < maps.channels(); c++) {
                if (channel >= 0 && c != channel) {
                    continue;
                }
                for (int k = c * plane; k < (c + 1) * plane; k++) {
                    acc = maxAbs ? Math.max(acc, Math.abs(image[k])) : acc + image[k];
                    n++;
                }
            }
        }
        return maxAbs ? acc : acc / n;
    }
}
