package senslab.engine;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What child JVMs of tests and benches inherit of this JVM's LD_PRELOAD (environment/jvm-env.sh sets it). */
public final class Preload {

    private Preload() {
    }

    /**
     * The libraries this JVM was started with preloaded (jemalloc where installed, the cache-topology library where
     * the host needs it), without those whose path contains {@code except}.
     */
    public static String inheritedWithout(String except) {
        return Arrays.stream(System.getenv().getOrDefault("LD_PRELOAD", "").split(":"))
                .filter(library -> !library.isEmpty() && !library.contains(except))
                .collect(Collectors.joining(":"));
    }
}
