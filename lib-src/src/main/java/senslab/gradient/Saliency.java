package senslab.gradient;

import senslab.attribution.Target;
import senslab.image.Images;
import senslab.models.StagedNetwork;

/**
 * Saliency (Simonyan et al. 2014, "Deep inside convolutional networks"): |∂f/∂x|, the magnitude of the gradient of
 * the target's score with respect to every input element, one map per input channel (Captum's {@code Saliency},
 * {@code abs=True}); {@link #signed()} keeps the sign.
 *
 * <pre>{@code
 * Attribution method = Saliency.of(net);
 * AttributionMaps maps = method.attribute(x, Target.classLogit(3));
 * }</pre>
 */
public final class Saliency extends GradientMethod<Saliency> {
    private final SaliencySettings settings;

    private Saliency(InputGradients gradients, SaliencySettings settings) {
        super(gradients);
        this.settings = settings;
    }

    /** |∂f/∂x| of {@code net}'s target scores. */
    public static Saliency of(StagedNetwork net) {
        return new Saliency(InputGradients.of(net), SaliencySettings.DEFAULTS);
    }

    /** All settings at once. */
    public Saliency with(SaliencySettings value) {
        return new Saliency(gradients, value);
    }

    /** The gradient itself, ∂f/∂x, with its sign. */
    public Saliency signed() {
        return with(settings.withAbsolute(false));
    }

    @Override
    Saliency with(InputGradients mechanism) {
        return new Saliency(mechanism, settings);
    }

    @Override
    String method() {
        return "saliency";
    }

    @Override
    public SaliencySettings settings() {
        return settings;
    }

    @Override
    float[][][] maps(Images rows, int[] explains, Target target) {
        return elementwise(rows, explains, target, settings.absolute() ? (x, g) -> Math.abs(g) : (x, g) -> g);
    }
}
