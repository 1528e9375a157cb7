package senslab.robustness;

import ai.djl.ndarray.NDManager;
import java.util.Objects;
import java.util.SplittableRandom;
import senslab.attribution.AttributionMaps;
import senslab.metric.Batch;
import senslab.metric.Better;
import senslab.metric.Method;
import senslab.metric.Metric;

/**
 * What the robustness metrics share: the method is run again on noisy copies of the images, and each copy's map
 * is compared with the image's own, ‖Φ(x + ε) − Φ(x)‖ / ‖Φ(x)‖ (Frobenius norms over every value of the map;
 * 0/0 counts 0, a change of a map of zeros is undefined); the subclass says how the copies' values are combined.
 * Lower is more robust.
 */
abstract class Sensitivity implements Metric {
    private final InputNoise noise;

    Sensitivity(InputNoise noise) {
        this.noise = Objects.requireNonNull(noise, "noise");
    }

    /** The image's value from the relative changes of its noisy copies. */
    abstract double combine(double[] changes);

    public InputNoise noise() {
        return noise;
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
        int n = batch.images();
        String label = maps.labels().get(0);
        SplittableRandom[] random = new SplittableRandom[n];
        float[][] pixels = new float[n][];
        for (int image = 0; image < n; image++) {
            random[image] = new SplittableRandom(batch.seed(noise.seed(), image));
            pixels[image] = batch.pixels(image);
        }
        int size = pixels[0].length;
        double[][] changes = new double[n][noise.samples()];
        for (int s = 0; s < noise.samples(); s++) {
            float[] noisy = new float[n * size];
            for (int image = 0; image < n; image++) {
                for (int k = 0; k < size; k++) {
                    double e = noise.gaussian() ? random[image].nextGaussian() * noise.radius()
                            : (2 * random[image].nextDouble() - 1) * noise.radius();
                    noisy[image * size + k] = (float) (pixels[image][k] + e);
                }
            }
            AttributionMaps moved;
            try (NDManager scope = batch.inputs().getManager().newSubManager()) {
                moved = method.attribution().attribute(scope.create(noisy, batch.inputs().getShape()), batch.target());
            }
            for (int image = 0; image < n; image++) {
                changes[image][s] = relativeChange(maps.values(image, label), moved.values(image, label));
            }
        }
        double[] scores = new double[n];
        for (int image = 0; image < n; image++) {
            scores[image] = combine(changes[image]);
        }
        return scores;
    }

    private static double relativeChange(float[] original, float[] moved) {
        double difference = 0;
        double norm = 0;
        for (int k = 0; k < original.length; k++) {
            double d = moved[k] - original[k];
            difference += d * d;
            norm += (double) original[k] * original[k];
        }
        if (norm == 0) {
            return difference == 0 ? 0 : Double.NaN;
        }
        return Math.sqrt(difference / norm);
    }
}
