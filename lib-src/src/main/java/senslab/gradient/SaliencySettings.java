package senslab.gradient;

import java.io.Serializable;
import senslab.attribution.MethodSettings;

/** What saliency maps are made with: the gradient's magnitude (Captum's default) or the gradient itself. */
public record SaliencySettings(boolean absolute) implements MethodSettings, Serializable {
    /** |∂f/∂x|. */
    public static final SaliencySettings DEFAULTS = new SaliencySettings(true);

    public SaliencySettings withAbsolute(boolean value) {
        return new SaliencySettings(value);
    }

    @Override
    public String toString() {
        return absolute ? "|∂f/∂x|" : "∂f/∂x";
    }
}
