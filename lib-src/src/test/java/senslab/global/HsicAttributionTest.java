package senslab.global;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import senslab.attribution.AttributionMaps;
import senslab.attribution.Target;
import senslab.models.StagedNetwork;

class HsicAttributionTest {

    @Test
    void closedFormEqualsTheTraceOfTheKernelMatrices() {
        int n = 40;
        int cells = 5;
        Random random = new Random(3);
        double[] masks = new double[n * cells];
        double[] y = new double[n];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < cells; j++) {
                masks[r * cells + j] = random.nextBoolean() ? 1 : 0;
            }
            y[r] = 2 * masks[r * cells] - masks[r * cells + 3] + 0.3 * random.nextGaussian();
        }
        double[] fast = Hsic.perCell(masks, cells, y);
        double width = Hsic.medianDistance(y);
        for (int j = 0; j < cells; j++) {
            // tr(K H L H) / n² with every matrix written out
            double[][] k = new double[n][n];
            double[][] l = new double[n][n];
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    k[a][b] = masks[a * cells + j] == masks[b * cells + j] ? 1 : 0;
                    l[a][b] = Math.exp(-(y[a] - y[b]) * (y[a] - y[b]) / (2 * width * width));
                }
            }
            double[][] h = new double[n][n];
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    h[a][b] = (a == b ? 1 : 0) - 1.0 / n;
                }
            }
            double[][] khlh = multiply(multiply(multiply(k, h), l), h);
            double trace = 0;
            for (int a = 0; a < n; a++) {
                trace += khlh[a][a];
            }
            assertEquals(trace / (n * n), fast[j], 1e-12, "cell " + j);
        }
        assertTrue(Arrays.stream(fast).allMatch(v -> v <= fast[0]), "the output depends most on cell 0: "
                + Arrays.toString(fast));
    }

    private static double[][] multiply(double[][] p, double[][] q) {
        int n = p.length;
        double[][] out = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int c = 0; c < n; c++) {
                double s = 0;
                for (int b = 0; b < n; b++) {
                    s += p[a][b] * q[b][c];
                }
                out[a][c] = s;
            }
        }
        return out;
    }

    @Test
    void medianDistanceIsTheMedianOfPairwiseDistances() {
        assertEquals(2, Hsic.medianDistance(new double[] {0, 1, 3}), 1e-12); // distances 1, 2, 3
        assertEquals(1.5, Hsic.medianDistance(new double[] {0, 1, 2, 3}), 1e-12); // 1, 1, 1, 2, 2, 3
        assertEquals(0.4, Hsic.medianDistance(new double[] {5, 5, 5, 5, 6}), 1e-12); // mostly ties: the mean
    }

    @Test
    void binaryDesignIsBalancedZerosAndOnes() {
        double[] design = Hsic.binaryDesign(64, 512);
        for (int j = 0; j < 64; j++) {
            int finalJ = j;
            long ones = IntStream.range(0, 512).filter(r -> design[r * 64 + finalJ] == 1).count();
            assertEquals(256, ones, "a Sobol sequence's 2^k points split every coordinate in halves: cell " + j);
        }
        assertTrue(Arrays.stream(design).allMatch(v -> v == 0 || v == 1));
    }

    @Test
    void hsicRanksTheCellsTheModelReadsFirst() {
        int side = 32;
        int grid = 8;
        float[] w = new float[grid * grid];
        Set<Integer> read = Set.of(3, 20, 27, 44, 61);
        w[3] = 1f;
        w[20] = -1.2f;
        w[27] = 0.9f;
        w[44] = 1.1f;
        w[61] = -0.8f;
        try (NDManager manager = NDManager.newBaseManager();
                StagedNetwork net = CellModels.additive(side, grid, w, 20, 44, 0.5f)) {
            NDArray x = CellModels.images(manager, 2, side, 5);
            AttributionMaps hsic = HsicAttribution.of(net).attribute(x, Target.classLogit(0));
            AttributionMaps sobol = SobolAttribution.of(net).attribute(x, Target.classLogit(0));
            assertEquals("HSIC", hsic.method());
            assertEquals(grid, hsic.width());
            for (int image = 0; image < 2; image++) {
                assertEquals(read, top(hsic.values(image, "class"), read.size()), "HSIC, image " + image);
                assertEquals(read, top(sobol.values(image, "class"), read.size()), "Sobol, image " + image);
            }
        }
    }

    private static Set<Integer> top(float[] values, int k) {
        return IntStream.range(0, values.length).boxed().sorted((a, b) -> Float.compare(values[b], values[a])).limit(k)
                .collect(Collectors.toSet());
    }
}
