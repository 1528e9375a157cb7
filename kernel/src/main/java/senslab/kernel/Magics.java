package senslab.kernel;

import org.dflib.jjava.jupyter.kernel.util.PathsHandler;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * IJava's line magics, each on a line of its own: {@code %jars <globs>}, {@code %classpath <paths>}
 * and {@code %maven group:artifact:version}. They add to the notebook's class path.
 */
final class Magics {

    /** A line magic: its arguments in, a value (usually null) out. */
    interface LineMagic {
        Object run(List<String> args) throws Exception;
    }

    private static final Pattern ARG = Pattern.compile("\"([^\"]*)\"|'([^']*)'|(\\S+)");

    private final Map<String, LineMagic> magics = new LinkedHashMap<>();

    Magics(Consumer<Path> addToClasspath, MavenDependencies maven) {
        magics.put("jars", args -> {
            for (Path jar : jars(args)) {
                addToClasspath.accept(jar);
            }
            return null;
        });
        magics.put("classpath", args -> {
            for (String arg : args) {
                for (Path p : existing(arg)) {
                    addToClasspath.accept(p);
                }
            }
            return null;
        });
        magics.put("maven", args -> {
            if (args.isEmpty()) {
                throw CellError.magic("%maven needs coordinates, e.g. %maven org.apache.commons:commons-lang3:3.17.0");
            }
            for (String coordinates : args) {
                for (Path jar : maven.resolve(coordinates)) {
                    addToClasspath.accept(jar);
                }
            }
            return null;
        });
    }

    /** True for a line that holds a line magic ({@code %name ...}, but not a cell magic {@code %%}). */
    static boolean isLineMagic(String line) {
        String s = line.stripLeading();
        return s.startsWith("%") && !s.startsWith("%%");
    }

    Object run(String line) throws Exception {
        List<String> words = words(line.strip().substring(1));
        if (words.isEmpty()) {
            throw CellError.magic("empty magic '%'; available: " + names());
        }
        LineMagic magic = magics.get(words.get(0));
        if (magic == null) {
            throw CellError.magic("unknown magic %" + words.get(0) + "; available: " + names());
        }
        return magic.run(words.subList(1, words.size()));
    }

    String names() {
        return "%" + String.join(", %", magics.keySet()) + ", and the cell magic %%time";
    }

    static List<String> words(String s) {
        List<String> words = new ArrayList<>();
        Matcher m = ARG.matcher(s);
        while (m.find()) {
            words.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
        }
        return words;
    }

    private static List<Path> jars(List<String> globs) throws Exception {
        List<Path> jars = new ArrayList<>();
        for (String glob : globs) {
            List<Path> matched = new ArrayList<>();
            for (Path p : PathsHandler.resolveGlobs(glob)) {
                if (Files.isDirectory(p)) {
                    try (Stream<Path> inside = Files.list(p)) {
                        inside.filter(f -> f.toString().endsWith(".jar")).sorted().forEach(matched::add);
                    }
                } else if (Files.isRegularFile(p)) {
                    matched.add(p);
                }
            }
            if (matched.isEmpty()) {
                throw CellError.magic("%jars: no jar matches " + glob);
            }
            jars.addAll(matched);
        }
        return jars;
    }

    private static List<Path> existing(String classpath) throws Exception {
        List<Path> paths = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            List<Path> matched = PathsHandler.resolveGlobs(entry);
            if (matched.isEmpty()) {
                throw CellError.magic("%classpath: nothing exists at " + entry);
            }
            paths.addAll(matched);
        }
        return paths;
    }
}
