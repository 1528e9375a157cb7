package senslab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A PyTorch peer of a bench, run by Debian's python3: its output, or a line saying why it could not run. */
final class PythonPeer {
    private PythonPeer() {
    }

    /** Debian's python3 (which has python3-torch once {@code make bench-peers} ran), else the one on the path. */
    static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    /**
     * Runs python3 with {@code arguments} and returns every line it printed (stderr included), or null after
     * printing why when there is no python3 or it has no torch.
     */
    static List<String> run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python()));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            System.out.println("PyTorch peer skipped: no python3 (" + e.getMessage() + ")");
            return null;
        }
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
            }
        }
        process.waitFor();
        if (lines.stream().anyMatch(line -> line.contains("No module named 'torch'"))) {
            System.out.println("PyTorch peer skipped: " + python() + " has no torch (make bench-peers installs python3-torch)");
            return null;
        }
        return lines;
    }
}
