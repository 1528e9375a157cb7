package senslab.sobol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import senslab.function.BatchFunction;

/** Many outputs from one sample: each output's indices are exactly those of its own single-output run. */
class ManyOutputsTest {

    @Test
    void stackedIshigamiOutputsEqualTheirSingleRunsExactly() {
        Map<String, AnalyticFunction> parts = new LinkedHashMap<>();
        parts.put("standard", Ishigami.standard());
        parts.put("a5 b0.2", new Ishigami(5, 0.2));
        parts.put("a2 b0", new Ishigami(2, 0));
        assertStackedEqualsSingles(parts, 1024);
    }

    @Test
    void stackedSobolGOutputsEqualTheirSingleRunsExactly() {
        Map<String, AnalyticFunction> parts = new LinkedHashMap<>();
        parts.put("standard", SobolG.standard());
        parts.put("flat", new SobolG(new double[] {1, 1, 1, 1, 1, 1, 1, 1}));
        parts.put("reversed", new SobolG(new double[] {99, 99, 99, 99, 9, 4.5, 1, 0}));
        assertStackedEqualsSingles(parts, 512);
    }

    private static void assertStackedEqualsSingles(Map<String, AnalyticFunction> parts, int n) {
        Problem problem = parts.values().iterator().next().problem();
        Map<String, BatchFunction> models = new LinkedHashMap<>();
        parts.forEach((name, f) -> models.put(name, f.model()));
        SobolResults stacked = Sobol.of(problem).samples(n).run(VectorFunction.stack(models));
        assertEquals(List.copyOf(parts.keySet()), stacked.outputs());
        parts.forEach((name, f) -> {
            SobolResult alone = Sobol.of(problem).samples(n).run(f.model());
            SobolResult among = stacked.result(name);
            assertArrayEquals(alone.s1(), among.s1(), 0, name + " S1");
            assertArrayEquals(alone.st(), among.st(), 0, name + " ST");
            assertArrayEquals(alone.s1Conf(), among.s1Conf(), 0, name + " S1 interval");
            assertArrayEquals(alone.stConf(), among.stConf(), 0, name + " ST interval");
            for (int j = 0; j < problem.factors(); j++) {
                assertArrayEquals(alone.s2()[j], among.s2()[j], 0, name + " S2 row " + j);
            }
            assertEquals(alone.verdict(), among.verdict(), name + " verdict");
        });
        // long form: one row per output, input and measure (S1, ST)
        assertEquals(parts.size() * problem.factors() * 2, stacked.table().rowCount());
        assertEquals(List.of("output", "input", "measure", "value", "conf"), stacked.table().columnNames());
    }

    @Test
    void aNetworkWithSeveralOutputsRunsOncePerRow() {
        Ishigami f = Ishigami.standard();
        int[] calls = {0};
        long[] rows = {0};
        BatchFunction one = f.model();
        VectorFunction twice = VectorFunction.of(List.of("f", "2f"), (x, count, inputs, y) -> {
            calls[0]++;
            rows[0] += count;
            double[] v = new double[count];
            one.evaluate(x, count, inputs, v);
            for (int r = 0; r < count; r++) {
                y[2 * r] = v[r];
                y[2 * r + 1] = 2 * v[r];
            }
        });
        Sobol sobol = Sobol.of(f.problem()).samples(256);
        SobolResults r = sobol.run(twice);
        assertEquals(sobol.sample().rows(), rows[0], "every row evaluated once for both outputs");
        assertEquals(1, calls[0]);
        // indices do not change when the output is scaled
        assertArrayEquals(r.result("f").st(), r.result("2f").st(), 1e-12);
        Map<String, Convergence> studies = sobol.convergence(twice, 64);
        assertArrayEquals(new int[] {64, 128, 256}, studies.get("2f").sizes());
        assertArrayEquals(r.result("f").s1(), studies.get("f").last().s1(), 0);
    }

    @Test
    void aConstantOutputIsNamedAndTheOthersAreAnalysed() {
        Ishigami f = Ishigami.standard();
        BatchFunction model = f.model();
        VectorFunction withDeadUnit = VectorFunction.stack(Map.of("ishigami", model, "dead unit",
                BatchFunction.ofRow(row -> 0)));
        SobolResults r = Sobol.of(f.problem()).samples(512).run(withDeadUnit);
        assertEquals(1, r.estimates().warnings().size());
        assertTrue(r.estimates().warnings().get(0).contains("'dead unit'"), r.estimates().warnings().toString());
        assertArrayEquals(new double[3], r.result("dead unit").st());
        assertTrue(r.result("dead unit").verdict().contains("constant"), r.result("dead unit").verdict());
        assertEquals(Sobol.of(f.problem()).samples(512).run(model).st()[0], r.result("ishigami").st()[0], 0);
    }

    @Test
    void theVerdictSaysWhetherNWasEnough() {
        Ishigami f = Ishigami.standard();
        String enough = Sobol.of(f.problem()).samples(8192).run(f.model()).verdict();
        assertTrue(enough.startsWith("N = 8,192 is enough for the ranking by ST: x1 > x2 > x3"), enough);
        // the G function's x3 and x4 (a = 4.5, 9) are too close to separate with 64 points
        SobolG g = SobolG.standard();
        String notEnough = Sobol.of(g.problem()).samples(64).run(g.model()).verdict();
        assertTrue(notEnough.contains("is not enough"), notEnough);
        Convergence study = Sobol.of(f.problem()).samples(4096).convergence(f.model(), 256);
        assertTrue(study.verdict().contains("is enough"), study.verdict());
    }
}
