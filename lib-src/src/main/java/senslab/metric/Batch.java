package senslab.metric;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import senslab.attribution.Target;

/**
 * Images a metric scores maps of: the inputs as the network sees them, the target explained for them, and where
 * they sit in the whole set (so that ground truth is found by the image's index in its data set).
 */
public final class Batch {
    private final NDArray inputs;
    private final Target target;
    private final int firstImage;
    private final float[] pixels;
    private final int size;

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
     * A seed for the random draws of image {@code image} of this batch, from {@code seed} and the image's values,
     * so that the image draws the same numbers wherever it sits in a batch or partition.
     */
    public long seed(long seed, int image) {
        int content = Arrays.hashCode(pixels(image));
        return new SplittableRandom(seed ^ (content * 0x9E3779B97F4A7C15L)).nextLong();
    }
}
