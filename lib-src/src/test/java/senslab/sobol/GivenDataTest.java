package senslab.sobol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** First-order indices and Borgonovo's δ from (X, Y) rows alone, against closed forms. */
class GivenDataTest {

    /** n rows uniform in the problem's bounds, from a seed. */
    private static double[][] rows(Problem p, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[n][p.inputs()];
        for (double[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = p.low(j) + random.nextDouble() * (p.high(j) - p.low(j));
            }
        }
        return x;
    }

    private static double[] apply(AnalyticFunction f, double[][] x) {
        int d = x[0].length;
        double[] flat = new double[x.length * d];
        for (int r = 0; r < x.length; r++) {
            System.arraycopy(x[r], 0, flat, r * d, d);
        }
        double[] y = new double[x.length];
        f.model().evaluate(flat, x.length, d, y);
        return y;
    }

    @Test
    void randomIshigamiRowsRecoverTheAnalyticFirstOrderIndicesWithinTheirIntervals() {
        Ishigami f = Ishigami.standard();
        double[][] x = rows(f.problem(), 1 << 16, 1);
        Estimates e = GivenData.of(f.problem().names(), x, List.of("y"), new double[][] {apply(f, x)}).run();
        double[] s1 = e.values("y", GivenData.S1);
        double[] conf = e.conf("y", GivenData.S1);
        for (int j = 0; j < 3; j++) {
            assertTrue(Math.abs(s1[j] - f.firstOrder()[j]) <= conf[j], "S1 of x" + (j + 1) + " = " + s1[j] + " ± "
                    + conf[j] + ", analytic " + f.firstOrder()[j]);
            assertTrue(conf[j] > 0 && conf[j] < 0.02, "interval " + conf[j]);
        }
        assertTrue(e.warnings().isEmpty(), e.warnings().toString());
        assertEquals(List.of("x2", "x1", "x3"), e.ranking("y"));
    }

    @Test
    void intervalsCoverTheTruthInAtLeast85PercentOfIndependentDataSets() {
        Ishigami f = Ishigami.standard();
        int runs = 40;
        int[] hits = new int[3];
        for (int run = 0; run < runs; run++) {
            double[][] x = rows(f.problem(), 4096, 100 + run);
            Estimates e = GivenData.of(f.problem().names(), x, List.of("y"), new double[][] {apply(f, x)})
                    .options(SobolOptions.DEFAULT.withSeed(run)).run();
            for (int j = 0; j < 3; j++) {
                hits[j] += Math.abs(e.values("y", GivenData.S1)[j] - f.firstOrder()[j])
                        <= e.conf("y", GivenData.S1)[j] ? 1 : 0;
            }
        }
        for (int j = 0; j < 3; j++) {
            assertTrue(hits[j] >= 0.85 * runs, "S1 of x" + (j + 1) + " covered in " + hits[j] + "/" + runs);
        }
    }

    @Test
    void deltaOfAFunctionOfOneInputIsOneAndZeroForAnUnusedInput() {
        Problem p = Problem.builder().input("used", 0, 1).input("unused", 0, 1).build();
        double[][] x = rows(p, 1 << 16, 2);
        double[] y = new double[x.length];
        for (int r = 0; r < y.length; r++) {
            y[r] = Math.exp(3 * x[r][0]);
        }
        Estimates e = GivenData.of(p.names(), x, List.of("y"), new double[][] {y}).run();
        double[] delta = e.values("y", GivenData.DELTA);
        // M classes of the input cap the estimate of a deterministic relation at 1 − 1/M (here M = 41)
        int m = GivenData.defaultClasses(x.length);
        assertEquals(41, m);
        assertEquals(1, delta[0], 1.0 / m + 0.01, "δ of the only input");
        // the kernel densities' noise leaves a small positive bias where the truth is 0
        assertEquals(0, delta[1], 0.015, "δ of the unused input");
        assertEquals(1, e.values("y", GivenData.S1)[0], 0.005, "S1 of the only input");
        assertEquals(0, e.values("y", GivenData.S1)[1], 0.005, "S1 of the unused input");
    }

