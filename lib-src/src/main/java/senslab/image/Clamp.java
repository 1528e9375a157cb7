package senslab.image;

import ai.djl.ndarray.NDArray;

/** Keeps pixel values in [{@code min}, {@code max}] (the authors clamp to [0, 1] after each step). */
public final class Clamp implements ImageOperator {
    private final double min;
    private final double max;

    /** Values kept in [{@code min}, {@code max}]. */
    public Clamp(double min, double max) {
        if (!(min < max)) {
            throw new IllegalArgumentException("clamp needs min < max, got [" + min + ", " + max + "]");
        }
        this.min = min;
        this.max = max;
    }

    /** Pixel values in [0, 1]. */
    public static Clamp unit() {
        return new Clamp(0, 1);
    }

    @Override
    public NDArray apply(NDArray images) {
        return images.clip(min, max);
    }
}
