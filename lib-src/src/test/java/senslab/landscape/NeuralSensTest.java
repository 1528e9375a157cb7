package senslab.landscape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import senslab.Project;
import senslab.data.DiabetesData;
import senslab.models.DiabetesNet;

/** NeuralSens' metrics, on analytic models and through DJL's autograd. */
class NeuralSensTest {
    @Test
    void linearModelHasItsWeightsAsSensitivities() {
        // f = 2 x1 − 3 x2: s = (2, −3) on every row, so mean = meanSensSQ = every α point = |w|, std = 0
        Mlp linear = Mlp.of(List.<double[][]>of(new double[][] {{2, -3}}), List.of(new double[] {0.5}))
                .activations(Activation.TANH, Activation.IDENTITY);
        NeuralSens ns = NeuralSens.of(linear, new double[][] {{1, 2}, {-1, 0}, {3, 3}}, List.of("a", "b"));
        assertArrayEquals(new double[] {2, -3}, ns.mean(), 1e-15);
        assertArrayEquals(new double[] {0, 0}, ns.standardDeviation(), 1e-15);
        assertArrayEquals(new double[] {2, 3}, ns.meanSensSquared(), 1e-15);
        for (int alpha = 1; alpha <= NeuralSens.MAX_ALPHA; alpha++) {
            assertEquals(3, ns.alphaCurve(1)[alpha - 1], 1e-13);
        }
    }

    @Test
    void metricsOfATanhNeuronFollowTheirDefinitions() {
        Mlp neuron = LossDerivativesTest.neuron(new double[] {0.3, -0.2, 0.5}, 0.1);
        NeuralSens ns = NeuralSens.of(neuron, LossDerivativesTest.neuronData());
        double[][] x = LossDerivativesTest.NEURON_X;
        // s_kj = (1 − tanh²(z_k)) w_j
        double[] s = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            double t = Math.tanh(0.1 + 0.3 * x[k][0] - 0.2 * x[k][1] + 0.5 * x[k][2]);
            s[k] = (1 - t * t) * 0.5;
        }
        double mean = java.util.Arrays.stream(s).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(s).map(v -> (v - mean) * (v - mean)).sum() / (x.length - 1));
        assertEquals(mean, ns.mean()[2], 1e-15);
        assertEquals(sd, ns.standardDeviation()[2], 1e-15);
        double cubes = java.util.Arrays.stream(s).map(v -> Math.abs(v * v * v)).sum() / x.length;
        assertEquals(Math.cbrt(cubes), ns.alphaCurve(2)[2], 1e-15);
        double max = java.util.Arrays.stream(s).map(Math::abs).max().orElseThrow();
        assertEquals(max, ns.maxAbs()[2], 0.0);
        for (int j = 0; j < 3; j++) {
            double[] curve = ns.alphaCurve(j);
            assertEquals(ns.meanSensSquared()[j], curve[1], 1e-15 * curve[1], "meanSensSQ is the α = 2 point");
            for (int a = 1; a < curve.length; a++) {
                assertTrue(curve[a] >= curve[a - 1] - 1e-15, "α-curves rise");
                assertTrue(curve[a] <= ns.maxAbs()[j] + 1e-15, "towards max |s|");
            }
        }
        assertEquals(List.of("input", "mean", "std", "meanSensSQ", "max |s|"), ns.table().columnNames());
        assertEquals(NeuralSens.MAX_ALPHA, ns.alphaTable().rowCount());
    }

    @Test
    void diabetesNetworkGradientByAutogradMatchesCentralDifferences() throws Exception {
        DiabetesData data = DiabetesData.load();
        double[][] rows = data.features(0, 20, DiabetesData.FEATURES);
        try (NDManager manager = NDManager.newBaseManager()) {
            DiabetesNet net = DiabetesNet.create(DiabetesData.FEATURES).initialize(manager, 3);
            // on a thread of its own, as a notebook cell runs
            double[][] g = java.util.concurrent.Executors.newSingleThreadExecutor().submit(() -> {
                try (BlockGradient model = BlockGradient.of(net)) {
                    return model.inputGradient(rows);
                }
            }).get();
            checkAgainstDifferences(rows, g, net::predict);
        }
    }

    @Test
    void torchScriptGradientMatchesCentralDifferences() {
        Path file = Project.shared().resolve("data/paper-diabetes-model/diabetes_ffn_paper.pt");
        assumeTrue(Files.isRegularFile(file), "skipped: the authors' TorchScript model is not at " + file
                + " (development-only ../shared folder)");
        double[][] rows = DiabetesData.load().features(0, 10, DiabetesData.FEATURES);
        try (BlockGradient model = BlockGradient.torchScript(file);
                senslab.sobol.DjlModel values = senslab.sobol.DjlModel.torchScript(file)) {
            NeuralSens ns = NeuralSens.of(model, rows, DiabetesData.FEATURES);
            checkAgainstDifferences(rows, ns.sensitivities(), values::predict);
        }
    }

    @Test
    void badInputIsNamed() {
        Mlp net = Mlp.xavier(0, 2, 3, 1);
        assertThrows(IllegalArgumentException.class, () ->
                NeuralSens.of(net, new double[][] {{1, 2}}, List.of("a", "b")));
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
                () -> NeuralSens.of(net, new double[][] {{1, 2}, {1}}, List.of("a", "b")));
        assertTrue(ragged.getMessage().contains("row 1 has 1 values"), ragged.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BlockGradient.torchScript(Path.of("/no/model.pt")));
    }

    /** Central differences of a float32 network: steps of 1 % of each raw feature's scale. */
    private static void checkAgainstDifferences(double[][] rows, double[][] g,
                                                java.util.function.Function<double[][], double[]> f) {
        for (int j = 0; j < rows[0].length; j++) {
            double h = 0.01 * Math.max(1, Math.abs(rows[0][j]));
            double[][] up = new double[rows.length][];
            double[][] down = new double[rows.length][];
            for (int r = 0; r < rows.length; r++) {
                up[r] = rows[r].clone();
                down[r] = rows[r].clone();
                up[r][j] += h;
                down[r][j] -= h;
            }
            double[] fu = f.apply(up);
            double[] fd = f.apply(down);
            for (int r = 0; r < rows.length; r++) {
                double numeric = (fu[r] - fd[r]) / (2 * h);
                assertEquals(numeric, g[r][j], 2e-3 * Math.max(1e-2, Math.abs(numeric)) + 2e-5,
                        "row " + r + ", input " + j);
            }
        }
    }
}
