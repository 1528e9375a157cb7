package senslab;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Which package uses which, between the project's packages, with the checks of the layering rules: arrows only
 * where an allow-list has them, no cycle, and no arrow into a package that nothing may depend on. Sorted, so that
 * messages are the same every run.
 */
final class PackageGraph {
    private final Map<String, Set<String>> arrows = new TreeMap<>();

    /** A graph from arrows given as "from -> to" pairs. */
    PackageGraph(Map<String, Set<String>> arrows) {
        arrows.forEach((from, to) -> this.arrows.put(from, new TreeSet<>(to)));
        arrows.values().forEach(to -> to.forEach(p -> this.arrows.computeIfAbsent(p, k -> new TreeSet<>())));
    }

    /**
     * The dependencies between the packages named {@code root} or {@code root.…} of the compiled classes in
     * {@code classes} (folders or jars), read together by jdeps; packages that use none of the others are in it too.
     */
    static PackageGraph read(List<Path> classes, String root) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps")
                .orElseThrow(() -> new IllegalStateException("jdeps is missing: run the tests on a full JDK"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> arguments = new ArrayList<>(List.of("-verbose:package", "-e",
                root.replace(".", "\\.") + "(\\..*)?"));
        classes.forEach(path -> arguments.add(path.toString()));
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(err), arguments.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("jdeps failed (" + status + "): " + err);
        }
        Map<String, Set<String>> arrows = new HashMap<>();
        for (String line : out.toString().split("\\R")) {
            String[] words = line.trim().split("\\s+");
            if (words.length >= 3 && words[1].equals("->") && inside(words[0], root) && inside(words[2], root)) {
                Set<String> to = arrows.computeIfAbsent(words[0], k -> new TreeSet<>());
                if (!words[2].equals(words[0])) {
                    to.add(words[2]);
                }
            }
        }
        for (Path path : classes) {
            for (String pkg : packagesIn(path)) {
                if (inside(pkg, root)) {
                    arrows.computeIfAbsent(pkg, k -> new TreeSet<>());
                }
            }
        }
        if (arrows.isEmpty()) {
            throw new IllegalStateException("jdeps found no " + root + " packages in " + classes + ": " + out);
        }
        return new PackageGraph(arrows);
    }

    /** The packages of the class files in a folder or jar (also those that use no other package of the project). */
    private static Set<String> packagesIn(Path classes) {
        Set<String> packages = new TreeSet<>();
        try (FileSystem jar = Files.isDirectory(classes) ? null : FileSystems.newFileSystem(classes);
                Stream<Path> files = Files.walk(jar == null ? classes : jar.getPath("/"))) {
            Path base = jar == null ? classes : jar.getPath("/");
            files.filter(f -> f.toString().endsWith(".class") && f.getParent() != null && !f.getParent().equals(base))
                    .forEach(f -> packages.add(base.relativize(f.getParent()).toString().replace('/', '.')));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the classes in " + classes + ": " + e.getMessage(), e);
        }
        return packages;
    }

    private static boolean inside(String pkg, String root) {
        return pkg.equals(root) || pkg.startsWith(root + ".");
    }

    Set<String> packages() {
        return arrows.keySet();
    }

    Set<String> dependenciesOf(String pkg) {
        return arrows.getOrDefault(pkg, Set.of());
    }

    /** Every group of packages that depend on each other in a circle (strongly connected, two or more). */
    List<List<String>> cycles() {
        return new Tarjan().components().stream().filter(c -> c.size() > 1).toList();
    }

    /** Every arrow "from -> target" into {@code target}. */
    List<String> arrowsInto(String target) {
        return arrows.entrySet().stream().filter(e -> e.getValue().contains(target))
                .map(e -> e.getKey() + " -> " + target).toList();
    }

    /**
     * How this graph differs from {@code allowed} (package → the packages it may use): arrows the list does not
     * have, packages it does not name, and what it lists that is not so (packages that do not exist, arrows that
     * are not there), each as a sentence saying what to do.
     */
    List<String> differencesFrom(Map<String, Set<String>> allowed) {
        List<String> problems = new ArrayList<>();
        for (String pkg : arrows.keySet()) {
            if (!allowed.containsKey(pkg)) {
                problems.add("package " + pkg + " has no row in the table: add one saying what it owns and uses");
                continue;
            }
            for (String used : dependenciesOf(pkg)) {
                if (!allowed.get(pkg).contains(used)) {
                    problems.add(pkg + " -> " + used + " is not in the table: use a lower floor, or move the shared"
                            + " piece down (if the arrow is right, add it to the table and say why in the review)");
                }
            }
        }
        for (Map.Entry<String, Set<String>> row : new TreeMap<>(allowed).entrySet()) {
            if (!arrows.containsKey(row.getKey())) {
                problems.add("the table has a row for " + row.getKey() + ", which does not exist: remove it");
                continue;
            }
            for (String listed : new TreeSet<>(row.getValue())) {
                if (!dependenciesOf(row.getKey()).contains(listed)) {
                    problems.add("the table says " + row.getKey() + " uses " + listed + ", which it does not:"
                            + " remove it from the row");
                }
            }
        }
        return problems;
    }

    /** Tarjan's strongly connected components, each sorted. */
    private final class Tarjan {
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new TreeSet<>();
        private final List<List<String>> components = new ArrayList<>();

        List<List<String>> components() {
            for (String pkg : arrows.keySet()) {
                if (!index.containsKey(pkg)) {
                    visit(pkg);
                }
            }
            return components;
        }

        private void visit(String pkg) {
            index.put(pkg, index.size());
            low.put(pkg, index.get(pkg));
            stack.push(pkg);
            onStack.add(pkg);
            for (String next : dependenciesOf(pkg)) {
                if (!index.containsKey(next)) {
                    visit(next);
                    low.put(pkg, Math.min(low.get(pkg), low.get(next)));
                } else if (onStack.contains(next)) {
                    low.put(pkg, Math.min(low.get(pkg), index.get(next)));
                }
            }
            if (low.get(pkg).equals(index.get(pkg))) {
                List<String> component = new ArrayList<>();
                String member;
                do {
                    member = stack.pop();
                    onStack.remove(member);
                    component.add(member);
                } while (!member.equals(pkg));
                component.sort(null);
                components.add(component);
            }
        }
    }
}
