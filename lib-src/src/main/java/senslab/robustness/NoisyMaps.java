package senslab.robustness;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.SplittableRandom;
import senslab.attribution.AttributionMaps;
import senslab.metric.Batch;
import senslab.metric.Method;

/**
 * What the robustness metrics share: the method run again on noisy copies of a batch, and each copy's relative
 * change of the map, ‖Φ(x + ε) − Φ(x)‖ / ‖Φ(x)‖ (Frobenius norms over every value of the map; 0/0 counts 0, a change
 * of a map of zeros is undefined). The noise of an image is drawn from the seed and the image itself (so an image
 * scores the same in any batch or partition); the changes of a method's maps are kept with the batch, so that the
 * metrics of one noise ({@link InputNoise#metrics()}) run the method on the noisy copies once.
 */
final class NoisyMaps {
    private final InputNoise noise;

    NoisyMaps(InputNoise noise) {
        this.noise = noise;
    }

    InputNoise noise() {
        return noise;
    }

    /** {@code changes[image][copy]}: the relative change of each image's map (of {@code maps}) per noisy copy. */
    double[][] changes(Method method, AttributionMaps maps, Batch batch) {
        return batch.shared(List.of(this, maps), double[][].class, () -> measure(method, maps, batch));
    }

    private double[][] measure(Method method, AttributionMaps maps, Batch batch) {
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
        return changes;
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
