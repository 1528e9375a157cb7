package senslab.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Chooses the {@link Remedy} for the JVMs the project starts on this host (tests, notebooks, benchmarks, Spark
 * in the kernel), before they start: runs {@link EngineCheck} in a child JVM as things are, then, if it fails,
 * with the cache topology presented, then with convolutions routed round oneDNN, and writes the settings of the
 * first that passes, as {@code KEY=VALUE} lines, to a file ({@code environment/jvm-env.sh} keeps one per host and
 * gives them to every JVM). {@code SENSLAB_ENGINE_REMEDY} set to a remedy's id tries that one alone, so that a
 * remedy can be forced where it is not needed.
 *
 * <pre>java -cp … senslab.engine.EngineProbe &lt;settings file&gt; &lt;libsenslab-cpucaches.so&gt;</pre>
 */
public final class EngineProbe {
    /** Tells {@code libsenslab-cpucaches.so} what to do; read by the library itself only through its state. */
    static final String CACHES = "SENSLAB_CPU_CACHES";
    /** The preloaded library, for the script that composes LD_PRELOAD. */
    static final String PRELOAD = "SENSLAB_CPU_CACHES_PRELOAD";

    private EngineProbe() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: EngineProbe <settings file to write> <libsenslab-cpucaches.so>");
        }
        Path settingsFile = Path.of(args[0]);
        Path library = Path.of(args[1]).toAbsolutePath();
        Remedy forced = Remedy.requested();
        List<Remedy> candidates = forced != null ? List.of(forced) : List.of(Remedy.values());
        for (Remedy remedy : candidates) {
            if (remedy == Remedy.CACHE_TOPOLOGY && !Files.isRegularFile(library)) {
                System.out.println("engine probe: " + remedy.id() + " skipped: " + library + " is not built (gcc)");
                continue;
            }
            Map<String, String> settings = settings(remedy, library);
            System.out.println("engine probe: trying remedy " + remedy.id() + " " + settings);
            if (passes(settings)) {
                List<String> lines = new ArrayList<>();
                settings.forEach((key, value) -> lines.add(key + "=" + value));
                Files.createDirectories(settingsFile.toAbsolutePath().getParent());
                Path partial = settingsFile.resolveSibling(settingsFile.getFileName() + ".part");
                Files.write(partial, lines);
                Files.move(partial, settingsFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                System.out.println("engine probe: remedy " + remedy.id() + " chosen for this host");
                return;
            }
        }
        System.out.println("engine probe: no remedy gives right results on this host; every JVM will refuse to"
                + " compute and say why (EngineCheck)");
        System.exit(1);
    }

    /** The settings a JVM needs for {@code remedy}: what the preloaded library and the library read. */
    static Map<String, String> settings(Remedy remedy, Path library) {
        return switch (remedy) {
            case NONE -> Map.of();
            case CACHE_TOPOLOGY -> Map.of(CACHES, "present", PRELOAD, library.toString());
            case ROUTE_CONVOLUTIONS -> Map.of(Remedy.VARIABLE, remedy.id());
        };
    }

    /** Runs the check in a child JVM with these settings (and this JVM's class path), echoing its report. */
    private static boolean passes(Map<String, String> settings) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder child = new ProcessBuilder(java, "-Dai.djl.offline=true", "-cp",
                System.getProperty("java.class.path"), EngineCheck.class.getName()).redirectErrorStream(true);
        Map<String, String> environment = child.environment();
        // remedies come from the settings alone; SENSLAB_CPU_CACHES=hide, an emulated host, stays
        environment.remove(Remedy.VARIABLE);
        if ("present".equals(environment.get(CACHES))) {
            environment.remove(CACHES);
        }
        environment.putAll(settings);
        String preload = settings.get(PRELOAD);
        if (preload != null) {
            String existing = environment.getOrDefault("LD_PRELOAD", "");
            environment.put("LD_PRELOAD", existing.contains(preload) ? existing
                    : (existing.isBlank() ? "" : existing + ":") + preload);
        }
        Process process = child.start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            output.lines().filter(line -> !line.startsWith("[")).forEach(line -> System.out.println("  " + line));
        }
        return process.waitFor() == 0;
    }
}
