package senslab.landscape;

import java.util.stream.IntStream;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The loss L = (1/N) Σ_k (f(x_k) − y_k)² of a network on a data set and its exact derivatives with respect to
 * every first-layer weight W1[i][j] (hidden unit i, input j), in double precision: the pure partials G1, G2,
 * G3 (derivatives of ε ↦ L(W1 + ε·e_ij) at 0) and the nested N2 = H·1, N3 = T(·, 1, 1) a PyTorch user gets
 * from {@code grad(grad(L).sum())} over the W1 block. Not finite differences: Taylor jets (see
 * {@link RowJets}); the cost does not grow with the number of inputs beyond one small product per order.
 * Rows are processed in parallel, in fixed blocks whose results are summed in row order, so the numbers do
 * not depend on the number of threads.
 */
public final class LossDerivatives {
    private static final int ROWS_PER_TASK = 32;

    private final java.util.List<String> inputs;
    private final double loss;
    private final double[][][] matrices;

    private LossDerivatives(java.util.List<String> inputs, double loss, double[][][] matrices) {
        this.inputs = inputs;
        this.loss = loss;
        this.matrices = matrices;
    }

    /** The loss and its first-layer derivatives for this network on these rows. */
    public static LossDerivatives of(Mlp net, Dataset data) {
        net.checkInputs(data);
        int rows = data.rows();
        int n1 = net.firstLayerUnits();
        double[] w2Squared = RowJets.power(net, 2);
        double[] w2Cubed = RowJets.power(net, 3);
        // per row and unit: φ1, φ2, φ3 (pure derivatives of the row's loss in z_i), γ2, γ3 (nested)
        double[][] perRow = new double[5][rows * n1];
        double[] rowLoss = new double[rows];
        int tasks = (rows + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
        IntStream.range(0, tasks).parallel().forEach(task -> {
            RowJets jets = new RowJets(net, w2Squared, w2Cubed);
            for (int k = task * ROWS_PER_TASK; k < Math.min(rows, (task + 1) * ROWS_PER_TASK); k++) {
                rowLoss[k] = jets.row(data.x()[k], data.y()[k]);
                System.arraycopy(jets.phi1, 0, perRow[0], k * n1, n1);
                System.arraycopy(jets.phi2, 0, perRow[1], k * n1, n1);
                System.arraycopy(jets.phi3, 0, perRow[2], k * n1, n1);
                System.arraycopy(jets.gamma2, 0, perRow[3], k * n1, n1);
                System.arraycopy(jets.gamma3, 0, perRow[4], k * n1, n1);
            }
        });
        // W1 moves z_i by ε·x_kj, so d^m/dε^m picks up x_kj^m (the nested variants move W1 along 1: one x_kj)
        int d = data.inputCount();
        double[][][] m = new double[5][n1][d];
        int[] power = {1, 2, 3, 1, 1};
        double[] x = new double[4 * d];
        double loss = 0;
        for (int k = 0; k < rows; k++) {
            loss += rowLoss[k];
            for (int j = 0; j < d; j++) {
                double v = data.x()[k][j];
                x[d + j] = v;
                x[2 * d + j] = v * v;
                x[3 * d + j] = v * v * v;
            }
            for (int q = 0; q < 5; q++) {
                double[] rowValues = perRow[q];
                int offset = power[q] * d;
                for (int i = 0; i < n1; i++) {
                    double p = rowValues[k * n1 + i];
                    double[] target = m[q][i];
                    for (int j = 0; j < d; j++) {
                        target[j] += p * x[offset + j];
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
        return new LossDerivatives(data.inputs(), loss / rows, m);
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
