package senslab.kernel;

import org.dflib.jjava.jupyter.kernel.util.PathsHandler;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the notebook's classes come from: the kernel's notebook runtime ({@code display(...)}), then
 * {@code IJAVA_CLASSPATH} entries (globs allowed, as in IJava), then {@code SENSLAB_CLASSPATH}, which the
 * install script writes into the kernelspec (the helper library and its runtime dependencies).
 */
final class NotebookClasspath {

    private NotebookClasspath() {
    }

    /** The whole notebook class path, in search order. */
    static List<Path> fromEnvironment() {
        List<Path> paths = new ArrayList<>();
        paths.add(kernelRuntime());
        for (String variable : List.of("IJAVA_CLASSPATH", "SENSLAB_CLASSPATH")) {
            String value = System.getenv(variable);
            if (value == null || value.isBlank()) {
                continue;
            }
            for (String entry : value.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    paths.addAll(PathsHandler.resolveGlobs(entry));
                }
            }
        }
        return paths;
    }

    /** The kernel's own classes, so that cells compile against the display functions. */
    private static Path kernelRuntime() {
        try {
            return Path.of(NotebookClasspath.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            throw new IllegalStateException("cannot locate the kernel's own classes", e);
        }
    }
}
