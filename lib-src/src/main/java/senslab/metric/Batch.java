package senslab.metric;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import senslab.attribution.Target;

/**
 * Images a metric scores maps of: the inputs as the network sees them, the target explained for them, and where
 * they sit in the whole set (so that ground truth is found by the image's index in its data set). What the metrics
 * make once for every method of the batch ({@link #shared}) is closed with it.
 */
public final class Batch implements AutoCloseable {
    private final NDArray inputs;
    private final Target target;
    private final int firstImage;
    private final float[] pixels;
    private final int size;
    private final Map<Object, Object> shared = new LinkedHashMap<>();

    /**
     * @param inputs     the images, {@code [N, C, H, W]} float32, normalized as the network expects
     * @param target     what the maps explain, for these images (a target with one value per image is sliced to them)
     * @param firstImage the index of the first of them in the whole set
     */
    public Batch(NDArray inputs, Target target, int firstImage) {
        this.inputs = Objects.requireNonNull(inputs, "inputs");
        this.target = Objects.requireNonNull(target, "target");
        if (inputs.getShape().dimension() != 4) {
            throw new IllegalArgumentException("a batch of images must be shaped [N, C, H, W], got "
                    + inputs.getShape());
        }
        if (firstImage < 0) {
            throw new IllegalArgumentException("the first image's index must be >= 0, got " + firstImage);
        }
        target.checkImages(images());
        this.firstImage = firstImage;
        this.pixels = inputs.toFloatArray();
        this.size = pixels.length / images();
    }

    public NDArray inputs() {
        return inputs;
    }

    public Target target() {
        return target;
    }

    /** The index of this batch's first image in the whole set. */
    public int firstImage() {
        return firstImage;
    }

    public int images() {
        return Math.toIntExact(inputs.getShape().get(0));
    }

    /** The values of image {@code image} of the batch (a copy), channel by channel, row by row. */
    public float[] pixels(int image) {
        return Arrays.copyOfRange(pixels, image * size, (image + 1) * size);
    }

    /**
     * What a metric made for this batch under {@code key} by {@code make}, made at the first call and the same at
     * every call after it: what the metric shares across the methods of the batch (one randomised copy of the
     * network, the scores of perturbed copies; key: the metric), or across the metrics of one method's maps (key:
     * the metric's shared part and the maps). What is {@link AutoCloseable} is closed with the batch.
     */
    public synchronized <T> T shared(Object key, Class<T> type, Supplier<T> make) {
        Object kept = shared.get(key);
        if (kept == null) {
            kept = Objects.requireNonNull(make.get(), "made nothing");
            shared.put(key, kept);
        }
        return type.cast(kept);
    }

    /** Closes what the metrics made for the batch, the last made first; the inputs stay their owner's. */
    @Override
    public synchronized void close() {
        List<AutoCloseable> made = new ArrayList<>();
        for (Object value : shared.values()) {
            if (value instanceof AutoCloseable resource) {
                made.add(resource);
            }
        }
        shared.clear();
        Collections.reverse(made);
        RuntimeException failure = null;
        for (AutoCloseable resource : made) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("could not close what a metric made for the batch", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * A seed for the random draws of image {@code image} of this batch, from {@code seed} and the image's values,
     * so that the image draws the same numbers wherever it sits in a batch or partition.
     */
    public long seed(long seed, int image) {
        int content = Arrays.hashCode(pixels(image));
        return new SplittableRandom(seed ^ (content * 0x9E3779B97F4A7C15L)).nextLong();
    }
}
