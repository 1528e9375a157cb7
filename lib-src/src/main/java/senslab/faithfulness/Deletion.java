package senslab.faithfulness;

import senslab.metric.Better;

/**
 * {@link Faithfulness} as a metric: the area under the deletion curve (lower: the map found what the score rests
 * on).
 */
public final class Deletion extends CurveMetric {

    /** Scored as {@code faithfulness} says (grid, perturbation, subsets, seed). */
    public Deletion(Faithfulness faithfulness) {
        this(new FaithfulnessScorer(faithfulness));
    }

    Deletion(FaithfulnessScorer scorer) {
        super(scorer);
    }

    @Override
    public String name() {
        return "deletion AUC";
    }

    @Override
    public Better better() {
        return Better.LOWER;
    }

    @Override
    double value(FaithfulnessResult result, String method, String label) {
        return result.deletionAuc(method, 0, label);
    }
}
