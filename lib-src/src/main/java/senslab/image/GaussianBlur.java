package senslab.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * The regularizing operator r of eq. (5): a Gaussian blur of every channel. The image is padded by
 * wrapping around, so the blur only moves intensity around and the image mean is preserved exactly.
 */
public final class GaussianBlur implements ImageOperator {
    private final float[] kernel1d;
    private final int radius;

    /** A blur of standard deviation {@code sigma} pixels, kernel radius ⌈2σ⌉. */
    public GaussianBlur(double sigma) {
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("blur sigma must be > 0 pixels, got " + sigma);
        }
        radius = (int) Math.ceil(2 * sigma);
        kernel1d = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            sum += Math.exp(-i * i / (2 * sigma * sigma));
        }
        for (int i = -radius; i <= radius; i++) {
            kernel1d[i + radius] = (float) (Math.exp(-i * i / (2 * sigma * sigma)) / sum);
        }
    }

    @Override
    public NDArray apply(NDArray images) {
        long channels = images.getShape().get(1);
        if (images.getShape().get(2) <= radius || images.getShape().get(3) <= radius) {
            throw new IllegalArgumentException("blur radius " + radius + " is too large for images of "
                    + images.getShape() + ": use a smaller sigma");
        }
        int size = kernel1d.length;
        float[] kernel = new float[(int) channels * size * size];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < size; i++) {
                for (int j = 0; j < size; j++) {
                    kernel[(c * size + i) * size + j] = kernel1d[i] * kernel1d[j];
                }
            }
        }
        NDArray weight = images.getManager().create(kernel, new Shape(channels, 1, size, size))
                .toType(images.getDataType() == DataType.FLOAT64 ? DataType.FLOAT64 : DataType.FLOAT32, false);
        NDArray padded = wrap(wrap(images, 2), 3);
        return Conv2d.conv2d(padded, weight, null, new Shape(1, 1), new Shape(0, 0), new Shape(1, 1),
                (int) channels).singletonOrThrow();
    }

    private NDArray wrap(NDArray images, int axis) {
        String r = String.valueOf(radius);
        String head = axis == 2 ? ":, :, -" + r + ":, :" : ":, :, :, -" + r + ":";
        String tail = axis == 2 ? ":, :, :" + r + ", :" : ":, :, :, :" + r;
        return NDArrays.concat(new NDList(images.get(head), images, images.get(tail)), axis);
    }
}
