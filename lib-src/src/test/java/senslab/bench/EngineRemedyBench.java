package senslab.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import senslab.engine.Preload;
import senslab.engine.Remedy;

/**
 * What the engine remedies cost (README, "The engine check"): the same workloads on this host as it is, and on
 * an emulated affected host (its CPU cache topology hidden by {@code libsenslab-cpucaches.so}) with the cache
 * topology presented to oneDNN, and with convolutions routed round oneDNN. Without a remedy such a host computes
 * wrong convolutions, so the library refuses to run there and there is no third figure.
 */
public final class EngineRemedyBench {
    private static final Path LIBRARY = Path.of("environment", ".build", "libsenslab-cpucaches.so").toAbsolutePath();

    private EngineRemedyBench() {
    }

    public static void main(String[] args) throws Exception {
        if (!Files.isRegularFile(LIBRARY)) {
            System.out.println("EngineRemedyBench: skipped, " + LIBRARY + " is not built (make setup)");
            return;
        }
        String others = Preload.inheritedWithout("cpucaches");
        String library = others.isEmpty() ? LIBRARY.toString() : LIBRARY + ":" + others;
        Map<String, Map<String, String>> hosts = new LinkedHashMap<>();
        hosts.put("this host, no remedy", Map.of("SENSLAB_CPU_CACHES", "", Remedy.VARIABLE, ""));
        hosts.put("caches hidden, cache topology", Map.of("SENSLAB_CPU_CACHES", "present", "LD_PRELOAD", library,
                Remedy.VARIABLE, ""));
        hosts.put("caches hidden, routed convolutions", Map.of("SENSLAB_CPU_CACHES", "hide", "LD_PRELOAD", library,
                Remedy.VARIABLE, Remedy.ROUTE_CONVOLUTIONS.id()));
        EnvironmentComparison.compare("EngineRemedyBench", hosts);
    }
}
