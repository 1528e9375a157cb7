package senslab.metric;

import senslab.attribution.AttributionMaps;

/**
 * How good one method's maps of a batch of images are, one number per image, so that an {@link Evaluation} can
 * give the mean and a 95 % interval over images for every method and metric. A metric is built on what it needs
 * (the network, a perturbation, ground-truth masks) and scores the maps against the network, the target and the
 * inputs of the {@link Batch}; it may run the method again (robustness, randomisation) or not at all (complexity).
 * A metric whose random draws depend on an image draws them from {@link Batch#seed}, so that a set evaluated in
 * pieces (batches, Spark partitions) gives the numbers of one call on the whole set.
 */
public interface Metric {

    /** How tables name it: "deletion AUC", "max-sensitivity", "pointing game", …. */
    String name();

    /** Its family, as in Quantus: "faithfulness", "robustness", "randomisation", "complexity", "axiomatic", …. */
    String family();

    /** Which values mean better maps: higher (insertion AUC), lower (deletion AUC, infidelity), or nearer 0. */
    Better better();

    /**
     * Whether the metric means anything for {@code method} (completeness only for methods that claim it); an
     * evaluation reports the pair as not applicable instead of scoring it.
     */
    default boolean appliesTo(Method method) {
        return true;
    }

    /**
     * One value per image of {@code batch}, in order, for {@code maps}, the maps {@code method} made of the batch
     * (one label: the target's). NaN where the value is undefined for an image (e.g. a correlation with a constant
     * map): evaluations count such images apart.
     */
    double[] score(Method method, AttributionMaps maps, Batch batch);
}
