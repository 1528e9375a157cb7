package senslab.image;

import ai.djl.ndarray.NDArray;

/**
 * A map image → image applied outside the gradient: either the regularizing operator r of eq. (5)
 * (applied to x_t before the gradient step is added) or a constraint applied after each step (clamping).
 */
public interface ImageOperator {
    /** The operated batch {@code [batch, channels, height, width]} in pixel space. */
    NDArray apply(NDArray images);
}
