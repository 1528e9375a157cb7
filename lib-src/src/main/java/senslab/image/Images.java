package senslab.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * Input images copied to the JVM once, so every batch of perturbed copies is built in its own scope: what every
 * method that perturbs, masks or copies its inputs works on.
 *
 * @param pixels every image, channel-major, one after the other
 */
public record Images(float[] pixels, int count, int channels, int height, int width) {

    /** The images of a batch {@code [N, C, H, W]} or of one image {@code [C, H, W]} (float32), with clear errors. */
    public static Images of(NDArray images) {
        Shape shape = images.getShape();
        if (shape.dimension() == 3) {
            shape = new Shape(1, shape.get(0), shape.get(1), shape.get(2));
        }
        if (shape.dimension() != 4) {
            throw new IllegalArgumentException("images must be shaped [N, C, H, W] or [C, H, W], got "
                    + images.getShape());
        }
        if (images.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("images must be float32, got " + images.getDataType()
                    + "; convert with images.toType(DataType.FLOAT32, false)");
        }
        return new Images(images.toFloatArray(), (int) shape.get(0), (int) shape.get(1), (int) shape.get(2),
                (int) shape.get(3));
    }

    /** The names of channels {@code chosen} of these images: "R", "G", "B" for RGB images, else "c0", "c1", …. */
    public List<String> channelNames(int... chosen) {
        return Arrays.stream(chosen).mapToObj(c -> channels == 3 ? "RGB".substring(c, c + 1) : "c" + c).toList();
    }

    /** Elements per image: one perturbation each. */
    public int size() {
        return channels * height * width;
    }

    /** The shape of {@code copies} images: {@code [copies, C, H, W]}. */
    public Shape shape(int copies) {
        return new Shape(copies, channels, height, width);
    }

    /** {@code copies} copies of image {@code image}, one after the other. */
    public float[] tiled(int image, int copies) {
        int n = size();
        float[] out = new float[copies * n];
        for (int r = 0; r < copies; r++) {
            System.arraycopy(pixels, image * n, out, r * n, n);
        }
        return out;
    }
}
