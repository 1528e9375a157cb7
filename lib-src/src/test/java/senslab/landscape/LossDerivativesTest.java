package senslab.landscape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.Test;
import senslab.data.Dataset;

/** The exact first-layer loss derivatives against closed forms, finite differences and Hipparchus. */
class LossDerivativesTest {
    static final double[][] NEURON_X = {{0.5, -1, 2}, {1.5, 0.3, -0.7}, {-0.2, 0.8, 0.1}, {0.9, -0.4, -1.2},
        {-1.1, 1.7, 0.6}};
    static final double[] NEURON_Y = {0.2, -0.5, 0.7, 0.1, -0.3};

    static Mlp neuron(double[] w, double b) {
        return Mlp.of(List.<double[][]>of(new double[][] {w}), List.of(new double[] {b}))
                .activations(Activation.TANH, Activation.TANH);
    }

    static Dataset neuronData() {
        return new Dataset("neuron", List.of("x1", "x2", "x3"), NEURON_X, NEURON_Y);
    }

    @Test
    void singleTanhNeuronMatchesTheIssuesNumbers() {
        LossDerivatives d = LossDerivatives.of(neuron(new double[] {0.3, -0.2, 0.5}, 0.1), neuronData());
        assertEquals(0.309683785663, d.loss(), 1e-12);
        assertArrayEquals(new double[] {0.36233414, -0.16302283, 0.02886095}, d.g1()[0], 1e-8);
        assertArrayEquals(new double[] {1.41601567, 1.24959499, 0.46238032}, d.g2()[0], 1e-8);
        assertArrayEquals(new double[] {-2.99379301, 2.85466803, 0.04827772}, d.g3()[0], 1e-8);
    }

    /**
     * For f = tanh(z), z = w·x + b, the row loss ψ(z) = (tanh z − y)² has closed-form derivatives, so the
     * Hessian in w is H = (1/N) Σ ψ'' x xᵀ, N2 = H·1 = (1/N) Σ ψ'' r x and N3 = (1/N) Σ ψ''' r² x (r = Σ_j x_j).
     */
    @Test
    void singleTanhNeuronNestedVariantsMatchClosedForms() {
        double[] w = {0.3, -0.2, 0.5};
        LossDerivatives d = LossDerivatives.of(neuron(w, 0.1), neuronData());
        int n = NEURON_X.length;
        double[][] hessian = new double[3][3];
        double[] n2 = new double[3];
        double[] n3 = new double[3];
        for (int k = 0; k < n; k++) {
            double[] x = NEURON_X[k];
            double t = Math.tanh(0.1 + w[0] * x[0] + w[1] * x[1] + w[2] * x[2]);
            double e = t - NEURON_Y[k];
            double s1 = 1 - t * t;
            double s2 = -2 * t * s1;
            double s3 = -2 * s1 * s1 + 4 * t * t * s1;
            double psi2 = 2 * s1 * s1 + 2 * e * s2;
            double psi3 = 6 * s1 * s2 + 2 * e * s3;
            double r = x[0] + x[1] + x[2];
            for (int j = 0; j < 3; j++) {
                n2[j] += psi2 * r * x[j] / n;
                n3[j] += psi3 * r * r * x[j] / n;
                for (int l = 0; l < 3; l++) {
                    hessian[j][l] += psi2 * x[j] * x[l] / n;
                }
            }
        }
        assertArrayEquals(n2, d.n2()[0], 1e-12);
        assertArrayEquals(n3, d.n3()[0], 1e-12);
        for (int j = 0; j < 3; j++) {
            assertEquals(hessian[j][j], d.g2()[0][j], 1e-12, "G2 is the Hessian's diagonal");
            assertEquals(hessian[j][0] + hessian[j][1] + hessian[j][2], d.n2()[0][j], 1e-12, "N2 = H·1");
        }
    }

    @Test
    void linearModelHasConstantCurvatureAndNoThirdDerivative() {
        double[][] x = {{1, -2}, {0.5, 3}, {-1.5, 0.25}, {2, 1}};
        double[] y = {0.3, -1, 2, 0.5};
        Mlp linear = Mlp.of(List.<double[][]>of(new double[][] {{0.7, -0.4}}), List.of(new double[] {0.2}));
        LossDerivatives d = LossDerivatives.of(linear, new Dataset("linear", List.of("a", "b"), x, y));
        for (int j = 0; j < 2; j++) {
            double squares = 0;
            double gradient = 0;
            for (int k = 0; k < x.length; k++) {
                squares += x[k][j] * x[k][j];
                gradient += 2 * (0.2 + 0.7 * x[k][0] - 0.4 * x[k][1] - y[k]) * x[k][j];
            }
            assertEquals(gradient / x.length, d.g1()[0][j], 1e-13);
            assertEquals(2 * squares / x.length, d.g2()[0][j], 1e-13, "G2 = (2/N) Σ x²");
            assertEquals(0, d.g3()[0][j], 1e-15, "G3 = 0");
            assertEquals(0, d.n3()[0][j], 1e-15, "N3 = 0");
        }
    }

