package senslab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both remedies, on this host, whatever its engine: each JVM here is a child started the way the project starts
 * its JVMs. {@code SENSLAB_CPU_CACHES=hide} makes a child see what an affected host shows (no cache topology), so
 * the defect and its remedy are tested on every host that lets a process trap CPUID.
 */
class EngineRemedyTest {
    private static final Path LIBRARY = Path.of("..", "environment", ".build", "libsenslab-cpucaches.so")
            .toAbsolutePath().normalize();

    @BeforeAll
    static void theRemedyLibraryIsBuilt() {
        assumeTrue(Files.isRegularFile(LIBRARY), LIBRARY + " is not built: `make setup` builds it with gcc");
    }

    @Test
    void onAnEmulatedAffectedHostTheCacheTopologyRemedyGivesRightResults() throws Exception {
        Child hidden = check(Map.of("SENSLAB_CPU_CACHES", "hide", "LD_PRELOAD", LIBRARY.toString()));
        assumeTrue(hidden.output().contains("CPU caches hidden by SENSLAB_CPU_CACHES=hide"),
                "this host does not let a process trap CPUID, so no affected host can be emulated: " + hidden.output());
        if (hidden.passed()) {
            System.out.println("with its cache topology hidden, this host's engine is still right: " + hidden.output());
        } else {
            assertTrue(hidden.output().contains("convolution"), hidden.output());
            assertTrue(hidden.output().contains("SENSLAB_CPU_CACHES=present"), "the failure names the fix");
        }
        // the remedy replaces what the (emulated) host hides
        Child presented = check(Map.of("SENSLAB_CPU_CACHES", "present", "LD_PRELOAD", LIBRARY.toString()));
        assertTrue(presented.passed(), presented.output());
        assertTrue(presented.output().contains("remedy: CPU cache topology presented to oneDNN"), presented.output());
    }

    @Test
    void routingConvolutionsRoundOneDnnGivesRightResultsEvenWithTheCachesHidden() throws Exception {
        Child routed = check(Map.of("SENSLAB_CPU_CACHES", "hide", "LD_PRELOAD", LIBRARY.toString(),
                Remedy.VARIABLE, Remedy.ROUTE_CONVOLUTIONS.id()));
        assertTrue(routed.passed(), routed.output());
        assertTrue(routed.output().contains("remedy: convolutions routed round oneDNN"), routed.output());
    }

    @Test
    void theProbeChoosesNoRemedyWhereNoneIsNeededAndTheCacheTopologyWhereTheHostHidesIt(@TempDir Path folder)
            throws Exception {
        EngineVerdict here = EngineCheck.verdict();
        if (here.remedy() == Remedy.NONE && here.cacheTopology().equals("shown by the CPU")) {
            Path healthy = folder.resolve("healthy.env");
            Child plain = probe(healthy, Map.of());
            assertTrue(plain.passed(), plain.output());
            assertEquals(List.of(), Files.readAllLines(healthy), plain.output());
        }
        Path affected = folder.resolve("affected.env");
        Child emulated = probe(affected, Map.of("SENSLAB_CPU_CACHES", "hide", "LD_PRELOAD", LIBRARY.toString()));
        assumeTrue(emulated.output().contains("CPU caches hidden by SENSLAB_CPU_CACHES=hide"), emulated.output());
        assertTrue(emulated.passed(), emulated.output());
        List<String> settings = Files.readAllLines(affected);
        assertTrue(settings.equals(List.of()) || settings.contains("SENSLAB_CPU_CACHES=present"), settings::toString);
    }

    /** A forced remedy is tried alone, so that it can be exercised on a host that does not need it. */
    @Test
    void aForcedRemedyIsTheOneChosen(@TempDir Path folder) throws Exception {
        Path settings = folder.resolve("forced.env");
        Child forced = probe(settings, Map.of(Remedy.VARIABLE, Remedy.ROUTE_CONVOLUTIONS.id()));
        assertTrue(forced.passed(), forced.output());
        assertEquals(List.of(Remedy.VARIABLE + "=route-convolutions"), Files.readAllLines(settings));
    }

    private record Child(boolean passed, String output) {
    }

    private static Child check(Map<String, String> environment) throws IOException, InterruptedException {
        return run(environment, EngineCheck.class.getName());
    }

    private static Child probe(Path settings, Map<String, String> environment)
            throws IOException, InterruptedException {
        return run(environment, EngineProbe.class.getName(), settings.toString(), LIBRARY.toString());
    }

    private static Child run(Map<String, String> environment, String... mainAndArguments)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Dai.djl.offline=true", "-cp",
                System.getProperty("java.class.path")));
        command.addAll(List.of(mainAndArguments));
        ProcessBuilder child = new ProcessBuilder(command).redirectErrorStream(true);
        child.environment().remove(Remedy.VARIABLE);
        child.environment().remove("SENSLAB_CPU_CACHES");
        child.environment().putAll(environment);
        Process process = child.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Child(process.waitFor() == 0, output);
    }
}
