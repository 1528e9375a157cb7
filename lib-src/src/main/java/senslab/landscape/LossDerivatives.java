package senslab.landscape;

import java.util.stream.IntStream;
import senslab.data.Dataset;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The loss L = (1/N) Σ_k (f(x_k) − y_k)² of a network on a data set and its exact derivatives with respect to
 * every first-layer weight W1[i][j] (hidden unit i, input j), in double precision: the pure partials G1, G2,
 * G3 (derivatives of ε ↦ L(W1 + ε·e_ij) at 0) and the nested N2 = H·1, N3 = T(·, 1, 1) a PyTorch user gets
 * from {@code grad(grad(L).sum())} over the W1 block. Not finite differences: Taylor jets (see
 * {@link BlockJets}); the cost does not grow with the number of inputs beyond one small product per order.
 * Rows are processed in parallel, in fixed blocks whose sums are added in block order, so the numbers do not
 * depend on the number of threads.
 */
public final class LossDerivatives {
    /** Rows per block: fixed, as the blocks' partial sums (and so the last bits of the results) depend on it. */
    private static final int ROWS_PER_TASK = 64;

    private final java.util.List<String> inputs;
    private final double loss;
    private final double[][][] matrices;
    /** ∂L/∂ of every weight and bias (shaped like them), when asked for; else null. */
    final double[][] weightGradient;
    final double[][] biasGradient;

    private LossDerivatives(java.util.List<String> inputs, double loss, double[][][] matrices,
            double[][] weightGradient,
                            double[][] biasGradient) {
        this.inputs = inputs;
        this.loss = loss;
        this.matrices = matrices;
        this.weightGradient = weightGradient;
        this.biasGradient = biasGradient;
    }

    /** The loss and its first-layer derivatives for this network on these rows. */
    public static LossDerivatives of(Mlp net, Dataset data) {
        return compute(net, data, false, null);
    }

    /** Room for the scratch of every block of these rows, for {@link #compute} to keep from call to call. */
    static BlockJets[] scratch(Dataset data) {
        return new BlockJets[(data.rows() + ROWS_PER_TASK - 1) / ROWS_PER_TASK];
    }

