package senslab.am;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import senslab.attribution.AttributionMaps;
import senslab.data.Normalization;
import senslab.models.StagedNetwork;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What an activation-maximization run returns: the starting and final images in pixel space [0, 1] (as plain
 * arrays, no native memory held), every target's activation and every image's total variation at each step
 * 0..steps, and {@link #change() where the run changed each image}.
 */
public final class AmResult {
    private final AmSettings settings;
    private final List<String> labels;
    private final float[] start;
    private final float[] pixels;
    private final Shape shape;
    private final float[][] activation;
    private final float[][] totalVariation;

    /** {@code labels}: those of the objective's target on the network the run climbed. */
    AmResult(AmSettings settings, List<String> labels, float[] start, float[] pixels, Shape shape,
            float[][] activation, float[][] totalVariation) {
        this.settings = settings;
        this.labels = List.copyOf(labels);
        this.start = start;
        this.pixels = pixels;
        this.shape = shape;
        this.activation = activation;
        this.totalVariation = totalVariation;
    }

    /** The number of images (targets). */
    public int size() {
        return (int) shape.get(0);
    }

    /** The final images, shape {@code [batch, channels, height, width]}, flattened. */
    public float[] pixels() {
        return pixels.clone();
    }

    /** The images' shape {@code [batch, channels, height, width]}. */
    public Shape shape() {
        return shape;
    }

    /** Image {@code i} ready to display. */
    public BufferedImage image(int i) {
        int per = (int) (shape.size() / shape.get(0));
        float[] one = new float[per];
        System.arraycopy(pixels, i * per, one, 0, per);
        return toImage(one, (int) shape.get(1), (int) shape.get(2), (int) shape.get(3));
    }

    /** Every image ready to display, in target order. */
    public List<BufferedImage> images() {
        List<BufferedImage> images = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            images.add(image(i));
        }
        return images;
    }

    /** Target {@code i}'s activation at steps 0..steps. */
    public float[] activation(int i) {
        return activation[i].clone();
    }

    /** Image {@code i}'s total variation at steps 0..steps. */
    public float[] totalVariation(int i) {
        return totalVariation[i].clone();
    }

    /** Every image's total variation after the last step. */
    public float[] finalTotalVariation() {
        float[] last = new float[size()];
        for (int i = 0; i < last.length; i++) {
            last[i] = totalVariation[i][totalVariation[i].length - 1];
        }
        return last;
    }

    /** The class {@code network} gives each final image (seen through {@code normalization}). */
    public int[] predictions(StagedNetwork network, Normalization normalization) {
        try (NDManager scope = NDManager.newBaseManager()) {
            NDArray seen = normalization.apply(scope.create(pixels, shape));
            long[] best = network.forward(new ParameterStore(scope, false), seen, false).argMax(1).toLongArray();
            return Arrays.stream(best).mapToInt(Math::toIntExact).toArray();
        }
    }

    /** One row per target (named by {@code targets}): its logit at the start and at the end, the gain, the final TV. */
    public Table table(List<String> targets) {
        if (targets.size() != size()) {
            throw new IllegalArgumentException(targets.size() + " target names for " + size() + " targets");
        }
        double[] start = new double[size()];
        double[] end = new double[size()];
        for (int i = 0; i < size(); i++) {
            start[i] = activation[i][0];
            end[i] = activation[i][activation[i].length - 1];
        }
        return Table.create("activation maximization: " + settings).addColumns(StringColumn.create("target", targets),
                DoubleColumn.create("logit at start", start), DoubleColumn.create("logit at end", end),
                DoubleColumn.create("logit gain", gain()), DoubleColumn.create("final TV", finalTotalVariation()));
    }

    /**
     * {@link #table} with the class {@code network} predicts for each final image (seen through
     * {@code normalization}), named from {@code classNames}: has each image become its target?
     */
    public Table table(List<String> targets, StagedNetwork network, Normalization normalization,
            List<String> classNames) {
        return table(targets).addColumns(StringColumn.create("prediction of the AM image",
                Arrays.stream(predictions(network, normalization)).mapToObj(classNames::get)));
    }

    /** The activation before the first step and after the last, per target. */
    public float[] gain() {
        float[] gain = new float[size()];
        for (int i = 0; i < gain.length; i++) {
            gain[i] = activation[i][activation[i].length - 1] - activation[i][0];
        }
        return gain;
    }

    /**
     * Where the run changed each image: |x_end − x_start| averaged over the colour channels, per pixel, scaled so
     * that each image's largest change is 1 (the paper's AM maps beside Grad-CAM's, section 4). One map per image,
     * labelled like the objective's {@link Objective#target()} ("class" for class logits).
     */
    public AttributionMaps change() {
        int images = size();
        int channels = (int) shape.get(1);
        int plane = (int) (shape.get(2) * shape.get(3));
        float[][][] values = new float[images][1][plane];
        for (int b = 0; b < images; b++) {
            float[] change = values[b][0];
            float max = 1e-7f;
            for (int p = 0; p < plane; p++) {
                float s = 0;
                for (int c = 0; c < channels; c++) {
                    int i = (b * channels + c) * plane + p;
                    s += Math.abs(pixels[i] - start[i]) / channels;
                }
                change[p] = s;
                max = Math.max(max, s);
            }
            for (int p = 0; p < plane; p++) {
                change[p] /= max;
            }
        }
        return AttributionMaps.of("activation maximization", settings, settings.objective().target(), labels,
                List.of(AttributionMaps.ALL_CHANNELS), (int) shape.get(2), (int) shape.get(3), 1, values);
    }

    /** An image from values in [0, 1] laid out [channels, height, width] (1 channel = grey), clipped. */
    private static BufferedImage toImage(float[] chw, int channels, int height, int width) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int plane = height * width;
        for (int p = 0; p < plane; p++) {
            int r = toByte(chw[p]);
            int g = channels > 1 ? toByte(chw[plane + p]) : r;
            int b = channels > 2 ? toByte(chw[2 * plane + p]) : r;
            image.setRGB(p % width, p / width, (r << 16) | (g << 8) | b);
        }
        return image;
    }

    private static int toByte(float value) {
        return Math.round(Math.max(0f, Math.min(1f, value)) * 255f);
    }

    @Override
    public String toString() {
        return "AmResult[" + settings + ", images " + shape + "]";
    }
}
