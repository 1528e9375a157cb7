package senslab.attribution;

import ai.djl.ndarray.NDArray;

/**
 * Anything that explains a network's response as maps over its input; Captum's {@code attribute(inputs, target)}.
 * Swapping one method for another is one line:
 *
 * <pre>{@code
 * Attribution method = new GradCam(net, "block3");          // or PixelSensitivity.of(net).firstOrder(64, 0)
 * AttributionMaps maps = method.attribute(x, Target.classLogit(targets));
 * }</pre>
 */
public interface Attribution {

    /**
     * Maps for every image of {@code inputs} ([N, C, H, W] or [C, H, W], float32, normalized as the network
     * expects) and everything {@code target} names. Native memory used on the way is released on return.
     */
    AttributionMaps attribute(NDArray inputs, Target target);
}
