package senslab.landscape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import senslab.data.Dataset;
import tech.tablesaw.api.Table;

/** Training with recording: gradients, the record's layout, reproducibility by seed, the agreement count. */
class GradientDescentTest {
    private static final Dataset DATA = LossDerivativesTest.randomData(60, 4, 17);

    @Test
    void parameterGradientMatchesCentralDifferencesOfTheLoss() {
        Mlp net = Mlp.xavier(6, 4, 5, 3, 1).activations(Activation.TANH, Activation.TANH);
        LossDerivatives d = LossDerivatives.compute(net, DATA, true, null);
        double h = 1e-6;
        for (int l = 0; l < net.layers(); l++) {
            for (int t = 0; t < net.w[l].length; t++) {
                double numeric =
                        (nudged(net, l, t, h, true).loss(DATA) - nudged(net, l, t, -h, true).loss(DATA)) / (2 * h);
                assertEquals(numeric, d.weightGradient[l][t], 1e-8, "weight " + t + " of layer " + (l + 1));
            }
            for (int t = 0; t < net.b[l].length; t++) {
                double numeric =
                        (nudged(net, l, t, h, false).loss(DATA) - nudged(net, l, t, -h, false).loss(DATA)) / (2 * h);
                assertEquals(numeric, d.biasGradient[l][t], 1e-8, "bias " + t + " of layer " + (l + 1));
            }
        }
    }

    @Test
    void inputGradientMatchesCentralDifferences() {
        Mlp net = Mlp.xavier(2, 4, 6, 1).activations(Activation.SIGMOID, Activation.TANH);
        double[][] rows = {DATA.x()[0], DATA.x()[1]};
        double[][] g = net.inputGradient(rows);
        double h = 1e-6;
        for (int r = 0; r < rows.length; r++) {
            for (int j = 0; j < 4; j++) {
                double[] up = rows[r].clone();
                double[] down = rows[r].clone();
                up[j] += h;
                down[j] -= h;
                double numeric =
                        (net.predict(new double[][] {up})[0] - net.predict(new double[][] {down})[0]) / (2 * h);
                assertEquals(numeric, g[r][j], 1e-9);
            }
        }
    }

    @Test
    void xavierNormalHasTheStatedSpreadAndZeroBiases() {
        Mlp net = Mlp.xavier(3, 300, 200, 1);
        double sum = 0;
        double squares = 0;
        for (double v : net.w[0]) {
            sum += v;
            squares += v * v;
        }
        int n = net.w[0].length;
        double sd = Math.sqrt(squares / n - (sum / n) * (sum / n));
        assertEquals(Math.sqrt(2.0 / 500), sd, 0.01 * Math.sqrt(2.0 / 500), "std √(2/(fan_in + fan_out))");
        assertArrayEquals(new double[200], net.b[0], 0.0);
        assertArrayEquals(Mlp.xavier(3, 300, 200, 1).w[1], net.w[1], 0.0, "the same seed, the same weights");
        assertNotEquals(Mlp.xavier(4, 300, 200, 1).w[1][0], net.w[1][0]);
    }

    @Test
    void recordingHoldsEveryEpochAndTheLastNetwork() {
        GradientDescent gd = new GradientDescent(0.05, 40);
        Mlp start = Mlp.xavier(1, 4, 6, 1);
        Recording run = gd.record(start, DATA, 1);
        assertEquals(41, run.points());
        assertEquals(start.loss(DATA), run.loss()[0], 1e-15);
        assertEquals(run.trained().loss(DATA), run.loss()[40], 1e-15, "the last record is after the last update");
        assertTrue(run.loss()[40] < run.loss()[0], "the loss falls");
        LossDerivatives last = LossDerivatives.of(run.trained(), DATA);
        for (Quantity q : Quantity.values()) {
            assertArrayEquals(q.of(last), run.at(q, 40), 1e-15, q.name());
        }
        // one update by hand: w1 = w0 − η G1 for the first layer
        Recording one = gd.record(start, DATA, 1);
        Mlp afterOne = new GradientDescent(0.05, 1).record(start, DATA, 1).trained();
        double[][] g1 = LossDerivatives.of(start, DATA).g1();
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(start.weights(1)[i][j] - 0.05 * g1[i][j], afterOne.weights(1)[i][j], 1e-15);
            }
        }
        Table table = run.table();
        assertEquals(41 * Quantity.values().length * 4, table.rowCount());
        assertEquals(List.of("seed", "epoch", "loss", "quantity", "input", "value"), table.columnNames());
        assertArrayEquals(one.series(Quantity.S2, 3), run.series(Quantity.S2, 3), 0.0, "reproducible bit for bit");
    }

    @Test
    void retrainingsAreReproducibleBySeed() {
        GradientDescent gd = new GradientDescent(0.1, 20);
        List<String> lines = new ArrayList<>();
        Retrainings a = gd.retrain(s -> Mlp.xavier(s, 4, 5, 1), DATA, new long[] {3, 4}, lines::add);
        Retrainings b = gd.retrain(s -> Mlp.xavier(s, 4, 5, 1), DATA, new long[] {3, 4}, x -> { });
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).contains("seed 3"), lines.get(0));
        for (int r = 0; r < 2; r++) {
            assertArrayEquals(a.runs().get(r).loss(), b.runs().get(r).loss(), 0.0);
            assertArrayEquals(a.runs().get(r).series(Quantity.AN3, 1), b.runs().get(r).series(Quantity.AN3, 1), 0.0);
        }
        assertNotEquals(a.runs().get(0).loss()[20], a.runs().get(1).loss()[20]);
        assertEquals(2 * 21 * Quantity.values().length * 4, a.table().rowCount());
    }

    @Test
    void agreementCountsInputsWhoseTrendHasTheSignOfRho() {
        Retrainings runs = new GradientDescent(0.1, 30).retrain(s -> Mlp.xavier(s, 4, 5, 1), DATA, new long[] {0},
                x -> { });
        double[] rho = {0.5, -0.3, 0.05, 0.2};
        Table agreement = runs.agreement(rho);
        Recording run = runs.runs().get(0);
        for (Quantity q : Quantity.values()) {
            int same = 0;
            for (int j : new int[] {0, 1, 3}) {
                same += Math.signum(run.trend(q, j)) == Math.signum(rho[j]) ? 1 : 0;
            }
            Table row = agreement.where(agreement.stringColumn("quantity").isEqualTo(q.name()));
            assertEquals(3, row.intColumn("inputs").get(0), "|ρ| = 0.05 is left out");
            assertEquals(same, row.intColumn("agreeing").get(0), q.name());
            assertEquals(same / 3.0, row.doubleColumn("share").get(0), 1e-15);
        }
        assertEquals(Quantity.values().length, runs.agreementSummary(rho).rowCount());
        assertThrows(IllegalArgumentException.class, () -> runs.agreement(new double[] {0.1}));
    }

    @Test
    void divergingTrainingIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GradientDescent(1e6, 50).record(Mlp.xavier(0, 4, 5, 1), DATA, 0));
        assertTrue(e.getMessage().contains("lower the learning rate"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GradientDescent(-1, 5));
    }

    private static Mlp nudged(Mlp net, int layer, int index, double h, boolean weight) {
        double[][][] p = net.parameters();
        (weight ? p[0] : p[1])[layer][index] += h;
        return new Mlp(net.sizes(), p[0], p[1], net.hiddenActivation(), net.outputActivation());
    }
}
