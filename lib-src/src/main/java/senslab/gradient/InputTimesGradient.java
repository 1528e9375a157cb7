package senslab.gradient;

import senslab.attribution.Target;
import senslab.image.Images;
import senslab.models.StagedNetwork;

/**
 * Input × gradient (Shrikumar et al. 2016, "Not just a black box"): x·∂f/∂x element by element, one map per input
 * channel; for a linear model, each element's share of the score (Captum's {@code InputXGradient}).
 *
 * <pre>{@code
 * AttributionMaps maps = InputTimesGradient.of(net).attribute(x, Target.classLogit(3));
 * }</pre>
 */
public final class InputTimesGradient extends GradientMethod<InputTimesGradient> {
    private static final InputTimesGradientSettings SETTINGS = new InputTimesGradientSettings();

    private InputTimesGradient(InputGradients gradients) {
        super(gradients);
    }

    /** x·∂f/∂x of {@code net}'s target scores. */
    public static InputTimesGradient of(StagedNetwork net) {
        return new InputTimesGradient(InputGradients.of(net));
    }

    @Override
    InputTimesGradient with(InputGradients mechanism) {
        return new InputTimesGradient(mechanism);
    }

    @Override
    String method() {
        return "input × gradient";
    }

    @Override
    public InputTimesGradientSettings settings() {
        return SETTINGS;
    }

    @Override
    float[][][] maps(Images rows, int[] explains, Target target) {
        return elementwise(rows, explains, target, (x, g) -> x * g);
    }
}
