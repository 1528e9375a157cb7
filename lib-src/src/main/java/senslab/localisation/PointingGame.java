package senslab.localisation;

/**
 * The pointing game (Zhang et al. 2018): 1 when the map's highest pixel lies inside the true mask, else 0 (ties:
 * the first highest pixel in row order); its mean over images is the hit rate.
 */
public final class PointingGame extends MaskScore {

    /** Scores maps against {@code truth}. */
    public PointingGame(GroundTruth truth) {
        super(truth);
    }

    @Override
    public String name() {
        return "pointing game";
    }

    @Override
    double score(float[] map, boolean[] inside) {
        int best = 0;
        for (int k = 1; k < map.length; k++) {
            if (map[k] > map[best]) {
                best = k;
            }
        }
        return inside[best] ? 1 : 0;
    }
}