    /** A 4-layer network with sigmoid, tanh and tanh output: every code path of the jets. */
    static Mlp deepNetwork() {
        return Mlp.xavier(11, 5, 7, 6, 4, 1).activations(Activation.TANH, Activation.TANH);
    }

    static Dataset randomData(int rows, int inputs, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[rows][inputs];
        double[] y = new double[rows];
        for (int k = 0; k < rows; k++) {
            for (int j = 0; j < inputs; j++) {
                x[k][j] = 2 * random.nextDouble() - 1;
            }
            y[k] = random.nextGaussian() * 0.5;
        }
        List<String> names = java.util.stream.IntStream.range(0, inputs).mapToObj(j -> "x" + (j + 1)).toList();
        return new Dataset("random", names, x, y);
    }

    /** G(m+1) is the central difference of G(m) along the same weight, on deeper networks of every depth. */
    @Test
    void eachOrderIsTheCentralDifferenceOfTheOneBelow() {
        Dataset data = randomData(40, 5, 3);
        for (Mlp net : List.of(deepNetwork(), Mlp.xavier(4, 5, 6, 1), Mlp.xavier(5, 5, 6, 3, 1)
                .activations(Activation.SIGMOID, Activation.IDENTITY))) {
            LossDerivatives d = LossDerivatives.of(net, data);
            double h = 1e-4;
            for (int i = 0; i < net.firstLayerUnits(); i++) {
                for (int j = 0; j < 5; j++) {
                    LossDerivatives up = LossDerivatives.of(moved(net, i, j, h), data);
                    LossDerivatives down = LossDerivatives.of(moved(net, i, j, -h), data);
                    double dg1 = (up.g1()[i][j] - down.g1()[i][j]) / (2 * h);
                    double dg2 = (up.g2()[i][j] - down.g2()[i][j]) / (2 * h);
                    double dLoss = (up.loss() - down.loss()) / (2 * h);
                    String where = net.describe() + " W1[" + i + "][" + j + "]";
                    assertEquals(dLoss, d.g1()[i][j], 1e-7 * (1 + Math.abs(dLoss)), "G1 " + where);
                    assertEquals(dg1, d.g2()[i][j], 1e-7 * (1 + Math.abs(dg1)), "G2 " + where);
                    assertEquals(dg2, d.g3()[i][j], 1e-6 * (1 + Math.abs(dg2)), "G3 " + where);
                }
            }
        }
    }

