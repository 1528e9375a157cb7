package senslab.sobol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import senslab.function.BatchFunction;

/** The sample's arrangement (SALib's) and clear errors on bad input. */
class SobolInputTest {
    private static final Problem UNIT_SQUARE = Problem.of(List.of("u", "v"), new double[] {0, 0},
            new double[] {1, 1});

    @Test
    void sampleFollowsSalibsArrangementAfterSkippingTheFirstPoints() {
        // points 16, 17 of the 4-dimensional Sobol sequence (Joe–Kuo), as scipy.stats.qmc.Sobol(4, scramble=False)
        // gives them after fast_forward(16): (A | B) = (0.09375 0.46875 | 0.46875 0.65625), (0.59375 0.96875 | ...)
        SaltelliSample s = Saltelli.sample(UNIT_SQUARE, 2, true, 16);
        double[][] m = s.matrix();
        assertEquals(2 * 6, m.length);
        double[][] firstPoint = {
            {0.09375, 0.46875}, // A
            {0.46875, 0.46875}, // AB_u: u from B
            {0.09375, 0.65625}, // AB_v: v from B
            {0.09375, 0.65625}, // BA_u: u from A, v from B
            {0.46875, 0.46875}, // BA_v
            {0.46875, 0.65625}, // B
        };
        for (int r = 0; r < 6; r++) {
            assertArrayEquals(firstPoint[r], m[r], 1e-15, "row " + r);
        }
        assertArrayEquals(new double[] {0.59375, 0.96875}, m[6], 1e-15, "A of the second point");
        assertEquals(2 * 4, Saltelli.sample(UNIT_SQUARE, 2, false, 16).rows());
    }

    @Test
    void defaultSkipIsSalibs() {
        assertEquals(16, Saltelli.defaultSkip(2));
        assertEquals(1024, Saltelli.defaultSkip(1024));
        assertEquals(2048, Saltelli.defaultSkip(1025));
        assertEquals(65_536, Saltelli.defaultSkip(65_536));
    }

    @Test
    void samplesAreScaledToTheBounds() {
        Problem p = Problem.builder().input("a", 10, 20).input("b", -1, 0).build();
        for (double[] row : Saltelli.sample(p, 64, true).matrix()) {
            assertTrue(row[0] >= 10 && row[0] <= 20 && row[1] >= -1 && row[1] <= 0);
        }
    }

    @Test
    void boundsWithLowNotBelowHighAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Problem.builder().input("a", 0, 1).input("b", 2, 2).build());
        assertTrue(e.getMessage().contains("'b'") && e.getMessage().contains("lower bound"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Problem.of(List.of("a"), new double[] {Double.NaN}, new double[] {1}));
    }

    @Test
    void tooFewBasePointsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Saltelli.sample(UNIT_SQUARE, 1, true));
        assertTrue(e.getMessage().contains("N = 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sobol.of(UNIT_SQUARE).samples(0));
    }

    @Test
    void nonFiniteModelOutputIsReportedWithItsRow() {
        BatchFunction model = (x, count, inputs, y) -> {
            for (int r = 0; r < count; r++) {
                y[r] = x[r * inputs] > 0.5 ? Double.NaN : 1;
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Sobol.of(UNIT_SQUARE).samples(64).run(model));
        assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("sample row"), e.getMessage());
        BatchFunction infinite = BatchFunction.ofRow(row -> 1 / 0.0);
        assertThrows(IllegalStateException.class, () -> Sobol.of(UNIT_SQUARE).samples(64).run(infinite));
    }

    @Test
    void aModelReturningTheWrongNumberOfValuesIsReported() {
        BatchFunction shortModel = BatchFunction.of(rows -> new double[rows.length - 1]);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Sobol.of(UNIT_SQUARE).samples(64).run(shortModel));
        assertTrue(e.getMessage().contains("one value per row"), e.getMessage());
    }

    @Test
    void outputsThatDoNotFitTheSampleAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SobolAnalysis.analyze(UNIT_SQUARE, new double[13], true));
        assertTrue(e.getMessage().contains("secondOrder"), e.getMessage());
    }

    @Test
    void constantOutputGivesZeroIndices() {
        SobolResult r = Sobol.of(UNIT_SQUARE).samples(64).run(BatchFunction.ofRow(row -> 3));
        assertArrayEquals(new double[] {0, 0}, r.s1());
        assertArrayEquals(new double[] {0, 0}, r.stConf());
    }

    @Test
    void resultTableHasSalibsColumns() {
        SobolResult r = Sobol.of(UNIT_SQUARE).samples(64).run(BatchFunction.ofRow(row -> row[0] + 2 * row[1]));
        assertEquals(List.of("name", "S1", "S1_conf", "ST", "ST_conf"), r.table().columnNames());
        assertEquals(1, r.secondOrderTable().rowCount());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.index("w"));
        assertTrue(e.getMessage().contains("[u, v]"));
    }

    @Test
    void sameSeedSameIntervalsOtherSeedOthers() {
        Ishigami f = Ishigami.standard();
        double[] y = Saltelli.sample(f.problem(), 256, true).evaluate(f.model());
        SobolResult a = SobolAnalysis.analyze(f.problem(), y, true, SobolOptions.DEFAULT.withSeed(7));
        SobolResult b = SobolAnalysis.analyze(f.problem(), y, true, SobolOptions.DEFAULT.withSeed(7));
        SobolResult c = SobolAnalysis.analyze(f.problem(), y, true, SobolOptions.DEFAULT.withSeed(8));
        assertArrayEquals(a.s1Conf(), b.s1Conf());
        assertTrue(a.s1Conf()[0] != c.s1Conf()[0]);
        assertArrayEquals(a.s1(), c.s1());
    }
}
