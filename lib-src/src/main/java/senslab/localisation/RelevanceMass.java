package senslab.localisation;

/**
 * Relevance-mass accuracy (Arras et al. 2022): the share of the map's positive relevance that lies inside the true
 * mask, Σ_inside max(s, 0) / Σ max(s, 0); 1 when all of it is inside, 0 when none is (or when no value is positive).
 */
public final class RelevanceMass extends MaskScore {

    /** Scores maps against {@code truth}. */
    public RelevanceMass(GroundTruth truth) {
        super(truth);
    }

    @Override
    public String name() {
        return "relevance mass";
    }

    @Override
    double score(float[] map, boolean[] inside) {
        double in = 0;
        double total = 0;
        for (int k = 0; k < map.length; k++) {
            double positive = Math.max(map[k], 0);
            total += positive;
            in += inside[k] ? positive : 0;
        }
        return total > 0 ? in / total : 0;
    }
}
