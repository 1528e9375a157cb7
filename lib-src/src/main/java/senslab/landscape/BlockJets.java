package senslab.landscape;

import java.util.Arrays;
import senslab.data.Dataset;

/**
 * The work behind {@link LossDerivatives} for one block of rows. For each row x_k, with loss
 * ψ_k(z) = (f − y_k)² as a function of the first layer's pre-activations z, it gives
 * <ul>
 * <li>φ_m[i] = d^m ψ_k / dz_i^m, m = 1, 2, 3, for every first-layer unit i, from one Taylor jet of degree 3
 * per unit. Moving z_i moves only hidden unit i, so the second layer's pre-activations move along the fixed
 * column W2[·][i] by the scalar series s(t) = h_i(z_i + t) − h_i(z_i); composing the next activation with
 * that series (Faà di Bruno) gives the third layer's jets as Σ_n [t^m] s(t)^n · Q_n[·][i] with
 * Q_n = W3 · diag(σ^(n)(z2)/n!) · W2^{∘n} (elementwise powers), three small matrix products for all units
 * at once. Deeper layers propagate the jets as they are;</li>
 * <li>γ2 = ∇²ψ_k u and γ3 = ∇³ψ_k[u, u, ·] for the direction u = (Σ_j x_kj)·1 (how z moves when every
 * first-layer weight moves together): a jet of degree 2 along u, then a reverse pass through it;</li>
 * <li>on request, the gradient of Σ_k ψ_k with respect to the weights and biases above the first layer
 * (the first layer's is φ1 itself, times x_kj for the weights).</li>
 * </ul>
 * Every array holds one value per unit and row of the block, unit-major ({@code [unit * rows + r]}), so
 * the inner loops run over the rows, independent of one another, where the compiler can use vector
 * instructions.
 */
final class BlockJets {
    private final int layers;
    private final int[] n;
    private final int rows;
    private Mlp net;
    /** W2^{∘2}, W2^{∘3}: the second layer's weights squared and cubed, elementwise (null for one layer). */
    private double[] w2Squared;
    private double[] w2Cubed;

    /** The block's inputs, input-major, and their sums per row. */
    private final double[] x;
    private final double[] rowSum;
    private final double[] error;
    /** Per layer: its outputs σ(z) and σ', σ'', σ''' (d[l][q], q = 0 … 3). */
    private final double[][][] d;

    final double[] phi1;
    final double[] phi2;
    final double[] phi3;
    final double[] gamma2;
    final double[] gamma3;

    // scratch, kept from block to block (allocating it afresh each time costs more than the arithmetic)
    private final double[] z;
    private final double[] s2;
    private final double[] s3;
    private final double[][] q;
    private final double[][] u;
    private final double[][] along1;
    private final double[][] along2;
    /** Adjoints: 0–5 of a layer's (p0, p1, p2) for ℓ1 then ℓ2, 6–11 of its (z, a1, a2) likewise; 12, 13 spare. */
    private final double[][] adjoint;

    /** Scratch for networks of this shape and blocks of {@code rows} rows. */
    BlockJets(int[] sizes, int rows) {
        this.n = sizes.clone();
        this.layers = n.length - 1;
        this.rows = rows;
        int n1 = n[1];
        int widest = 0;
        for (int size : n) {
            widest = Math.max(widest, size);
        }
        x = new double[n[0] * rows];
        rowSum = new double[rows];
        error = new double[rows];
        d = new double[layers][4][];
        for (int l = 0; l < layers; l++) {
            for (int q = 0; q < 4; q++) {
                d[l][q] = new double[n[l + 1] * rows];
            }
        }
        phi1 = new double[n1 * rows];
        phi2 = new double[n1 * rows];
        phi3 = new double[n1 * rows];
        gamma2 = new double[n1 * rows];
        gamma3 = new double[n1 * rows];
        z = new double[rows];
        s2 = new double[n1 * rows];
        s3 = new double[n1 * rows];
        q = new double[3][layers >= 2 ? (layers >= 3 ? n[3] : 1) * n1 * rows : 0];
        u = new double[3][rows];
        along1 = new double[layers][];
        along2 = new double[layers][];
        for (int l = 0; l < layers; l++) {
            along1[l] = new double[n[l + 1] * rows];
            along2[l] = new double[n[l + 1] * rows];
        }
        adjoint = new double[14][widest * rows];
    }

    /** Whether this scratch fits a network of these sizes and blocks of this many rows. */
    boolean fits(int[] sizes, int blockRows) {
        return rows == blockRows && java.util.Arrays.equals(n, sizes);
    }

