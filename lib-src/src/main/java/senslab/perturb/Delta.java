package senslab.perturb;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Random;

/**
 * The size δ of the perturbation added to one input element (pixel, channel): fixed, or drawn for every
 * element as the authors did (δ ~ N(−0.05, 0.1²)). Perturbations are added to the network's input as given,
 * i.e. to the normalized image, which is where the authors perturbed it. Serializable, so that settings travel
 * to a cluster's executors (a δ of your own must be too).
 */
public interface Delta extends Serializable {

    /**
     * The δ for each of the {@code count} input elements of image number {@code image} of a call; the same
     * arguments always give the same values, so a run is reproducible.
     */
    float[] forImage(int image, int count);

    /** The same δ for every element. */
    static Delta fixed(double delta) {
        return new Fixed(delta);
    }

    /** δ drawn independently for every element from N(mean, sd²); image k of a call uses its own stream. */
    static Delta normal(double mean, double sd, long seed) {
        return new Normal(mean, sd, seed);
    }

    /** The authors' choice: δ ~ N(−0.05, 0.1²) drawn for every pixel and channel. */
    static Delta authors(long seed) {
        return normal(-0.05, 0.1, seed);
    }

    /** The same δ for every element. */
    record Fixed(double delta) implements Delta {
        public Fixed {
            if (delta == 0 || !Double.isFinite(delta)) {
                throw new IllegalArgumentException("a fixed delta must be finite and non-zero, got " + delta);
            }
        }

        @Override
        public float[] forImage(int image, int count) {
            float[] values = new float[count];
            Arrays.fill(values, (float) delta);
            return values;
        }

        @Override
        public String toString() {
            return "δ = " + delta;
        }
    }

    /** δ ~ N(mean, sd²) per element, image k from the stream of seed·1,000,003 + k. */
    record Normal(double mean, double sd, long seed) implements Delta {
        public Normal {
            if (!(sd >= 0)) {
                throw new IllegalArgumentException("standard deviation must be >= 0, got " + sd);
            }
        }

        @Override
        public float[] forImage(int image, int count) {
            Random random = new Random(seed * 1_000_003L + image);
            float[] values = new float[count];
            for (int k = 0; k < count; k++) {
                values[k] = (float) (mean + sd * random.nextGaussian());
            }
            return values;
        }

        @Override
        public String toString() {
            return "δ ~ N(" + mean + ", " + sd + "²), seed " + seed;
        }
    }
}
