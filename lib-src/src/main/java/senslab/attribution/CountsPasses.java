package senslab.attribution;

/**
 * A method that can say what one map costs in passes through the network, so that an evaluation reports the cost
 * per map beside the seconds (a gradient method: one forward and one backward pass; Integrated Gradients with 32
 * steps: 32 of each; occlusion: one forward pass per window, so the count depends on the image's size).
 */
public interface CountsPasses extends Attribution {

    /** Forward passes (of one image's row) per map of an image of {@code height} × {@code width} pixels. */
    double forwardPassesPerMap(int height, int width);

    /** Backward passes per map of an image of {@code height} × {@code width} pixels (0 without gradients). */
    double backwardPassesPerMap(int height, int width);
}