    /** The second layer's weights raised elementwise to the given power (the Q_n above). */
    static double[] power(Mlp net, int power) {
        if (net.layers() < 2) {
            return null;
        }
        double[] w2 = net.w[1];
        double[] p = new double[w2.length];
        for (int t = 0; t < p.length; t++) {
            p[t] = power == 2 ? w2[t] * w2[t] : w2[t] * w2[t] * w2[t];
        }
        return p;
    }

    /** The block's input j, one value per row. */
    double[] input(int j) {
        return Arrays.copyOfRange(x, j * rows, (j + 1) * rows);
    }

    /**
     * Everything for rows [from, from + rows) of the data, for this network (and its second layer's weights
     * squared and cubed, see {@link #power}); writes each row's loss (f − y)² into
     * {@code rowLoss[from …]}, and when {@code gw}, {@code gb} are given (shaped like the network's weights
     * and biases) adds the gradient of the layers above the first into them.
     */
    void run(Mlp network, double[] squared, double[] cubed, Dataset data, int from, double[] rowLoss, double[][] gw,
             double[][] gb) {
        net = network;
        w2Squared = squared;
        w2Cubed = cubed;
        for (int r = 0; r < rows; r++) {
            double[] row = data.x()[from + r];
            double sum = 0;
            for (int j = 0; j < n[0]; j++) {
                x[j * rows + r] = row[j];
                sum += row[j];
            }
            rowSum[r] = sum;
        }
        forward();
        double[] out = d[layers - 1][0];
        for (int r = 0; r < rows; r++) {
            error[r] = out[r] - data.y()[from + r];
            rowLoss[from + r] = error[r] * error[r];
        }
        unitJets();
        nestedJets();
        if (gw != null) {
            parameterGradient(gw, gb);
        }
    }

    private void forward() {
        double[] in = x;
        for (int l = 0; l < layers; l++) {
            int width = n[l];
            double[] w = net.w[l];
            Activation act = net.activation(l);
            double[][] dl = d[l];
            for (int a = 0; a < n[l + 1]; a++) {
                Arrays.fill(z, net.b[l][a]);
                for (int c = 0; c < width; c++) {
                    axpy(w[a * width + c], in, c * rows, z, 0);
                }
                for (int r = 0; r < rows; r++) {
                    act.derivatives(z[r], dl, a * rows + r);
                }
            }
            in = dl[0];
        }
    }

    /** φ1 … φ3 for every first-layer unit and row. */
    private void unitJets() {
        int n1 = n[1];
        int size = n1 * rows;
        double[] s1 = d[0][1];
        for (int t = 0; t < size; t++) {
            s2[t] = d[0][2][t] / 2;
            s3[t] = d[0][3][t] / 6;
        }
        double[][] out;
        if (layers == 1) {
            out = new double[][] {s1, s2, s3};
        } else {
            out = composeSecondLayer(s1, s2, s3);
            for (int l = 2; l < layers; l++) {
                compose(l, out);
                if (l + 1 < layers) {
                    out = multiply(l + 1, out);
                }
            }
        }
        for (int i = 0; i < n1; i++) {
            for (int r = 0; r < rows; r++) {
                int t = i * rows + r;
                double e = error[r];
                double o1 = out[0][t];
                double o2 = out[1][t];
                phi1[t] = 2 * e * o1;
                phi2[t] = 2 * (2 * e * o2 + o1 * o1);
                phi3[t] = 6 * (2 * e * out[2][t] + 2 * o1 * o2);
            }
        }
    }

