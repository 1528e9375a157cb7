package senslab.robustness;

import senslab.attribution.AttributionMaps;
import senslab.metric.Batch;
import senslab.metric.Better;
import senslab.metric.Method;
import senslab.metric.Metric;

/**
 * What the robustness metrics share: the relative changes of the maps of noisy copies of each image
 * ({@link NoisyMaps}); the subclass says how an image's changes are combined. Lower is more robust.
 */
abstract class Sensitivity implements Metric {
    private final NoisyMaps copies;

    Sensitivity(NoisyMaps copies) {
        this.copies = copies;
    }

    /** The image's value from the relative changes of its noisy copies. */
    abstract double combine(double[] changes);

    public InputNoise noise() {
        return copies.noise();
    }

    @Override
    public String family() {
        return "robustness";
    }

    @Override
    public Better better() {
        return Better.LOWER;
    }

    @Override
    public double[] score(Method method, AttributionMaps maps, Batch batch) {
        double[][] changes = copies.changes(method, maps, batch);
        double[] scores = new double[changes.length];
        for (int image = 0; image < scores.length; image++) {
            scores[image] = combine(changes[image]);
        }
        return scores;
    }
}