    /**
     * The same, with the gradient of every parameter too when asked (for a training step), from the same
     * pass; {@code scratch} (from {@link #scratch}, or null) keeps each block's arrays for the next call.
     */
    static LossDerivatives compute(Mlp net, Dataset data, boolean withGradient, BlockJets[] scratch) {
        net.checkInputs(data);
        int rows = data.rows();
        int n1 = net.firstLayerUnits();
        int d = data.inputCount();
        double[] w2Squared = BlockJets.power(net, 2);
        double[] w2Cubed = BlockJets.power(net, 3);
        double[] rowLoss = new double[rows];
        int blocks = (rows + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
        // per block of rows: its sums of the five first-layer matrices, and of φ1 per unit (the bias gradient)
        double[][][][] partialM = new double[blocks][][][];
        double[][] partialBias = new double[blocks][];
        double[][][] partialW = new double[withGradient ? blocks : 0][][];
        double[][][] partialB = new double[withGradient ? blocks : 0][][];
        IntStream.range(0, blocks).parallel().forEach(block -> {
            double[][] gw = null;
            double[][] gb = null;
            if (withGradient) {
                gw = partialW[block] = zerosLike(net.w);
                gb = partialB[block] = zerosLike(net.b);
            }
            int from = block * ROWS_PER_TASK;
            int count = Math.min(rows, from + ROWS_PER_TASK) - from;
            int[] sizes = net.sizes();
            BlockJets jets = scratch != null && scratch[block] != null && scratch[block].fits(sizes, count)
                    ? scratch[block] : new BlockJets(sizes, count);
            if (scratch != null) {
                scratch[block] = jets;
            }
            jets.run(net, w2Squared, w2Cubed, data, from, rowLoss, gw, gb);
            partialM[block] = firstLayerSums(jets, d, count, n1);
            double[] bias = partialBias[block] = new double[n1];
            for (int i = 0; i < n1; i++) {
                for (int r = 0; r < count; r++) {
                    bias[i] += jets.phi1[i * count + r];
                }
            }
        });
        double loss = 0;
        for (double l : rowLoss) {
            loss += l;
        }
        double[][][] m = new double[5][n1][d];
        for (double[][][] part : partialM) {
            for (int q = 0; q < 5; q++) {
                for (int i = 0; i < n1; i++) {
                    for (int j = 0; j < d; j++) {
                        m[q][i][j] += part[q][i][j];
                    }
                }
            }
        }
        for (double[][] matrix : m) {
            for (double[] unit : matrix) {
                for (int j = 0; j < d; j++) {
                    unit[j] /= rows;
                }
            }
        }
        double[][] gw = null;
        double[][] gb = null;
        if (withGradient) {
            gw = sumInOrder(partialW, rows);
            gb = sumInOrder(partialB, rows);
            // the first layer's: ∂L/∂W1 is G1, ∂L/∂b1[i] the mean of φ1 over the rows
            for (int i = 0; i < n1; i++) {
                System.arraycopy(m[0][i], 0, gw[0], i * d, d);
                double sum = 0;
                for (double[] part : partialBias) {
                    sum += part[i];
                }
                gb[0][i] = sum / rows;
            }
        }
        return new LossDerivatives(data.inputs(), loss / rows, m, gw, gb);
    }

    /**
     * A block's sums over its rows of the five first-layer matrices. W1[i][j] moves z_i by ε·x_kj, so the
     * m-th derivative in ε picks up x_kj^m (the nested variants move all of W1 along 1 and take one
     * derivative in W1[i][j]: one factor x_kj).
     */
    private static double[][][] firstLayerSums(BlockJets jets, int d, int count, int n1) {
        double[][] columns = new double[d][];
        for (int j = 0; j < d; j++) {
            columns[j] = jets.input(j);
        }
        double[][] perRow = {jets.phi1, jets.phi2, jets.phi3, jets.gamma2, jets.gamma3};
        double[][][] m = new double[5][n1][d];
        for (int i = 0; i < n1; i++) {
            int at = i * count;
            for (int j = 0; j < d; j++) {
                double[] x = columns[j];
                double g1 = 0;
                double g2 = 0;
                double g3 = 0;
                double n2 = 0;
                double n3 = 0;
                for (int r = 0; r < count; r++) {
                    double v = x[r];
                    double v2 = v * v;
                    g1 += perRow[0][at + r] * v;
                    g2 += perRow[1][at + r] * v2;
                    g3 += perRow[2][at + r] * v2 * v;
                    n2 += perRow[3][at + r] * v;
                    n3 += perRow[4][at + r] * v;
                }
                m[0][i][j] = g1;
                m[1][i][j] = g2;
                m[2][i][j] = g3;
                m[3][i][j] = n2;
                m[4][i][j] = n3;
            }
        }
        return m;
    }

    private static double[][] zerosLike(double[][] arrays) {
        double[][] z = new double[arrays.length][];
        for (int l = 0; l < arrays.length; l++) {
            z[l] = new double[arrays[l].length];
        }
        return z;
    }

    /** The tasks' partial sums added in task order, divided by the row count. */
    private static double[][] sumInOrder(double[][][] partials, int rows) {
        double[][] total = zerosLike(partials[0]);
        for (double[][] partial : partials) {
            for (int l = 0; l < total.length; l++) {
                for (int t = 0; t < total[l].length; t++) {
                    total[l][t] += partial[l][t];
                }
            }
        }
        for (double[] layer : total) {
            for (int t = 0; t < layer.length; t++) {
                layer[t] /= rows;
            }
        }
        return total;
    }

    /** L itself. */
    public double loss() {
        return loss;
    }

    public java.util.List<String> inputs() {
        return inputs;
    }

    /** One derivative matrix, hidden unit × input, as a copy. */
    public double[][] matrix(Quantity.Derivative derivative) {
        double[][] source = matrices[derivative.ordinal()];
        double[][] copy = new double[source.length][];
        for (int i = 0; i < source.length; i++) {
            copy[i] = source[i].clone();
        }
        return copy;
    }

    public double[][] g1() {
        return matrix(Quantity.Derivative.G1);
    }

    public double[][] g2() {
        return matrix(Quantity.Derivative.G2);
    }

    public double[][] g3() {
        return matrix(Quantity.Derivative.G3);
    }

    public double[][] n2() {
        return matrix(Quantity.Derivative.N2);
    }

    public double[][] n3() {
        return matrix(Quantity.Derivative.N3);
    }

    /** Every per-input quantity (signed sums and sizes of G1–G3, N2, N3), one row per input. */
    public Table table() {
        Table t = Table.create(String.format("First-layer loss derivatives per input (L = %.6g)", loss))
                .addColumns(StringColumn.create("input", inputs));
        for (Quantity q : Quantity.values()) {
            t.addColumns(DoubleColumn.create(q.name(), q.of(this)));
        }
        return t;
    }
}
