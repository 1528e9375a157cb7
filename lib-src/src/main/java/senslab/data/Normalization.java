package senslab.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * Per-channel normalization x → (x − mean) / std of pixels scaled to [0, 1], as torchvision's
 * {@code Normalize}. {@link #CIFAR10} is the paper's (x − 0.5)/0.5; {@link #ULTRASOUND} its section 4 values.
 */
public record Normalization(float[] mean, float[] std) {
    /** The paper's CIFAR-10 normalization: every channel to [−1, 1]. */
    public static final Normalization CIFAR10 =
            new Normalization(new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.5f, 0.5f, 0.5f});
    /** The paper's lung-ultrasound normalization (section 4). */
    public static final Normalization ULTRASOUND = new Normalization(
            new float[] {0.1525f, 0.1534f, 0.1578f}, new float[] {0.1541f, 0.1545f, 0.1562f});
    /** Pixels in [0, 1], unchanged. */
    public static final Normalization NONE = new Normalization(new float[] {0f, 0f, 0f}, new float[] {1f, 1f, 1f});

    public Normalization {
        if (mean.length != std.length) {
            throw new IllegalArgumentException("mean and std need one value per channel: " + mean.length + " vs "
                    + std.length);
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("std must be positive: " + Arrays.toString(std));
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    /** The normalized value of a [0, 1] pixel value of channel {@code c}. */
    public float apply(int c, float value01) {
        return (value01 - mean[c]) / std[c];
    }

    /** Images {@code [N, C, H, W]} in [0, 1] as the network sees them, (x − mean) / std per channel. */
    public NDArray apply(NDArray images) {
        long channels = images.getShape().get(1);
        if (channels != mean.length) {
            throw new IllegalArgumentException("images have " + channels + " channels but the normalization has "
                    + mean.length);
        }
        Shape perChannel = new Shape(1, channels, 1, 1);
        NDManager manager = images.getManager();
        return images.sub(manager.create(mean, perChannel)).div(manager.create(std, perChannel));
    }

    /** The [0, 1] pixel value of a normalized value of channel {@code c}. */
    public float invert(int c, float normalized) {
        return normalized * std[c] + mean[c];
    }
}
