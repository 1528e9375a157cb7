package senslab.masking;

import ai.djl.ndarray.NDArray;
import java.util.Objects;
import senslab.image.ImageOperator;

/**
 * Moves every pixel towards a baseline image by its mask value: x̃ = x0 + m·(x − x0), x0 = baseline(x).
 * A constant baseline is Xplique's "inpainting", a blurred copy its "blurring"; any {@link ImageOperator} will do.
 *
 * @param baseline    the image the pixels move towards where m = 0
 * @param description how settings print it
 */
public record Inpainting(ImageOperator baseline, String description) implements Perturbation {

    public Inpainting {
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(description, "description");
    }

    /** Towards a constant image of {@code value} (in the network's input space). */
    public static Inpainting toValue(float value) {
        return new Inpainting(image -> image.zerosLike().add(value), "inpainting to " + value);
    }

    @Override
    public NDArray apply(NDArray image, NDArray masks) {
        NDArray x0 = baseline.apply(image);
        return masks.mul(image.sub(x0)).add(x0);
    }

    @Override
    public String toString() {
        return description;
    }
}
