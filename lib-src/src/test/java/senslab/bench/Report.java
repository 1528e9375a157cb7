package senslab.bench;

import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;

/**
 * The lines of a bench that prose may cite. {@code SIDE} lines say what each side ran on (versions, BLAS, threads,
 * allocator), read from the process itself; a {@code RESULT} line gives one workload's figure on each side, the
 * ratio and the goal, under a key {@code Bench/workload} that a number in the README, a notebook or the javadoc
 * names as its source.
 */
final class Report {
    private Report() {
    }

    /** Prints one SIDE line. */
    static void side(String name, String runtime) {
        System.out.println("SIDE " + name + ": " + runtime);
    }

    /**
     * Prints a RESULT line: both sides' figures as the bench words them, and how many times faster ours is
     * ({@code speedUp}: the peer's time over ours; NaN when the peer did not run), against {@code goal} (NaN: none).
     */
    static void result(String key, String workload, String ours, String peerName, String peer, double speedUp,
            double goal) {
        String ratio = Double.isNaN(speedUp) ? "no ratio (peer not run)"
                : String.format(Locale.ROOT, "ours %.2f× as fast", speedUp);
        String target = Double.isNaN(goal) ? "" : String.format(Locale.ROOT, " | goal ≥ %.1f×: %s", goal,
                Double.isNaN(speedUp) ? "not measured" : speedUp >= goal ? "met" : "MISSED");
        line(key, workload, ours, peerName + " " + (Double.isNaN(speedUp) ? "-" : peer), ratio + target);
    }

    /** Prints a RESULT line whose comparison is not a speed ratio ({@code verdict} says what it is). */
    static void line(String key, String workload, String ours, String peer, String verdict) {
        System.out.println("RESULT " + key + " | " + workload + " | ours " + ours + " | " + peer + " | " + verdict);
    }

    /** How the figures were taken, for the line after a RESULT. */
    static String statistic(int warmUps, SideBySide.Times times) {
        return String.format(Locale.ROOT, "median of %d runs each, alternated, after %d warm-up run%s each",
                times.ours().length, warmUps, warmUps == 1 ? "" : "s");
    }

    /** Our engine: DJL and libtorch versions, MKL and oneDNN, intra-op threads, OpenMP runtime, allocator. */
    static String engine() {
        Engine engine = Engine.getInstance();
        List<String> openmp = mapped("libgomp", "libiomp");
        return String.format(Locale.ROOT, "DJL %s, PyTorch %s (BLAS %s, oneDNN %s, %d intra-op threads, %s); "
                        + "%d cores; allocator %s",
                Engine.getDjlVersion(), engine.getVersion(),
                engine.hasCapability(StandardCapabilities.MKL) ? "MKL, inside libtorch" : "no MKL",
                engine.hasCapability(StandardCapabilities.MKLDNN) ? "on" : "off", JniUtils.getNumThreads(),
                openmp.isEmpty() ? "no OpenMP runtime mapped" : "OpenMP " + Path.of(openmp.get(0)).getFileName(),
                Runtime.getRuntime().availableProcessors(), allocator());
    }

    /** Our plain-Java code: the JVM and the threads of its common pool (plus the calling thread). */
    static String java() {
        return String.format(Locale.ROOT, "Java %s, %d threads (common pool + caller); %d cores; allocator %s",
                Runtime.version(), ForkJoinPool.getCommonPoolParallelism() + 1,
                Runtime.getRuntime().availableProcessors(), allocator());
    }

    /** jemalloc or tcmalloc when mapped into this process (preloaded), else glibc's malloc and its MALLOC_ settings. */
    static String allocator() {
        for (String name : List.of("libjemalloc", "libtcmalloc")) {
            List<String> paths = mapped(name);
            if (!paths.isEmpty()) {
                String conf = System.getenv().getOrDefault("MALLOC_CONF", "");
                return name.substring(3) + " [" + paths.get(0) + "]" + (conf.isEmpty() ? "" : " MALLOC_CONF=" + conf);
            }
        }
        Map<String, String> settings = new TreeMap<>(System.getenv());
        settings.keySet().removeIf(key -> !key.startsWith("MALLOC_"));
        return "glibc malloc " + (settings.isEmpty() ? "(defaults)" : settings.toString());
    }

    /** The mapped files of this process whose names contain one of {@code names}. */
    private static List<String> mapped(String... names) {
        try {
            return Files.readAllLines(Path.of("/proc/self/maps")).stream()
                    .map(line -> line.split("\\s+"))
                    .filter(fields -> fields.length >= 6)
                    .map(fields -> fields[5])
                    .filter(path -> List.of(names).stream().anyMatch(n -> Path.of(path).getFileName() != null
                            && Path.of(path).getFileName().toString().contains(n)))
                    .distinct().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
