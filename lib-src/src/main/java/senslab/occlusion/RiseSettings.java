package senslab.occlusion;

import java.io.Serializable;
import senslab.attribution.MethodSettings;

/**
 * What RISE maps are made with: the number of random masks, the side of the small grid they are drawn on, the
 * probability that a grid cell keeps its pixels, and the seed of the masks.
 */
public record RiseSettings(int masks, int grid, double keep, long seed) implements MethodSettings, Serializable {
    /** Petsiuk et al.'s choice for ImageNet networks: 4,000 masks on a 7 × 7 grid, half of the cells kept. */
    public static final RiseSettings DEFAULTS = new RiseSettings(4000, 7, 0.5, 0);

    public RiseSettings {
        if (masks < 1) {
            throw new IllegalArgumentException("RISE needs at least 1 mask, got " + masks);
        }
        if (grid < 2) {
            throw new IllegalArgumentException("RISE's grid must be at least 2 cells per side, got " + grid);
        }
        if (!(keep > 0 && keep <= 1)) {
            throw new IllegalArgumentException("the keep probability must be in (0, 1], got " + keep);
        }
    }

    public RiseSettings withMasks(int value) {
        return new RiseSettings(value, grid, keep, seed);
    }

    public RiseSettings withGrid(int value) {
        return new RiseSettings(masks, value, keep, seed);
    }

    public RiseSettings withKeep(double value) {
        return new RiseSettings(masks, grid, value, seed);
    }

    public RiseSettings withSeed(long value) {
        return new RiseSettings(masks, grid, keep, value);
    }

    @Override
    public String toString() {
        return String.format("%,d masks, grid %d×%d, keep %.2f, seed %d", masks, grid, grid, keep, seed);
    }
}
