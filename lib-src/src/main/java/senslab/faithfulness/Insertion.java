package senslab.faithfulness;

import senslab.metric.Better;

/** {@link Faithfulness} as a metric: the area under the insertion curve (higher is better). */
public final class Insertion extends CurveMetric {

    /** Scored as {@code faithfulness} says (grid, perturbation, subsets, seed). */
    public Insertion(Faithfulness faithfulness) {
        this(new FaithfulnessScorer(faithfulness));
    }

    Insertion(FaithfulnessScorer scorer) {
        super(scorer);
    }

    @Override
    public String name() {
        return "insertion AUC";
    }

    @Override
    public Better better() {
        return Better.HIGHER;
    }

    @Override
    double value(FaithfulnessResult result, String method, String label) {
        return result.insertionAuc(method, 0, label);
    }
}
