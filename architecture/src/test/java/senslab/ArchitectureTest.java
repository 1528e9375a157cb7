package senslab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The layers are the README's: the package arrows of the library, lib-spark and the kernel, read from their compiled
 * classes with jdeps, must be exactly those of the table in the README's Architecture section (an allow-list: a new
 * arrow fails until the table has it), with no cycle and nothing in the core that draws.
 */
class ArchitectureTest {
    private static final String ROOT = "senslab";
    private static final String PLOT = "senslab.plot";
    /** The notebooks' facade sits above everything, plot included. */
    private static final String FACADE = "senslab.notebook";
    /** A class of each module, to find its compiled classes. */
    private static final List<String> MODULE_CLASSES = List.of("senslab/Profile.class", "senslab/spark/Spark.class",
            "senslab/kernel/Main.class");
    private static final Path README = Path.of("..", "README.md");

    private static PackageGraph project() {
        List<Path> classes = new ArrayList<>();
        for (String resource : MODULE_CLASSES) {
            URL url = ArchitectureTest.class.getClassLoader().getResource(resource);
            if (url == null) {
                throw new IllegalStateException(resource + " is not on the test class path: run from the root,"
                        + " mvn test, so that the reactor builds the library, lib-spark and the kernel first");
            }
            classes.add(root(url, resource));
        }
        return PackageGraph.read(classes, ROOT);
    }

    /** The folder or jar holding {@code resource}. */
    private static Path root(URL url, String resource) {
        try {
            String text = url.toString();
            if (text.startsWith("jar:")) {
                return Path.of(new URL(text.substring(4, text.indexOf("!/"))).toURI());
            }
            Path file = Path.of(url.toURI());
            for (int i = 0; i < resource.split("/").length; i++) {
                file = file.getParent();
            }
            return file;
        } catch (URISyntaxException | java.net.MalformedURLException e) {
            throw new IllegalStateException("cannot locate " + url, e);
        }
    }

    /**
     * The README's table (the first of its Architecture section): package → the packages it uses: the first
     * backticked name of a row, and the backticked names of its last column (short names under {@code senslab.}:
     * {@code attribution} is {@code senslab.attribution}).
     */
    static Map<String, Set<String>> readmeTable(List<String> lines) {
        Map<String, Set<String>> table = new LinkedHashMap<>();
        boolean inSection = false;
        boolean inTable = false;
        Pattern name = Pattern.compile("`([a-z.]+)`");
        for (String line : lines) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## Architecture");
                continue;
            }
            if (!inSection || !line.startsWith("|")) {
                if (inTable) {
                    break; // the first table of the section only
                }
                continue;
            }
            inTable = true;
            String[] cells = line.split("\\|");
            Matcher pkg = name.matcher(line);
            if (!pkg.find()) {
                continue;
            }
            Set<String> uses = new TreeSet<>();
            Matcher used = name.matcher(cells[cells.length - 1]);
            while (used.find()) {
                uses.add(full(used.group(1)));
            }
            table.put(full(pkg.group(1)), uses);
        }
        return table;
    }

    private static String full(String shortName) {
        return shortName.equals(ROOT) ? ROOT : ROOT + "." + shortName;
    }

    @Test
    void everyArrowIsOneTheReadmeTableAllowsAndTheTableIsExact() throws IOException {
        Map<String, Set<String>> table = readmeTable(Files.readAllLines(README));
        PackageGraph graph = project();
        assertTrue(graph.packages().containsAll(Set.of(ROOT, "senslab.attribution", "senslab.spark", "senslab.kernel",
                PLOT)), "jdeps must see the root package, the library, lib-spark and the kernel, saw "
                + graph.packages());
        assertEquals(List.of(), graph.differencesFrom(table), "the packages against the table in " + README);
    }

    @Test
    void noPackageCycle() {
        assertEquals(List.of(), project().cycles(), "packages that depend on each other in a circle");
    }

    @Test
    void nothingInTheCoreDrawsOnlyTheFacadeUsesPlot() {
        List<String> arrows = new ArrayList<>(project().arrowsInto(PLOT));
        arrows.remove(FACADE + " -> " + PLOT);
        assertEquals(List.of(), arrows, "the core must not draw: move drawing code to plot");
    }

    @Test
    void theKernelUsesNoPackageOfTheLibrary() {
        PackageGraph graph = project();
        for (String pkg : graph.packages()) {
            if (pkg.startsWith("senslab.kernel")) {
                assertTrue(graph.dependenciesOf(pkg).stream().allMatch(p -> p.startsWith("senslab.kernel")),
                        pkg + " uses " + graph.dependenciesOf(pkg) + ": the kernel loads the library at run time");
            }
        }
    }

    @Test
    void theCheckerFindsCyclesSidewaysArrowsAndStaleRowsInAMadeUpGraph() {
        PackageGraph layered = new PackageGraph(Map.of("a", Set.of("b", "c"), "b", Set.of("c"), PLOT, Set.of("a")));
        assertEquals(List.of(), layered.cycles());
        assertEquals(List.of(), layered.arrowsInto(PLOT));
        assertEquals(List.of(), layered.differencesFrom(Map.of("a", Set.of("b", "c"), "b", Set.of("c"), "c", Set.of(),
                PLOT, Set.of("a"))));
        assertEquals(List.of("a -> c is not in the table: use a lower floor, or move the shared piece down (if the"
                + " arrow is right, add it to the table and say why in the review)",
                "package " + PLOT + " has no row in the table: add one saying what it owns and uses",
                "the table says b uses a, which it does not: remove it from the row",
                "the table has a row for d, which does not exist: remove it"),
                layered.differencesFrom(Map.of("a", Set.of("b"), "b", Set.of("a", "c"), "c", Set.of(),
                        "d", Set.of())));
        PackageGraph tangled = new PackageGraph(Map.of("a", Set.of("b"), "b", Set.of("c", PLOT), "c", Set.of("a"),
                "d", Set.of("e"), "e", Set.of("d"), PLOT, Set.of("a")));
        assertEquals(Set.of(List.of("a", "b", "c", PLOT), List.of("d", "e")), Set.copyOf(tangled.cycles()));
        assertEquals(List.of("b -> " + PLOT), tangled.arrowsInto(PLOT));
    }

    @Test
    void theTableIsReadFromTheArchitectureSectionOnly() {
        List<String> readme = List.of("## Other", "| `x` | owns | `y` |", "## Architecture",
                "| floor | package | owns | uses |", "| --- | --- | --- | --- |",
                "| 0 | `senslab` | Profile | nothing |", "| 1 | `image` | images | nothing |",
                "| 2 | `masking` | grids, masks | `image`, `senslab` |", "", "| to add | goes in |",
                "| a metric | `metric` |", "## Next", "| `z` | | `x` |");
        Map<String, Set<String>> table = readmeTable(readme);
        assertEquals(Map.of(ROOT, Set.of(), "senslab.image", Set.of(), "senslab.masking",
                Set.of("senslab.image", ROOT)), table);
    }
}
