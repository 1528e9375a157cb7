package senslab.faithfulness;

import senslab.attribution.AttributionMaps;
import senslab.metric.Batch;
import senslab.metric.Method;
import senslab.metric.Metric;

/** What deletion, insertion and μ-fidelity share as metrics: one {@link Faithfulness} evaluation per image. */
abstract class CurveMetric implements Metric {
    private final FaithfulnessScorer scorer;

    CurveMetric(FaithfulnessScorer scorer) {
        this.scorer = scorer;
    }

    /** This metric's value in the result of one image (image 0 of it). */
    abstract double value(FaithfulnessResult result, String method, String label);

    @Override
    public String family() {
        return "faithfulness";
    }

    @Override
    public double[] score(Method method, AttributionMaps maps, Batch batch) {
        FaithfulnessResult[] results = scorer.perImage(method, maps, batch);
        double[] scores = new double[results.length];
        for (int image = 0; image < scores.length; image++) {
            scores[image] = value(results[image], method.name(), maps.labels().get(0));
        }
        return scores;
    }

    @Override
    public String toString() {
        return name() + " (" + scorer.faithfulness().settings() + ")";
    }
}
