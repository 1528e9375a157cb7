package senslab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The layers point one way: read from the compiled library with jdeps. */
class ArchitectureTest {
    private static final String PLOT = "senslab.plot";

    private static PackageGraph library() throws URISyntaxException {
        Path classes = Path.of(Profile.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return PackageGraph.read(classes, "senslab");
    }

    @Test
    void noPackageCycle() throws URISyntaxException {
        PackageGraph graph = library();
        assertTrue(graph.packages().containsAll(Set.of("senslab.attribution", "senslab.perturb", PLOT)),
                "jdeps must see the library's packages, saw " + graph.packages());
        assertEquals(List.of(), graph.cycles(), "packages that depend on each other in a circle");
    }

    @Test
    void nothingInTheCoreDependsOnPlot() throws URISyntaxException {
        assertEquals(List.of(), library().arrowsInto(PLOT), "the core must not draw: move drawing code to plot");
    }

    @Test
    void theAttributionApiDependsOnModelsOnly() throws URISyntaxException {
        assertEquals(Set.of("senslab.models"), library().dependenciesOf("senslab.attribution"));
    }

    @Test
    void theCheckerFindsCyclesAndArrowsIntoPlotInAMadeUpGraph() {
        PackageGraph layered = new PackageGraph(Map.of("a", Set.of("b", "c"), "b", Set.of("c"), PLOT, Set.of("a")));
        assertEquals(List.of(), layered.cycles());
        assertEquals(List.of(), layered.arrowsInto(PLOT));
        PackageGraph tangled = new PackageGraph(Map.of("a", Set.of("b"), "b", Set.of("c", PLOT), "c", Set.of("a"),
                "d", Set.of("e"), "e", Set.of("d"), PLOT, Set.of("a")));
        assertEquals(Set.of(List.of("a", "b", "c", PLOT), List.of("d", "e")), Set.copyOf(tangled.cycles()));
        assertEquals(List.of("b -> " + PLOT), tangled.arrowsInto(PLOT));
    }
}
