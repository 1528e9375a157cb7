package senslab.am;

import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * What an activation-maximization run returns: the final images in pixel space [0, 1] (as plain
 * arrays, no native memory held), every target's activation and every image's total variation at each step 0..steps.
 */
public final class AmResult {
    private final String objective;
    private final float[] pixels;
    private final Shape shape;
    private final float[][] activation;
    private final float[][] totalVariation;

    AmResult(String objective, float[] pixels, Shape shape, float[][] activation, float[][] totalVariation) {
        this.objective = objective;
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

    /** The activation before the first step and after the last, per target. */
    public float[] gain() {
        float[] gain = new float[size()];
        for (int i = 0; i < gain.length; i++) {
            gain[i] = activation[i][activation[i].length - 1] - activation[i][0];
        }
        return gain;
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
        return "AmResult[" + objective + ", images " + shape + "]";
    }
}