    /**
     * The jets after the second layer's activation, multiplied by the third layer's weights when there is one
     * (so: the third layer's pre-activation jets, or the output's jets for a two-layer network), for all
     * first-layer directions at once: [m][(unit · n1 + i) · rows + r].
     */
    private double[][] composeSecondLayer(double[] s1, double[] s2, double[] s3) {
        int n1 = n[1];
        int n2 = n[2];
        boolean third = layers >= 3;
        int units = third ? n[3] : 1;
        double[] w2 = net.w[1];
        double[][] d1 = d[1];
        for (double[] c : q) {
            Arrays.fill(c, 0);
        }
        double[] u1 = u[0];
        double[] u2 = u[1];
        double[] u3 = u[2];
        for (int b = 0; b < units; b++) {
            for (int a = 0; a < n2; a++) {
                double weight = third ? net.w[2][b * n2 + a] : 1;
                for (int r = 0; r < rows; r++) {
                    u1[r] = weight * d1[1][a * rows + r];
                    u2[r] = weight * d1[2][a * rows + r] / 2;
                    u3[r] = weight * d1[3][a * rows + r] / 6;
                }
                for (int i = 0; i < n1; i++) {
                    int at = (b * n1 + i) * rows;
                    axpy(w2[a * n1 + i], u1, 0, q[0], at);
                    axpy(w2Squared[a * n1 + i], u2, 0, q[1], at);
                    axpy(w2Cubed[a * n1 + i], u3, 0, q[2], at);
                }
            }
            // [t^m] s(t)^n for s = s1 t + s2 t² + s3 t³
            for (int i = 0; i < n1; i++) {
                int at = (b * n1 + i) * rows;
                for (int r = 0; r < rows; r++) {
                    int t = i * rows + r;
                    double q1 = q[0][at + r];
                    double q2 = q[1][at + r];
                    double q3 = q[2][at + r];
                    q[0][at + r] = s1[t] * q1;
                    q[1][at + r] = s2[t] * q1 + s1[t] * s1[t] * q2;
                    q[2][at + r] = s3[t] * q1 + 2 * s1[t] * s2[t] * q2 + s1[t] * s1[t] * s1[t] * q3;
                }
            }
        }
        return q;
    }

    /** Layer l's activation composed with the pre-activation jets c (in place): Faà di Bruno to degree 3. */
    private void compose(int l, double[][] c) {
        int n1 = n[1];
        double[][] dl = d[l];
        for (int a = 0; a < n[l + 1]; a++) {
            for (int i = 0; i < n1; i++) {
                int at = (a * n1 + i) * rows;
                for (int r = 0; r < rows; r++) {
                    double f1 = dl[1][a * rows + r];
                    double f2 = dl[2][a * rows + r];
                    double f3 = dl[3][a * rows + r] / 6;
                    double c1 = c[0][at + r];
                    double c2 = c[1][at + r];
                    c[0][at + r] = f1 * c1;
                    c[1][at + r] = f1 * c2 + f2 / 2 * c1 * c1;
                    c[2][at + r] = f1 * c[2][at + r] + f2 * c1 * c2 + f3 * c1 * c1 * c1;
                }
            }
        }
    }

    /** Layer l's weights times the jets of its inputs. */
    private double[][] multiply(int l, double[][] c) {
        int n1 = n[1];
        int in = n[l];
        double[] w = net.w[l];
        double[][] out = new double[3][n[l + 1] * n1 * rows];
        for (int a = 0; a < n[l + 1]; a++) {
            for (int b = 0; b < in; b++) {
                double weight = w[a * in + b];
                for (int m = 0; m < 3; m++) {
                    for (int i = 0; i < n1; i++) {
                        axpy(weight, c[m], (b * n1 + i) * rows, out[m], (a * n1 + i) * rows);
                    }
                }
            }
        }
        return out;
    }

