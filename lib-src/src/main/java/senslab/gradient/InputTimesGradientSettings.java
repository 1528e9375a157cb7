package senslab.gradient;

import java.io.Serializable;
import senslab.attribution.MethodSettings;

/** What input × gradient maps are made with: nothing to choose; the record names the formula. */
public record InputTimesGradientSettings() implements MethodSettings, Serializable {

    @Override
    public String toString() {
        return "x·∂f/∂x";
    }
}
