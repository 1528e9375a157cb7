package senslab.faithfulness;

import senslab.masking.Inpainting;
import senslab.masking.Perturbation;

/**
 * How {@link Faithfulness} scores maps.
 *
 * @param grid         cells per side: maps are reduced to this grid, cells removed or revealed one at a time
 * @param perturbation what a removed cell becomes: its baseline (m = 0), the image itself where m = 1
 * @param samples      random subsets per image for μ-fidelity
 * @param fraction     the share of the cells each subset removes
 * @param seed         fixes the subsets
 */
public record FaithfulnessSettings(int grid, Inpainting perturbation, int samples, double fraction, long seed) {
    /** Grid 8, inpainting to 0, 128 subsets of 20 % of the cells, seed 0. */
    public static final FaithfulnessSettings DEFAULTS = new FaithfulnessSettings(8, Perturbation.inpainting(), 128, 0.2,
            0);

    public FaithfulnessSettings withGrid(int side) {
        return new FaithfulnessSettings(side, perturbation, samples, fraction, seed);
    }

    public FaithfulnessSettings withPerturbation(Inpainting value) {
        return new FaithfulnessSettings(grid, value, samples, fraction, seed);
    }

    public FaithfulnessSettings withMuFidelity(int subsets, double share) {
        return new FaithfulnessSettings(grid, perturbation, subsets, share, seed);
    }

    public FaithfulnessSettings withSeed(long value) {
        return new FaithfulnessSettings(grid, perturbation, samples, fraction, value);
    }

    @Override
    public String toString() {
        return String.format("grid %d×%d, %s, μ-fidelity over %d subsets of %.0f %% of the cells (seed %d)", grid, grid,
                perturbation, samples, 100 * fraction, seed);
    }
}
