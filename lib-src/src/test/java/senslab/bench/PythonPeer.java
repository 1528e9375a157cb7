package senslab.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import senslab.Project;

/**
 * A peer written in Python (PyTorch, OpenTURNS from Debian's packages), run by a bench beside our code in the
 * same run. Debian's interpreter comes first, where {@code python3-torch} and {@code python3-openturns}
 * install; a peer that is not installed is skipped with a line saying how to install it.
 */
final class PythonPeer {
    private final String module;
    private final String debianPackage;

    private PythonPeer(String module, String debianPackage) {
        this.module = module;
        this.debianPackage = debianPackage;
    }

    /** Debian's python3-torch. */
    static PythonPeer torch() {
        return new PythonPeer("torch", "python3-torch");
    }

    /** Debian's python3-openturns. */
    static PythonPeer openturns() {
        return new PythonPeer("openturns", "python3-openturns");
    }

    /**
     * The output lines of the script {@code lib-src/src/test/python/<script>} run with {@code args}, or empty
     * (after printing why) when the peer is not installed or fails.
     */
    Optional<List<String>> run(String script, String... args) throws IOException, InterruptedException {
        if (!installed()) {
            System.out.println("peer skipped: " + interpreter() + " has no " + module + " (apt-get install "
                    + debianPackage + ", or make bench-peers)");
            return Optional.empty();
        }
        List<String> command = new ArrayList<>(List.of(interpreter(),
                Project.root().resolve("lib-src/src/test/python").resolve(script).toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.MINUTES) || process.exitValue() != 0) {
            System.out.println("peer " + script + " failed:\n" + out);
            return Optional.empty();
        }
        return Optional.of(out.lines().toList());
    }

    /** The number after {@code key} on the first line that starts with it, e.g. {@code IMAGES_PER_SECOND 45.2}. */
    static double value(List<String> lines, String key) {
        return lines.stream().filter(line -> line.startsWith(key + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(key.length() + 1).trim()))
                .orElseThrow(() -> new IllegalStateException("the peer printed no " + key + " line:\n"
                        + String.join("\n", lines)));
    }

    private boolean installed() throws IOException, InterruptedException {
        Process probe = new ProcessBuilder(interpreter(), "-c", "import " + module).redirectErrorStream(true).start();
        probe.getInputStream().readAllBytes();
        return probe.waitFor(2, TimeUnit.MINUTES) && probe.exitValue() == 0;
    }

    private static String interpreter() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }
}
