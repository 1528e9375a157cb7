package senslab.attribution;

/**
 * A method that can say what one map costs in passes through the network, so that an evaluation reports the cost
 * per map beside the seconds (a gradient method: one forward and one backward pass; Integrated Gradients with 32
 * steps: 32 of each; occlusion: one forward pass per window).
 */
public interface CountsPasses extends Attribution {

    /** Forward passes (of one image's row) per map. */
    double forwardPassesPerMap();

    /** Backward passes per map (0 for methods without gradients). */
    double backwardPassesPerMap();
}
