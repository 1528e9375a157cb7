package senslab.gradient;

import java.util.Objects;
import senslab.attribution.MethodSettings;

/**
 * What Integrated Gradients maps record: the settings they were made with and the completeness gap measured on
 * them, so that a notebook prints it and a metric reads it from the maps ({@link IntegratedGradients#completeness}).
 */
public record IntegratedGradientsRun(IntegratedGradientsSettings settings, Completeness completeness)
        implements MethodSettings {

    public IntegratedGradientsRun {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(completeness, "completeness");
    }

    @Override
    public String toString() {
        return settings + "; " + completeness;
    }
}
