package senslab.metric;

import ai.djl.ndarray.NDArray;
import java.util.Objects;
import senslab.attribution.Attribution;
import senslab.attribution.AttributionMaps;
import senslab.attribution.Target;

/**
 * The maps one method made, under a name for tables, with the time it took.
 *
 * @param name    how tables and charts name the method, e.g. "Sobol" or "Grad-CAM block3"
 * @param maps    its maps of every image
 * @param seconds wall time of the call that made them (NaN when not timed)
 */
public record MethodRun(String name, AttributionMaps maps, double seconds) {

    public MethodRun {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(maps, "maps");
    }

    /** Runs {@code method} on {@code inputs} for {@code target} and times it. */
    public static MethodRun time(String name, Attribution method, NDArray inputs, Target target) {
        long start = System.nanoTime();
        AttributionMaps maps = method.attribute(inputs, target);
        return new MethodRun(name, maps, (System.nanoTime() - start) / 1e9);
    }

    /** Runs {@code method} on {@code inputs} for {@code target} and times it. */
    public static MethodRun time(Method method, NDArray inputs, Target target) {
        return time(method.name(), method.attribution(), inputs, target);
    }

    /** Maps made elsewhere, untimed. */
    public static MethodRun of(String name, AttributionMaps maps) {
        return new MethodRun(name, maps, Double.NaN);
    }

    /** Seconds per image. */
    public double secondsPerImage() {
        return seconds / maps.images();
    }
}
