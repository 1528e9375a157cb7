package senslab.perturb;

import java.io.Serializable;
import java.util.Objects;
import senslab.attribution.MethodSettings;

/**
 * What gradient-mode maps are made with: the perturbation whose first-order limit they are, and the random
 * probes of the Jacobian (their number and seed).
 */
public record GradientModeSettings(FiniteDifferenceSettings perturbation, int probes, long seed)
        implements MethodSettings, Serializable {

    public GradientModeSettings {
        Objects.requireNonNull(perturbation, "perturbation");
        if (probes < 1) {
            throw new IllegalArgumentException("probes must be >= 1, got " + probes);
        }
    }

    public GradientModeSettings withPerturbation(FiniteDifferenceSettings value) {
        return new GradientModeSettings(value, probes, seed);
    }

    @Override
    public String toString() {
        return "first-order limit of " + perturbation + "; " + probes + " probes, seed " + seed;
    }
}
