package senslab.faithfulness;

import senslab.global.Inpainting;

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

    @Override
    public String toString() {
        return String.format("grid %d×%d, %s, μ-fidelity over %d subsets of %.0f %% of the cells (seed %d)", grid, grid,
                perturbation, samples, 100 * fraction, seed);
    }
}
