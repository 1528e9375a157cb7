package senslab.randomisation;

import java.util.SplittableRandom;
import senslab.attribution.AttributionMaps;
import senslab.attribution.Target;
import senslab.metric.Batch;
import senslab.metric.Better;
import senslab.metric.Method;
import senslab.metric.Metric;

/**
 * The random-logit test (Sixt et al. 2020): SSIM between a method's map of an image for its class and its map for a
 * random other class (drawn per image from the seed and the image). A method whose map hardly changes with the
 * class explains the image, not the class: nearer 0 is better (a map that turns into its negative, SSIM near −1,
 * keeps the image's structure no less). Needs maps of a class-logit target.
 */
public final class RandomLogit implements Metric {
    private final int classes;
    private final long seed;

    /** Other classes drawn among {@code classes} (the network's outputs), from {@code seed}. */
    public RandomLogit(int classes, long seed) {
        if (classes < 2) {
            throw new IllegalArgumentException("the random-logit test needs at least 2 classes, got " + classes);
        }
        this.classes = classes;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "random-logit SSIM";
    }

    @Override
    public String family() {
        return "randomisation";
    }

    @Override
    public Better better() {
        return Better.NEARER_ZERO;
    }

    @Override
    public double[] score(Method method, AttributionMaps maps, Batch batch) {
        int n = batch.images();
        int[] others = new int[n];
        for (int image = 0; image < n; image++) {
            int own = batch.target().classOf(image);
            if (own < 0) {
                throw new IllegalArgumentException("the random-logit test needs maps of a class: evaluate with "
                        + "Target.classLogit(...), not " + batch.target());
            }
            int other = new SplittableRandom(batch.seed(seed, image)).nextInt(classes - 1);
            others[image] = other >= own ? other + 1 : other;
        }
        AttributionMaps random = method.attribution().attribute(batch.inputs(), Target.classLogit(others));
        double[] ssim = new double[n];
        for (int image = 0; image < n; image++) {
            ssim[image] = MapSimilarity.ssim(maps, random, image);
        }
        return ssim;
    }

    @Override
    public String toString() {
        return name() + " (" + classes + " classes, seed " + seed + ")";
    }
}
