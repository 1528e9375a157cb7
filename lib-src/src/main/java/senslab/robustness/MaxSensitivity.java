package senslab.robustness;

import java.util.Arrays;

/** Max-sensitivity (Yeh et al. 2019): the largest relative change of the map over the noisy copies. */
public final class MaxSensitivity extends Sensitivity {

    /** The largest change under {@code noise}. */
    public MaxSensitivity(InputNoise noise) {
        super(noise);
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
