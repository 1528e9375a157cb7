package senslab.localisation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.io.Serializable;

/**
 * Where the evidence for an image's class truly is: a mask per image, by the image's index in its data set. A data
 * set with known masks (below this floor, so it does not name this interface) gives them as a method
 * {@code boolean[][] mask(int image)}, adapted by a method reference ({@code GroundTruth truth = synthetic::mask}),
 * or as an array ({@link #of(NDArray)}). Serializable, so that an evaluation on Spark takes the masks to its
 * executors: those of {@link #of} travel; a method reference travels only if its object is serializable.
 */
@FunctionalInterface
public interface GroundTruth extends Serializable {

    /** The mask of image {@code image} of the set, {@code [height][width]}: true inside the evidence. */
    boolean[][] mask(int image);

    /** Masks given per image as {@code masks[image][h][w]}, true (or > 0.5) inside. */
    static GroundTruth of(boolean[][][] masks) {
        return image -> {
            if (image < 0 || image >= masks.length) {
                throw new IndexOutOfBoundsException("image " + image + ", but masks are given for " + masks.length
                        + " images");
            }
            return masks[image];
        };
    }

    /** Masks given as an array {@code [N, H, W]} (boolean, or numbers > 0.5 inside), copied to the JVM now. */
    static GroundTruth of(NDArray masks) {
        if (masks.getShape().dimension() != 3) {
            throw new IllegalArgumentException("masks must be shaped [N, H, W], got " + masks.getShape());
        }
        int n = Math.toIntExact(masks.getShape().get(0));
        int h = Math.toIntExact(masks.getShape().get(1));
        int w = Math.toIntExact(masks.getShape().get(2));
        float[] values = masks.toType(DataType.FLOAT32, false).toFloatArray();
        boolean[][][] copied = new boolean[n][h][w];
        for (int i = 0; i < values.length; i++) {
            copied[i / (h * w)][i / w % h][i % w] = values[i] > 0.5f;
        }
        return of(copied);
    }
}
