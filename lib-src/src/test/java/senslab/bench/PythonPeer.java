package senslab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import senslab.Project;

/**
 * A peer written in Python (PyTorch, NumPy, OpenTURNS from Debian's packages), started once by a bench and kept warm
 * beside our code, so that the bench can alternate its timed runs with ours (see {@code peer_runtime.py} for the
 * protocol). Debian's interpreter comes first, where {@code python3-torch} and {@code python3-openturns} install; a
 * peer that is not installed is skipped with a line saying how to install it.
 *
 * <p>The peer inherits this JVM's environment as it is (the allocator preloaded by the Makefile, the MALLOC_
 * settings), so both sides run under the same allocator, and gets the same thread budget as ours,
 * {@code SENSLAB_BENCH_THREADS}: this machine's cores.
 */
final class PythonPeer implements AutoCloseable {
    private final Process process;
    private final PrintWriter in;
    private final BufferedReader out;
    private final String runtime;
    private List<String> lastLines = List.of();

    private PythonPeer(Process process, String firstLines) throws IOException {
        this.process = process;
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> started = until("READY");
        this.runtime = started.stream().filter(l -> l.startsWith("RUNTIME ")).map(l -> l.substring(8)).findFirst()
                .orElseThrow(() -> new IOException(firstLines + " printed no RUNTIME line:\n"
                        + String.join("\n", started)));
    }

    /** The peer's cores: the same as ours. */
    static int threads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Starts {@code lib-src/src/test/python/<script>} with {@code args}, or returns empty (after printing why) when
     * python3 lacks {@code module} (from Debian's {@code debianPackage}) or the script fails to start.
     */
    static Optional<PythonPeer> start(String module, String debianPackage, String script, String... args)
            throws IOException, InterruptedException {
        if (!installed(module)) {
            System.out.println("peer skipped: " + interpreter() + " has no " + module + " (apt-get install "
                    + debianPackage + ", or make bench-peers)");
            return Optional.empty();
        }
        List<String> command = new ArrayList<>(List.of(interpreter(),
                Project.root().resolve("lib-src/src/test/python").resolve(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SENSLAB_BENCH_THREADS", String.valueOf(threads()));
        Process process = builder.start();
        try {
            PythonPeer peer = new PythonPeer(process, script);
            if (peer.runtime.contains("reference BLAS")) {
                System.out.println("WARNING: the peer runs on the reference BLAS, which understates it wherever a"
                        + " matrix product runs: make bench-peers installs OpenBLAS");
            }
            return Optional.of(peer);
        } catch (IOException e) {
            process.destroy();
            System.out.println("peer " + script + " failed to start: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Debian's PyTorch. */
    static Optional<PythonPeer> torch(String script, String... args) throws IOException, InterruptedException {
        return start("torch", "python3-torch", script, args);
    }

    /** What the peer runs on: versions, BLAS, threads and allocator, as it read them from its own process. */
    String runtime() {
        return runtime;
    }

    /** Does {@code work} once in the peer and returns its seconds, as the peer measured them. */
    double seconds(String work) throws IOException {
        in.println(work);
        List<String> lines = until("SECONDS ");
        lastLines = lines.subList(0, lines.size() - 1);
        return Double.parseDouble(lines.get(lines.size() - 1).substring(8).trim());
    }

    /** The lines the last work printed before its time. */
    List<String> lastLines() {
        return lastLines;
    }

    /** The number after {@code key} on the last work's first line that starts with it, e.g. {@code TOTAL 45.2}. */
    double value(String key) {
        return lastLines.stream().filter(line -> line.startsWith(key + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(key.length() + 1).trim()))
                .orElseThrow(() -> new IllegalStateException("the peer printed no " + key + " line:\n"
                        + String.join("\n", lastLines)));
    }

    /** Lines up to and including the first that starts with {@code prefix}; the peer's output if it ends first. */
    private List<String> until(String prefix) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            lines.add(line);
            if (line.startsWith(prefix)) {
                return lines;
            }
            if (line.startsWith("ERROR ")) {
                break;
            }
        }
        throw new IOException("the peer stopped before " + prefix.trim() + ":\n" + String.join("\n", lines));
    }

    @Override
    public void close() throws InterruptedException {
        in.println("quit");
        in.close();
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroy();
        }
    }

    private static boolean installed(String module) throws IOException, InterruptedException {
        Process probe = new ProcessBuilder(interpreter(), "-c", "import " + module).redirectErrorStream(true).start();
        probe.getInputStream().readAllBytes();
        return probe.waitFor(2, TimeUnit.MINUTES) && probe.exitValue() == 0;
    }

    private static String interpreter() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }
}
