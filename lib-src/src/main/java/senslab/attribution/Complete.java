package senslab.attribution;

import ai.djl.ndarray.NDArray;

/**
 * A method that claims completeness (Sundararajan et al. 2017): its map of an image, summed over every channel and
 * pixel, equals the target's score at the image minus its score at the method's baseline, f(x) − f(x̄) (Integrated
 * Gradients, input × gradient of a linear model). What {@code axiomatic.Completeness} checks; a method that does not
 * implement it is not applicable there, unless the metric is given a baseline of its own.
 */
public interface Complete extends Attribution {

    /** The baseline x̄ of every image of {@code inputs}, shaped like them, in the same manager. */
    NDArray baseline(NDArray inputs);
}
