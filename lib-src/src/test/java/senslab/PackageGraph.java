package senslab;

import java.io.PrintWriter;
import java.io.StringWriter;
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

/**
 * Which package uses which, between the project's packages, with the checks of the layering rules: no cycle,
 * and no arrow into a package that nothing may depend on. Sorted, so that messages are the same every run.
 */
final class PackageGraph {
    private final Map<String, Set<String>> arrows = new TreeMap<>();

    /** A graph from arrows given as "from -> to" pairs. */
    PackageGraph(Map<String, Set<String>> arrows) {
        arrows.forEach((from, to) -> this.arrows.put(from, new TreeSet<>(to)));
        arrows.values().forEach(to -> to.forEach(p -> this.arrows.computeIfAbsent(p, k -> new TreeSet<>())));
    }

    /** The dependencies between packages named {@code prefix}… of the compiled classes in {@code classes}, by jdeps. */
    static PackageGraph read(Path classes, String prefix) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps")
                .orElseThrow(() -> new IllegalStateException("jdeps is missing: run the tests on a full JDK"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:package", "-e",
                prefix.replace(".", "\\.") + ".*", classes.toString());
        if (status != 0) {
            throw new IllegalStateException("jdeps failed (" + status + "): " + err);
        }
        Map<String, Set<String>> arrows = new HashMap<>();
        for (String line : out.toString().split("\\R")) {
            String[] words = line.trim().split("\\s+");
            if (words.length >= 3 && words[1].equals("->") && words[0].startsWith(prefix)
                    && words[2].startsWith(prefix)) {
                arrows.computeIfAbsent(words[0], k -> new TreeSet<>()).add(words[2]);
            }
        }
        if (arrows.isEmpty()) {
            throw new IllegalStateException("jdeps found no dependencies between " + prefix + " packages in " + classes
                    + ": " + out);
        }
        return new PackageGraph(arrows);
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
