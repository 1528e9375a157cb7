package senslab.faithfulness;

import senslab.metric.Better;

/** {@link Faithfulness} as a metric: μ-fidelity (Bhatt et al. 2020; higher is better, 1 at most). */
public final class MuFidelity extends CurveMetric {

    /** Scored as {@code faithfulness} says (grid, perturbation, subsets, seed). */
    public MuFidelity(Faithfulness faithfulness) {
        this(new FaithfulnessScorer(faithfulness));
    }

    MuFidelity(FaithfulnessScorer scorer) {
        super(scorer);
    }

    @Override
    public String name() {
        return "μ-fidelity";
    }

    @Override
    public Better better() {
        return Better.HIGHER;
    }

    @Override
    double value(FaithfulnessResult result, String method, String label) {
        return result.muFidelity(method, 0, label);
    }
}
