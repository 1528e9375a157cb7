package senslab.global;

import senslab.attribution.MethodSettings;
import senslab.masking.Perturbation;
import senslab.sobol.SobolOptions;

/**
 * The settings of {@link SobolAttribution} maps.
 *
 * @param grid         cells per side
 * @param designs      N, base points of the Saltelli design; the network runs N·(grid² + 2) times per image
 * @param perturbation how a cell's factor perturbs it
 * @param options      the bootstrap of the intervals
 */
public record SobolSettings(int grid, int designs, Perturbation perturbation, SobolOptions options)
        implements MethodSettings {

    /** Forward passes per image. */
    public int passesPerImage() {
        return designs * (grid * grid + 2);
    }

    @Override
    public String toString() {
        return String.format("grid %d×%d, %d designs (%,d passes per image), %s, %d bootstrap resamples", grid, grid,
                designs, passesPerImage(), perturbation, options.resamples());
    }
}
