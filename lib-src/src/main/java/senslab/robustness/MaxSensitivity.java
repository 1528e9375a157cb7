package senslab.robustness;

import java.util.Arrays;

/** Max-sensitivity (Yeh et al. 2019): the largest relative change of the map over the noisy copies. */
public final class MaxSensitivity extends Sensitivity {

    /**
     * The largest change under {@code noise}, from its own run of the method on the noisy copies
     * ({@link InputNoise#metrics()} shares one run with the other robustness metric).
     */
    public MaxSensitivity(InputNoise noise) {
        this(new NoisyMaps(noise));
    }

    MaxSensitivity(NoisyMaps copies) {
        super(copies);
    }

    @Override
    public String name() {
        return "max-sensitivity";
    }

    @Override
    double combine(double[] changes) {
        return Arrays.stream(changes).max().orElseThrow();
    }
}
