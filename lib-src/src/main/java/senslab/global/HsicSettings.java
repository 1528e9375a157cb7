package senslab.global;

import senslab.attribution.MethodSettings;
import senslab.masking.Perturbation;

/**
 * The settings of {@link HsicAttribution} maps.
 *
 * @param grid         cells per side
 * @param samples      binary masks evaluated per image (one forward pass each)
 * @param perturbation how a removed cell is perturbed
 */
public record HsicSettings(int grid, int samples, Perturbation perturbation) implements MethodSettings {

    @Override
    public String toString() {
        return String.format("grid %d×%d, %d binary masks (passes per image), %s", grid, grid, samples, perturbation);
    }
}
