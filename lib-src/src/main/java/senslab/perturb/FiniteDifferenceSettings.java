package senslab.perturb;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import senslab.attribution.MethodSettings;

/**
 * What finite-difference maps are made with: the perturbation size δ, how outputs are compared, and the input
 * channels perturbed (0 = R, 1 = G, 2 = B). The configuration of {@link PixelSensitivity} and what its maps record;
 * serializable, so that a cluster's executors rebuild the same method from it.
 */
public record FiniteDifferenceSettings(Delta delta, Difference difference, int[] channels)
        implements MethodSettings, Serializable {
    /** δ = 0.1, the authors' ‖B(x + δe) − B(x)‖₂, channels R, G, B. */
    public static final FiniteDifferenceSettings DEFAULTS = new FiniteDifferenceSettings(Delta.fixed(0.1),
            Difference.OF_OUTPUTS, new int[] {0, 1, 2});

    public FiniteDifferenceSettings {
        Objects.requireNonNull(delta, "delta");
        Objects.requireNonNull(difference, "difference");
        if (channels.length == 0 || Arrays.stream(channels).anyMatch(c -> c < 0)) {
            throw new IllegalArgumentException("name at least one channel, each >= 0 (0 = R, 1 = G, 2 = B)");
        }
        channels = channels.clone();
    }

    @Override
    public int[] channels() {
        return channels.clone();
    }

    public FiniteDifferenceSettings withDelta(Delta value) {
        return new FiniteDifferenceSettings(value, difference, channels);
    }

    public FiniteDifferenceSettings withDifference(Difference value) {
        return new FiniteDifferenceSettings(delta, value, channels);
    }

    public FiniteDifferenceSettings withChannels(int... chosen) {
        return new FiniteDifferenceSettings(delta, difference, chosen);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FiniteDifferenceSettings s && delta.equals(s.delta) && difference.equals(s.difference)
                && Arrays.equals(channels, s.channels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(delta, difference, Arrays.hashCode(channels));
    }

    /** E.g. "‖B(x+δe) − B(x)‖, δ = 0.1, channels R, G, B" (channels 0, 1, 2 named as in RGB images). */
    @Override
    public String toString() {
        return difference + ", " + delta + ", channels " + IntStream.of(channels)
                .mapToObj(c -> c < 3 ? "RGB".substring(c, c + 1) : "c" + c).collect(Collectors.joining(", "));
    }
}
