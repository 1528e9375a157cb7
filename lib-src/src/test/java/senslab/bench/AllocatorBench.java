package senslab.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import senslab.engine.Preload;

/**
 * Which native allocator every JVM of the project runs with: training, inference, maps and activation maximization
 * under glibc's defaults, under glibc's settings of {@code environment/native-memory.env}, and with jemalloc
 * (keeping freed memory, as {@code environment/jvm-env.sh} runs every JVM here, and with its defaults) and tcmalloc
 * preloaded (Debian's libjemalloc2 and libtcmalloc-minimal4; skipped where missing). On hosts where page
 * faults are dear (virtual machines with page-table isolation), an allocator that hands freed tensors back to the
 * kernel makes the next batch fault in fresh zeroed pages: the minor faults and sys time show it.
 */
public final class AllocatorBench {
    private static final String LIBRARIES = "/usr/lib/x86_64-linux-gnu/";

    private AllocatorBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Map<String, String>> allocators = new LinkedHashMap<>();
        // the allocator of environment/jvm-env.sh (jemalloc where installed) comes off every configuration's preload
        String others = Preload.inheritedWithout("malloc");
        allocators.put("glibc, defaults", Map.of("MALLOC_MMAP_THRESHOLD_", "", "MALLOC_TRIM_THRESHOLD_", "",
                "MALLOC_ARENA_MAX", "", "MALLOC_CONF", "", "LD_PRELOAD", others));
        allocators.put("glibc, native-memory.env", Map.of("MALLOC_CONF", "", "LD_PRELOAD", others));
        preloaded(allocators, "jemalloc, keeping freed memory", "libjemalloc.so.2", others,
                Map.of("MALLOC_CONF", "dirty_decay_ms:-1,muzzy_decay_ms:-1,retain:true"));
        preloaded(allocators, "jemalloc, its defaults", "libjemalloc.so.2", others, Map.of("MALLOC_CONF", ""));
        preloaded(allocators, "tcmalloc", "libtcmalloc_minimal.so.4", others, Map.of("MALLOC_CONF", ""));
        EnvironmentComparison.compare("AllocatorBench", allocators);
    }

    private static void preloaded(Map<String, Map<String, String>> allocators, String name, String library,
            String others, Map<String, String> settings) {
        Path path = Path.of(LIBRARIES, library);
        if (Files.exists(path)) {
            Map<String, String> environment = new LinkedHashMap<>(settings);
            environment.put("LD_PRELOAD", others.isEmpty() ? path.toString() : path + ":" + others);
            allocators.put(name, environment);
        } else {
            System.out.println("AllocatorBench: " + name + " skipped, " + path + " is not installed");
        }
    }
}