    /**
     * γ2 and γ3: forward a degree-2 jet along u = rowSum·1 (coefficients p1, p2 after each activation), then
     * differentiate its loss coefficients ℓ1 = ∇ψ·u and ℓ2 = ½ uᵀ∇²ψ u with respect to z.
     */
    private void nestedJets() {
        // pre-activation jets along u of each layer
        Arrays.fill(along2[0], 0);
        for (int a = 0; a < n[1]; a++) {
            System.arraycopy(rowSum, 0, along1[0], a * rows, rows);
        }
        for (int l = 1; l < layers; l++) {
            int in = n[l];
            double[][] below = d[l - 1];
            double[] p1 = adjoint[12];
            double[] p2 = adjoint[13];
            for (int t = 0; t < in * rows; t++) {
                double a1 = along1[l - 1][t];
                p1[t] = below[1][t] * a1;
                p2[t] = below[1][t] * along2[l - 1][t] + below[2][t] / 2 * a1 * a1;
            }
            Arrays.fill(along1[l], 0);
            Arrays.fill(along2[l], 0);
            double[] w = net.w[l];
            for (int a = 0; a < n[l + 1]; a++) {
                for (int c = 0; c < in; c++) {
                    axpy(w[a * in + c], p1, c * rows, along1[l], a * rows);
                    axpy(w[a * in + c], p2, c * rows, along2[l], a * rows);
                }
            }
        }
        int last = layers - 1;
        // adjoints of the current layer's (p0, p1, p2) for ℓ1 (p…) and ℓ2 (q…)
        double[] p0 = adjoint[0];
        double[] p1 = adjoint[1];
        double[] p2 = adjoint[2];
        double[] q0 = adjoint[3];
        double[] q1 = adjoint[4];
        double[] q2 = adjoint[5];
        double[] z0 = adjoint[6];
        double[] z1 = adjoint[7];
        double[] z2 = adjoint[8];
        double[] y0 = adjoint[9];
        double[] y1 = adjoint[10];
        double[] y2 = adjoint[11];
        double[][] dOut = d[last];
        for (int r = 0; r < rows; r++) {
            double a1 = along1[last][r];
            double o1 = dOut[1][r] * a1;
            double o2 = dOut[1][r] * along2[last][r] + dOut[2][r] / 2 * a1 * a1;
            p0[r] = 2 * o1;
            p1[r] = 2 * error[r];
            p2[r] = 0;
            q0[r] = 2 * o2;
            q1[r] = 2 * o1;
            q2[r] = 2 * error[r];
        }
        for (int l = last; l >= 0; l--) {
            int size = n[l + 1] * rows;
            double[][] dl = d[l];
            double[] a1 = along1[l];
            double[] a2 = along2[l];
            // through the activation p0 = σ(z), p1 = σ' a1, p2 = σ' a2 + σ''/2 a1²: adjoints of (z, a1, a2)
            for (int t = 0; t < size; t++) {
                double f1 = dl[1][t];
                double dz1 = dl[2][t] * a1[t];
                double dz2 = dl[2][t] * a2[t] + dl[3][t] / 2 * a1[t] * a1[t];
                z0[t] = p0[t] * f1 + p1[t] * dz1 + p2[t] * dz2;
                z1[t] = p1[t] * f1 + p2[t] * dz1;
                z2[t] = p2[t] * f1;
                y0[t] = q0[t] * f1 + q1[t] * dz1 + q2[t] * dz2;
                y1[t] = q1[t] * f1 + q2[t] * dz1;
                y2[t] = q2[t] * f1;
            }
            if (l == 0) {
                for (int t = 0; t < size; t++) {
                    gamma2[t] = z0[t];
                    gamma3[t] = 2 * y0[t];
                }
                return;
            }
            // through the weights: adjoints of the layer below's (p0, p1, p2)
            int in = n[l];
            double[] w = net.w[l];
            for (int r = 0; r < 6; r++) {
                Arrays.fill(adjoint[r], 0, in * rows, 0);
            }
            for (int a = 0; a < n[l + 1]; a++) {
                for (int c = 0; c < in; c++) {
                    double weight = w[a * in + c];
                    int to = c * rows;
                    int at = a * rows;
                    axpy(weight, z0, at, p0, to);
                    axpy(weight, z1, at, p1, to);
                    axpy(weight, z2, at, p2, to);
                    axpy(weight, y0, at, q0, to);
                    axpy(weight, y1, at, q1, to);
                    axpy(weight, y2, at, q2, to);
                }
            }
        }
    }

    /** Backpropagation of the rows' squared errors through the stored pass, for the layers above the first. */
    private void parameterGradient(double[][] gw, double[][] gb) {
        double[] delta = adjoint[0];
        double[] below = adjoint[1];
        for (int r = 0; r < rows; r++) {
            delta[r] = 2 * error[r] * d[layers - 1][1][r];
        }
        for (int l = layers - 1; l >= 1; l--) {
            int in = n[l];
            double[] input = d[l - 1][0];
            double[] w = net.w[l];
            Arrays.fill(below, 0, in * rows, 0);
            for (int a = 0; a < n[l + 1]; a++) {
                double sum = 0;
                for (int r = 0; r < rows; r++) {
                    sum += delta[a * rows + r];
                }
                gb[l][a] += sum;
                for (int c = 0; c < in; c++) {
                    double dot = 0;
                    for (int r = 0; r < rows; r++) {
                        dot += delta[a * rows + r] * input[c * rows + r];
                    }
                    gw[l][a * in + c] += dot;
                    axpy(w[a * in + c], delta, a * rows, below, c * rows);
                }
            }
            double[] slope = d[l - 1][1];
            for (int t = 0; t < in * rows; t++) {
                below[t] *= slope[t];
            }
            double[] swap = delta;
            delta = below;
            below = swap;
        }
    }

    /** y[to …] += a · x[from …] over the block's rows. */
    private void axpy(double a, double[] x, int from, double[] y, int to) {
        for (int r = 0; r < rows; r++) {
            y[to + r] += a * x[from + r];
        }
    }
}