    /** N2 and N3 are the gradients of Σ G1 and Σ N2 over the W1 block: central differences of those sums. */
    @Test
    void nestedVariantsAreGradientsOfTheSums() {
        Dataset data = randomData(30, 4, 8);
        Mlp net = Mlp.xavier(9, 4, 5, 5, 1);
        LossDerivatives d = LossDerivatives.of(net, data);
        double h = 1e-4;
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 4; j++) {
                LossDerivatives up = LossDerivatives.of(moved(net, i, j, h), data);
                LossDerivatives down = LossDerivatives.of(moved(net, i, j, -h), data);
                double n2 = (sum(up.g1()) - sum(down.g1())) / (2 * h);
                double n3 = (sum(up.n2()) - sum(down.n2())) / (2 * h);
                assertEquals(n2, d.n2()[i][j], 1e-7 * (1 + Math.abs(n2)), "N2 W1[" + i + "][" + j + "]");
                assertEquals(n3, d.n3()[i][j], 1e-6 * (1 + Math.abs(n3)), "N3 W1[" + i + "][" + j + "]");
            }
        }
    }

    /**
     * Independent truth from Hipparchus' DerivativeStructure (order 3 in the weight moved): the loss of a
     * 3-layer tanh network evaluated in its algebra for a few weights.
     */
    @Test
    void pureDerivativesMatchHipparchusDerivativeStructure() {
        Dataset data = randomData(25, 3, 21);
        Mlp net = Mlp.xavier(2, 3, 4, 3, 1).activations(Activation.TANH, Activation.SIGMOID);
        LossDerivatives d = LossDerivatives.of(net, data);
        DSFactory factory = new DSFactory(1, 3);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 3; j++) {
                DerivativeStructure epsilon = factory.variable(0, 0);
                DerivativeStructure loss = factory.constant(0);
                for (int k = 0; k < data.rows(); k++) {
                    DerivativeStructure[] in = new DerivativeStructure[3];
                    for (int c = 0; c < 3; c++) {
                        in[c] = factory.constant(data.x()[k][c]);
                    }
                    DerivativeStructure[] layer = in;
                    for (int l = 1; l <= 3; l++) {
                        double[][] w = net.weights(l);
                        double[] b = net.biases(l);
                        DerivativeStructure[] next = new DerivativeStructure[w.length];
                        for (int a = 0; a < w.length; a++) {
                            DerivativeStructure z = factory.constant(b[a]);
                            for (int c = 0; c < layer.length; c++) {
                                DerivativeStructure weight = factory.constant(w[a][c]);
                                if (l == 1 && a == i && c == j) {
                                    weight = weight.add(epsilon);
                                }
                                z = z.add(weight.multiply(layer[c]));
                            }
                            next[a] = l < 3 ? z.tanh() : z.negate().exp().add(1).reciprocal();
                        }
                        layer = next;
                    }
                    DerivativeStructure e = layer[0].subtract(data.y()[k]);
                    loss = loss.add(e.multiply(e));
                }
                loss = loss.divide(data.rows());
                assertEquals(loss.getValue(), d.loss(), 1e-13);
                assertEquals(loss.getPartialDerivative(1), d.g1()[i][j], 1e-13);
                assertEquals(loss.getPartialDerivative(2), d.g2()[i][j], 1e-12);
                assertEquals(loss.getPartialDerivative(3), d.g3()[i][j], 1e-12);
            }
        }
    }

    /**
     * Independent truth from PyTorch (1.13, float64): {@code landscape_torch_peer.py} run once on the 4-6-5-1 tanh
     * network and 9 rows of {@code nested-autograd-network.json}, its output stored beside it. PyTorch computes G2
     * and G3 by nested autograd one weight at a time, N2 and N3 from the gradients of the sums.
     */
    @Test
    void aDeeperNetworkMatchesPyTorchsNestedAutograd() throws IOException {
        JsonObject spec;
        try (Reader json = resource("nested-autograd-network.json")) {
            spec = JsonParser.parseReader(json).getAsJsonObject();
        }
        Gson gson = new Gson();
        List<double[][]> weights = new ArrayList<>();
        List<double[]> biases = new ArrayList<>();
        for (int layer = 0; layer < spec.getAsJsonArray("w").size(); layer++) {
            weights.add(gson.fromJson(spec.getAsJsonArray("w").get(layer), double[][].class));
            biases.add(gson.fromJson(spec.getAsJsonArray("b").get(layer), double[].class));
        }
        double[][] x = gson.fromJson(spec.get("x"), double[][].class);
        double[] y = gson.fromJson(spec.get("y"), double[].class);
        Mlp net = Mlp.of(weights, biases).activations(Activation.TANH, Activation.IDENTITY);
        LossDerivatives ours = LossDerivatives.of(net, new Dataset("stored", List.of("a", "b", "c", "d"), x, y));
        Map<String, double[][]> mine = Map.of("G1", ours.g1(), "G2", ours.g2(), "G3", ours.g3(), "N2", ours.n2(),
                "N3", ours.n3());
        int compared = 0;
        try (BufferedReader pytorch = new BufferedReader(resource("nested-autograd-pytorch.txt"))) {
            for (String line : pytorch.lines().toList()) {
                String[] nameAndValues = line.split("=", 2);
                double[][] matrix = mine.get(nameAndValues[0]);
                if (matrix == null) {
                    continue;
                }
                String[] theirs = nameAndValues[1].trim().split(" ");
                int inputs = matrix[0].length;
                assertEquals(matrix.length * inputs, theirs.length, nameAndValues[0]);
                for (int t = 0; t < theirs.length; t++) {
                    double expected = Double.parseDouble(theirs[t]);
                    assertEquals(expected, matrix[t / inputs][t % inputs], 1e-12 * (1 + Math.abs(expected)),
                            nameAndValues[0] + " of weight " + t);
                }
                compared++;
            }
        }
        assertEquals(5, compared, "G1, G2, G3, N2 and N3 are all stored");
    }

    private static Reader resource(String name) {
        return new InputStreamReader(LossDerivativesTest.class.getResourceAsStream(name), StandardCharsets.UTF_8);
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() throws Exception {
        Dataset data = randomData(300, 6, 5);
        Mlp net = Mlp.xavier(3, 6, 16, 8, 1);
        LossDerivatives parallel = LossDerivatives.of(net, data);
        java.util.concurrent.ForkJoinPool one = new java.util.concurrent.ForkJoinPool(1);
        try {
            LossDerivatives single = one.submit(() -> LossDerivatives.of(net, data)).get();
            for (Quantity.Derivative m : Quantity.Derivative.values()) {
                for (int i = 0; i < 16; i++) {
                    assertArrayEquals(single.matrix(m)[i], parallel.matrix(m)[i], 0.0, m + " bit for bit");
                }
            }
            assertEquals(single.loss(), parallel.loss(), 0.0);
        } finally {
            one.shutdown();
        }
    }

    @Test
    void scratchKeptFromCallToCallChangesNothing() {
        Dataset data = randomData(150, 5, 12);
        BlockJets[] scratch = LossDerivatives.scratch(data);
        for (Mlp net : List.of(Mlp.xavier(1, 5, 7, 4, 1), Mlp.xavier(2, 5, 7, 4, 1), deepNetwork(),
                Mlp.xavier(3, 5, 7, 4, 1))) {
            LossDerivatives reused = LossDerivatives.compute(net, data, true, scratch);
            LossDerivatives fresh = LossDerivatives.compute(net, data, true, null);
            for (Quantity.Derivative m : Quantity.Derivative.values()) {
                for (int i = 0; i < 7; i++) {
                    assertArrayEquals(fresh.matrix(m)[i], reused.matrix(m)[i], 0.0, m + " " + net.describe());
                }
            }
            for (int l = 0; l < net.layers(); l++) {
                assertArrayEquals(fresh.weightGradient[l], reused.weightGradient[l], 0.0);
                assertArrayEquals(fresh.biasGradient[l], reused.biasGradient[l], 0.0);
            }
        }
    }

    @Test
    void perInputQuantitiesAreSumsOverHiddenUnits() {
        LossDerivatives d = LossDerivatives.of(Mlp.xavier(1, 3, 4, 1), neuronData());
        double[][] g2 = d.g2();
        double[] s2 = Quantity.S2.of(d);
        double[] a2 = Quantity.A2.of(d);
        for (int j = 0; j < 3; j++) {
            double s = 0;
            double a = 0;
            for (double[] unit : g2) {
                s += unit[j];
                a += Math.abs(unit[j]);
            }
            assertEquals(s, s2[j], 1e-15);
            assertEquals(a, a2[j], 1e-15);
        }
        assertTrue(d.table().columnNames().containsAll(List.of("input", "S1", "A3", "SN2", "AN3")));
    }

    @Test
    void badInputIsNamed() {
        Mlp net = Mlp.xavier(1, 3, 4, 1);
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class, () -> new Dataset("d",
                List.of("a", "b", "c"), new double[][] {{1, 2, 3}, {1, 2}}, new double[] {0, 1}));
        assertTrue(ragged.getMessage().contains("row 1 has 2 values"), ragged.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> new Dataset("d",
                List.of("a", "b", "c"), new double[][] {{1, Double.NaN, 3}}, new double[] {0}));
        assertTrue(nan.getMessage().contains("input 'b' is NaN"), nan.getMessage());
        IllegalArgumentException targets = assertThrows(IllegalArgumentException.class, () -> new Dataset("d",
                List.of("a", "b", "c"), new double[][] {{1, 2, 3}}, new double[] {0, 1}));
        assertTrue(targets.getMessage().contains("1 rows but 2 targets"), targets.getMessage());
        Dataset two = new Dataset("two inputs", List.of("a", "b"), new double[][] {{1, 2}}, new double[] {0});
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> LossDerivatives.of(net, two));
        assertTrue(mismatch.getMessage().contains("has 2 inputs but the network"), mismatch.getMessage());
        IllegalArgumentException relu = assertThrows(IllegalArgumentException.class, () -> Activation.named("ReLU"));
        assertTrue(relu.getMessage().contains("no third derivative"), relu.getMessage());
        IllegalArgumentException shapes = assertThrows(IllegalArgumentException.class, () -> Mlp.of(
                List.of(new double[][] {{1, 2}}, new double[][] {{1, 2, 3}}), List.of(new double[1], new double[1])));
        assertTrue(shapes.getMessage().contains("layer 2 reads 3 values but layer 1 has 1 units"),
                shapes.getMessage());
    }

    private static Mlp moved(Mlp net, int i, int j, double h) {
        List<double[][]> w = new java.util.ArrayList<>();
        List<double[]> b = new java.util.ArrayList<>();
        for (int l = 1; l <= net.layers(); l++) {
            w.add(net.weights(l));
            b.add(net.biases(l));
        }
        w.get(0)[i][j] += h;
        return Mlp.of(w, b).activations(net.hiddenActivation(), net.outputActivation());
    }

    private static double sum(double[][] m) {
        double s = 0;
        for (double[] row : m) {
            for (double v : row) {
                s += v;
            }
        }
        return s;
    }
}
