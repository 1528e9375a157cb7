package senslab.robustness;

import java.util.Arrays;

/**
 * Average sensitivity (Yeh et al. 2019; the mean counterpart of Alvarez-Melis and Jaakkola's 2018 local stability):
 * the mean relative change of the map over the noisy copies.
 */
public final class AverageSensitivity extends Sensitivity {

    /**
     * The mean change under {@code noise}, from its own run of the method on the noisy copies
     * ({@link InputNoise#metrics()} shares one run with the other robustness metric).
     */
    public AverageSensitivity(InputNoise noise) {
        this(new NoisyMaps(noise));
    }

    AverageSensitivity(NoisyMaps copies) {
        super(copies);
    }

    @Override
    public String name() {
        return "average sensitivity";
    }

    @Override
    double combine(double[] changes) {
        return Arrays.stream(changes).average().orElseThrow();
    }
}
