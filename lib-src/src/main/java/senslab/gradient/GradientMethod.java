package senslab.gradient;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.DoubleBinaryOperator;
import java.util.stream.IntStream;
import senslab.attribution.AttributionMaps;
import senslab.attribution.CountsPasses;
import senslab.attribution.MapSettings;
import senslab.attribution.MethodSettings;
import senslab.attribution.Target;
import senslab.image.Images;

/**
 * What the gradient methods share: one {@link InputGradients} mechanism (the network, batches, progress), maps per
 * input channel at the input's resolution, and the step every method is defined by, from rows to their maps, so that
 * a {@link NoiseTunnel} can wrap any of them. Each subclass is immutable; {@link #batchSize} and {@link #progress}
 * return a new method of the subclass's own type.
 *
 * @param <M> the method's own type, which the options return
 */
public abstract class GradientMethod<M extends GradientMethod<M>> implements CountsPasses {
    /** Input values of the rows a method builds at once (path points, noisy copies): 1,024 CIFAR images. */
    private static final int ROW_VALUES = 1024 * 3 * 32 * 32;

    final InputGradients gradients;

    GradientMethod(InputGradients gradients) {
        this.gradients = Objects.requireNonNull(gradients, "gradients");
    }

    /** The same method on another mechanism (batch size, progress). */
    abstract M with(InputGradients mechanism);

    /** The method's short name in the maps. */
    abstract String method();

    /** What the maps record. */
    public abstract MethodSettings settings();

    /**
     * {@code values[row][label]}: the map of every row of {@code rows} (row r explains image {@code explains[r]} of
     * the call), channel by channel and row by row, as the rows are laid out.
     */
    abstract float[][][] maps(Images rows, int[] explains, Target target);

    /** Rows of the network per map, each one forward and one backward pass: 1 unless the method builds more. */
    double rowsPerMap() {
        return 1;
    }

    @Override
    public final double forwardPassesPerMap(int height, int width) {
        return rowsPerMap();
    }

    @Override
    public final double backwardPassesPerMap(int height, int width) {
        return rowsPerMap();
    }

    /** Rows per backward pass (0: automatic, about 64 CIFAR images' worth). */
    public M batchSize(int rows) {
        return with(gradients.withBatchSize(rows));
    }

    /** Receives progress lines (per call, and every 10 s of a long one), e.g. {@code System.out::println}. */
    public M progress(Consumer<String> sink) {
        return with(gradients.withProgress(sink));
    }

    /** One map per input channel, image and label of {@code target}, at the input's resolution. */
    @Override
    public AttributionMaps attribute(NDArray inputs, Target target) {
        Images in = Images.of(inputs);
        target.checkImages(in.count());
        long start = System.nanoTime();
        float[][][] values = maps(in, IntStream.range(0, in.count()).toArray(), target);
        return mapsOf(in, target, settings(), values, start);
    }

    /** The maps of the call's images from their values, after a progress line. */
    final AttributionMaps mapsOf(Images in, Target target, MapSettings recorded, float[][][] values, long start) {
        List<String> labels = gradients.labels(target);
        gradients.progress().accept(String.format("%s: %d images, %d maps each, %.1f s", method(), in.count(),
                labels.size(), (System.nanoTime() - start) / 1e9));
        return AttributionMaps.of(method(), recorded, target, labels,
                in.channelNames(IntStream.range(0, in.channels()).toArray()), in.height(), in.width(), 1, values);
    }

    /** {@code values[row][label]} = rule(x, ∂score/∂x), element by element, from one backward pass per label. */
    final float[][][] elementwise(Images rows, int[] explains, Target target, DoubleBinaryOperator rule) {
        int labels = gradients.labels(target).size();
        int n = rows.size();
        float[][][] values = new float[rows.count()][labels][n];
        for (int label = 0; label < labels; label++) {
            float[] g = gradients.of(rows, explains, target, label).gradients();
            for (int r = 0; r < rows.count(); r++) {
                for (int k = 0; k < n; k++) {
                    values[r][label][k] = (float) rule.applyAsDouble(rows.pixels()[r * n + k], g[r * n + k]);
                }
            }
        }
        return values;
    }

    /** How many images' {@code rowsPerImage} rows each a method builds at once (at least one image). */
    static int imagesPerGroup(Images in, int rowsPerImage) {
        return Math.max(1, ROW_VALUES / (rowsPerImage * in.size()));
    }

    /** Images {@code first} … {@code first + count − 1} of {@code in}, each {@code copies} times, one after another. */
    static Images copies(Images in, int first, int count, int copies) {
        float[] pixels = new float[count * copies * in.size()];
        for (int i = 0; i < count; i++) {
            System.arraycopy(in.tiled(first + i, copies), 0, pixels, i * copies * in.size(), copies * in.size());
        }
        return new Images(pixels, count * copies, in.channels(), in.height(), in.width());
    }
}