    @Test
    void deltaOfASumOfTwoUniformsIsOneThirdEach() {
        // Y | X1 = x is uniform on [x, x + 1], Y triangular on [0, 2]: ∫|f_Y − f_Y|x| = x² + (1 − x)², δ = ½ · 2/3
        Problem p = Problem.builder().input("a", 0, 1).input("b", 0, 1).input("c", 0, 1).build();
        double[][] x = rows(p, 1 << 16, 3);
        double[] y = new double[x.length];
        for (int r = 0; r < y.length; r++) {
            y[r] = x[r][0] + x[r][1];
        }
        Estimates e = GivenData.of(p.names(), x, List.of("y"), new double[][] {y}).run();
        double[] delta = e.values("y", GivenData.DELTA);
        double[] conf = e.conf("y", GivenData.DELTA);
        // Silverman's bandwidth blurs the sharp edges of the uniform conditional densities: δ comes out ~15 % low
        for (int j = 0; j < 2; j++) {
            assertEquals(1.0 / 3, delta[j], 0.06, "δ of input " + j);
            assertTrue(conf[j] < 0.02, "interval " + conf[j]);
        }
        assertEquals(0, delta[2], 0.015, "δ of the unused input");
        assertEquals(0.5, e.values("y", GivenData.S1)[0], 0.01, "S1 = 1/2 for each summand");
    }

    @Test
    void aBinaryOutcomeGetsTheTotalVariationDistanceOfItsClasses() {
        // P(Y = 1 | x) = x: δ = E|P(Y=1|X) − P(Y=1)| = E|X − ½| = 1/4; S1 = Var(X) / Var(Y) = (1/12) / (1/4) = 1/3
        Problem p = Problem.builder().input("x", 0, 1).input("noise", 0, 1).build();
        double[][] x = rows(p, 1 << 16, 4);
        SplittableRandom random = new SplittableRandom(5);
        double[] y = new double[x.length];
        for (int r = 0; r < y.length; r++) {
            y[r] = random.nextDouble() < x[r][0] ? 1 : 0;
        }
        Estimates e = GivenData.of(p.names(), x, List.of("outcome"), new double[][] {y}).run();
        // the jump between the tie blocks of 0 and 1 is blurred by the kernel: δ comes out ~10 % low
        assertEquals(0.25, e.value("outcome", GivenData.DELTA, "x"), 0.03);
        assertEquals(1.0 / 3, e.value("outcome", GivenData.S1, "x"), 0.015);
        assertEquals(0, e.value("outcome", GivenData.S1, "noise"), 0.01);
    }

    @Test
    void correlatedInputsGetAWarningWithTheMeasuredCorrelation() {
        SplittableRandom random = new SplittableRandom(6);
        double[][] x = new double[2000][2];
        double[] y = new double[x.length];
        for (int r = 0; r < x.length; r++) {
            x[r][0] = random.nextDouble();
            x[r][1] = x[r][0] + 0.3 * random.nextDouble();
            y[r] = x[r][0];
        }
        Estimates e = GivenData.of(List.of("a", "b"), x, List.of("y"), new double[][] {y}).run();
        assertEquals(1, e.warnings().size());
        assertTrue(e.warnings().get(0).matches(".*'a' and 'b' are correlated \\(Spearman ρ = 0\\.9\\d.*"),
                e.warnings().get(0));
    }

    @Test
    void aConstantOutputIsNamed() {
        double[][] x = rows(Problem.builder().input("a", 0, 1).build(), 100, 7);
        double[] varying = java.util.Arrays.stream(x).mapToDouble(row -> row[0]).toArray();
        Estimates e = GivenData.of(List.of("a"), x, List.of("flat", "varying"),
                new double[][] {new double[100], varying}).run();
        assertTrue(e.warnings().get(0).contains("'flat' is constant"), e.warnings().toString());
        assertEquals(0, e.value("flat", GivenData.S1, "a"));
        assertTrue(e.value("varying", GivenData.S1, "a") > 0.9);
    }

    @Test
    void badInputIsNamed() {
        double[][] x = {{1}, {2}, {Double.NaN}, {4}, {5}, {6}, {7}, {8}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GivenData.of(List.of("a"), x, List.of("y"), new double[][] {new double[8]}));
        assertTrue(e.getMessage().contains("'a' is NaN in row 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GivenData.of(tech.tablesaw.api.Table.create("t"),
                List.of("missing"), List.of("y")));
    }
}
