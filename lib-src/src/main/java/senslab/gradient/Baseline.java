package senslab.gradient;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.Objects;
import senslab.image.GaussianBlur;
import senslab.image.ImageOperator;
import senslab.image.Images;

/**
 * The input Integrated Gradients starts its path from, given per image by an image operator: a constant (the zero
 * input, a colour per channel such as black in the network's normalized space), a fixed image, or a blurred copy of
 * the image itself (Sturmfels et al. 2020, "Visualizing the impact of feature attribution baselines").
 *
 * @param operator    the baseline of each image of a batch {@code [N, C, H, W]}, in the network's input space
 * @param description how settings print it
 */
public record Baseline(ImageOperator operator, String description) {

    public Baseline {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(description, "description");
    }

    /** The zero input: the mean image once inputs are normalized by mean and standard deviation. */
    public static Baseline zeros() {
        return new Baseline(NDArray::zerosLike, "zeros");
    }

    /**
     * One value per input channel, in the network's input space: black for inputs normalized by mean μ_c and
     * standard deviation σ_c is {@code perChannel(−μ_R/σ_R, −μ_G/σ_G, −μ_B/σ_B)}.
     */
    public static Baseline perChannel(float... values) {
        float[] copy = values.clone();
        return new Baseline(images -> {
            if (images.getShape().get(1) != copy.length) {
                throw new IllegalArgumentException("a baseline of " + copy.length + " channel values for images of "
                        + images.getShape().get(1) + " channels; give one value per channel");
            }
            return images.zerosLike().add(images.getManager().create(copy).reshape(1, copy.length, 1, 1));
        }, "per channel " + Arrays.toString(copy));
    }

    /** The same image {@code [C, H, W]} (or {@code [1, C, H, W]}) for every input, in the network's input space. */
    public static Baseline image(NDArray image) {
        Images fixed = Images.of(image);
        if (fixed.count() != 1) {
            throw new IllegalArgumentException("a baseline image must be one image, got " + image.getShape());
        }
        return new Baseline(images -> {
            if (!images.getShape().slice(1).equals(fixed.shape(1).slice(1))) {
                throw new IllegalArgumentException("the baseline image is " + fixed.shape(1).slice(1)
                        + " but the inputs are " + images.getShape().slice(1)
                        + "; give a baseline of the inputs' size");
            }
            return images.getManager().create(fixed.pixels(), fixed.shape(1)).broadcast(images.getShape());
        }, "a given image");
    }

    /** A Gaussian blur of {@code sigma} pixels of each image itself (channels blurred separately). */
    public static Baseline blurred(double sigma) {
        return new Baseline(new GaussianBlur(sigma), "blurred copy (Gaussian, σ = " + sigma + " px)");
    }

    /** The baselines of every image of {@code in}, laid out as its pixels. */
    float[] of(Images in) {
        try (NDManager scope = NDManager.newBaseManager()) {
            float[] values = operator.apply(scope.create(in.pixels(), in.shape(in.count()))).toFloatArray();
            if (values.length != in.pixels().length) {
                throw new IllegalStateException("the baseline " + description + " gave " + values.length
                        + " values for " + in.pixels().length + " input values");
            }
            return values;
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
