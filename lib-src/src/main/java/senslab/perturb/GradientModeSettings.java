package senslab.perturb;

/**
 * What gradient-mode maps were made with: the perturbation whose first-order limit they are, and the random
 * probes of the Jacobian (their number and seed).
 */
public record GradientModeSettings(FiniteDifferenceSettings perturbation, int probes, long seed) {

    @Override
    public String toString() {
        return "first-order limit of " + perturbation + "; " + probes + " probes, seed " + seed;
    }
}
