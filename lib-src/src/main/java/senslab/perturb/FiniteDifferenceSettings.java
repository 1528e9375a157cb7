package senslab.perturb;

import java.util.List;

/**
 * What finite-difference maps were made with: the perturbation size δ, how outputs are compared, and the input
 * channels perturbed.
 */
public record FiniteDifferenceSettings(Delta delta, Difference difference, List<String> channels) {

    public FiniteDifferenceSettings {
        channels = List.copyOf(channels);
    }

    @Override
    public String toString() {
        return difference + ", " + delta + ", channels " + String.join(", ", channels);
    }
}
