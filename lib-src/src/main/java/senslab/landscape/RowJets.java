package senslab.landscape;

/**
 * The per-row work behind {@link LossDerivatives}, with its scratch arrays (one instance per block of rows). For a
 * row x_k with loss ψ_k(z) = (f − y_k)² as a function of the first layer's pre-activations z, it gives
 * <ul>
 * <li>φ_m[i] = d^m ψ_k / dz_i^m, m = 1, 2, 3, for every first-layer unit i, from one Taylor jet of degree 3
 * per unit. Moving z_i moves only hidden unit i, so the second layer's pre-activations move along the fixed
 * column W2[·][i] by the scalar series s(t) = h_i(z_i + t) − h_i(z_i); composing the next activation with
 * that series (Faà di Bruno) gives the third layer's jets as Σ_n [t^m] s(t)^n · Q_n[·][i] with
 * Q_n = W3 · diag(σ^(n)(z2)/n!) · W2^{∘n} (elementwise powers), three small matrix products for all units
 * at once. Deeper layers propagate the jets as they are.</li>
 * <li>γ2 = ∇²ψ_k u and γ3 = ∇³ψ_k[u, u, ·] for the direction u = (Σ_j x_kj)·1 (how z moves when every
 * first-layer weight moves together): a jet of degree 2 along u, then a reverse pass through it.</li>
 * </ul>
 */
final class RowJets {
    private final Mlp net;
    private final int layers;
    private final int[] n;
    /** W2^{∘2}, W2^{∘3}: the second layer's weights squared and cubed, elementwise (null for one layer). */
    private final double[] w2Squared;
    private final double[] w2Cubed;

    // the row's forward pass: h[l] (layer l's outputs), and σ, σ', σ'', σ''' of layer l's units at d[l][4a .. 4a + 3]
    private final double[][] h;
    private final double[][] d;
    // degree-3 jets of the units of one layer for every first-layer direction: c[m][a * n1 + i]
    private double[][] jets;
    private final double[] s1;
    private final double[] s2;
    private final double[] s3;
    // degree-2 jets along u (pre-activation, per layer) and their adjoints
    private final double[][] along1;
    private final double[][] along2;
    private final double[][] adjoint;

    final double[] phi1;
    final double[] phi2;
    final double[] phi3;
    final double[] gamma2;
    final double[] gamma3;

    RowJets(Mlp net, double[] w2Squared, double[] w2Cubed) {
        this.net = net;
        this.layers = net.layers();
        this.n = net.sizes();
        this.w2Squared = w2Squared;
        this.w2Cubed = w2Cubed;
        h = new double[layers][];
        d = new double[layers][];
        along1 = new double[layers][];
        along2 = new double[layers][];
        for (int l = 0; l < layers; l++) {
            h[l] = new double[n[l + 1]];
            d[l] = new double[4 * n[l + 1]];
            along1[l] = new double[n[l + 1]];
            along2[l] = new double[n[l + 1]];
        }
        int widest = 0;
        for (int size : n) {
            widest = Math.max(widest, size);
        }
        adjoint = new double[12][widest];
        int n1 = n[1];
        s1 = new double[n1];
        s2 = new double[n1];
        s3 = new double[n1];
        phi1 = new double[n1];
        phi2 = new double[n1];
        phi3 = new double[n1];
        gamma2 = new double[n1];
        gamma3 = new double[n1];
    }

    /** The second layer's weights raised elementwise to the given power (for {@link RowJets}' Q_n). */
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

    /**
     * Everything for row x with target y; returns the row's loss (f − y)². When {@code gw} and {@code gb}
     * are given (shaped like the network's weights and biases), adds ∂(f − y)²/∂ of every weight and bias of
     * the layers above the first into them: training reuses this pass.
     */
    double row(double[] x, double y, double[][] gw, double[][] gb) {
        double rowSum = forward(x);
        double error = d[layers - 1][0] - y;
        unitJets(error);
        nestedJets(rowSum, error);
        if (gw != null) {
            parameterGradient(error, gw, gb);
        }
        return error * error;
    }

    /**
     * Backpropagation of the row's squared error through the stored pass, for the layers above the first
     * (the first layer's gradient is φ1 itself: ∂ψ/∂z_i, times x_kj for the weights).
     */
    private void parameterGradient(double error, double[][] gw, double[][] gb) {
        double[] delta = adjoint[0];
        double[] below = adjoint[1];
        delta[0] = 2 * error * d[layers - 1][1];
        for (int l = layers - 1; l >= 1; l--) {
            int in = n[l];
            double[] input = h[l - 1];
            double[] w = net.w[l];
            java.util.Arrays.fill(below, 0, in, 0);
            for (int a = 0; a < n[l + 1]; a++) {
                double da = delta[a];
                gb[l][a] += da;
                for (int c = 0; c < in; c++) {
                    gw[l][a * in + c] += da * input[c];
                    below[c] += w[a * in + c] * da;
                }
            }
            double[] dl = d[l - 1];
            for (int c = 0; c < in; c++) {
                below[c] *= dl[4 * c + 1];
            }
            double[] swap = delta;
            delta = below;
            below = swap;
        }
    }

    /** The base pass; returns Σ_j x_j (how far z moves per unit step of all first-layer weights). */
    private double forward(double[] x) {
        double rowSum = 0;
        for (double v : x) {
            rowSum += v;
        }
        double[] in = x;
        for (int l = 0; l < layers; l++) {
            int width = n[l];
            double[] w = net.w[l];
            double[] bias = net.b[l];
            Activation act = net.activation(l);
            for (int a = 0; a < n[l + 1]; a++) {
                double sum = bias[a];
                for (int c = 0; c < width; c++) {
                    sum += w[a * width + c] * in[c];
                }
                act.derivatives(sum, d[l], 4 * a);
                h[l][a] = d[l][4 * a];
            }
            in = h[l];
        }
        return rowSum;
    }

    /** φ1..φ3 for every first-layer unit. */
    private void unitJets(double error) {
        int n1 = n[1];
        double[] d0 = d[0];
        for (int i = 0; i < n1; i++) {
            s1[i] = d0[4 * i + 1];
            s2[i] = d0[4 * i + 2] / 2;
            s3[i] = d0[4 * i + 3] / 6;
        }
        double[][] out;
        if (layers == 1) {
            out = new double[][] {s1, s2, s3};
        } else {
            out = composeSecondLayer();
            for (int l = 2; l < layers; l++) {
                compose(l, out);
                if (l + 1 < layers) {
                    out = multiply(l + 1, out);
                }
            }
        }
        for (int i = 0; i < n1; i++) {
            double o1 = out[0][i];
            double o2 = out[1][i];
            double o3 = out[2][i];
            phi1[i] = 2 * error * o1;
            phi2[i] = 2 * (2 * error * o2 + o1 * o1);
            phi3[i] = 6 * (2 * error * o3 + 2 * o1 * o2);
        }
    }

    /**
     * The jets after the second layer's activation, multiplied by the third layer's weights when there is one
     * (so: the third layer's pre-activation jets, or the output's jets for a two-layer network), for all
     * first-layer directions at once.
     */
    private double[][] composeSecondLayer() {
        int n1 = n[1];
        int n2 = n[2];
        boolean third = layers >= 3;
        int rows = third ? n[3] : 1;
        double[][] q = jets(rows * n1);
        double[] w3 = third ? net.w[2] : null;
        double[] w2 = net.w[1];
        double[] d1 = d[1];
        for (int r = 0; r < rows; r++) {
            int base = r * n1;
            for (int a = 0; a < n2; a++) {
                double weight = third ? w3[r * n2 + a] : 1;
                double u1 = weight * d1[4 * a + 1];
                double u2 = weight * d1[4 * a + 2] / 2;
                double u3 = weight * d1[4 * a + 3] / 6;
                int row = a * n1;
                for (int i = 0; i < n1; i++) {
                    q[0][base + i] += u1 * w2[row + i];
                    q[1][base + i] += u2 * w2Squared[row + i];
                    q[2][base + i] += u3 * w2Cubed[row + i];
                }
            }
            for (int i = 0; i < n1; i++) {
                double q1 = q[0][base + i];
                double q2 = q[1][base + i];
                double q3 = q[2][base + i];
                // [t^m] s(t)^n for s = s1 t + s2 t² + s3 t³
                q[0][base + i] = s1[i] * q1;
                q[1][base + i] = s2[i] * q1 + s1[i] * s1[i] * q2;
                q[2][base + i] = s3[i] * q1 + 2 * s1[i] * s2[i] * q2 + s1[i] * s1[i] * s1[i] * q3;
            }
        }
        return q;
    }

    /** Layer l's activation composed with the pre-activation jets c (in place): Faà di Bruno to degree 3. */
    private void compose(int l, double[][] c) {
        int n1 = n[1];
        double[] dl = d[l];
        for (int a = 0; a < n[l + 1]; a++) {
            double f1 = dl[4 * a + 1];
            double f2 = dl[4 * a + 2];
            double f3 = dl[4 * a + 3] / 6;
            for (int t = a * n1; t < (a + 1) * n1; t++) {
                double c1 = c[0][t];
                double c2 = c[1][t];
                double c3 = c[2][t];
                c[0][t] = f1 * c1;
                c[1][t] = f1 * c2 + f2 / 2 * c1 * c1;
                c[2][t] = f1 * c3 + f2 * c1 * c2 + f3 * c1 * c1 * c1;
            }
        }
    }

    /** Layer l's weights times the jets of its inputs. */
    private double[][] multiply(int l, double[][] c) {
        int n1 = n[1];
        int in = n[l];
        double[] w = net.w[l];
        double[][] out = new double[3][n[l + 1] * n1];
        for (int a = 0; a < n[l + 1]; a++) {
            for (int b = 0; b < in; b++) {
                double weight = w[a * in + b];
                for (int m = 0; m < 3; m++) {
                    double[] src = c[m];
                    double[] dst = out[m];
                    for (int i = 0; i < n1; i++) {
                        dst[a * n1 + i] += weight * src[b * n1 + i];
                    }
                }
            }
        }
        return out;
    }

    private double[][] jets(int size) {
        if (jets == null || jets[0].length != size) {
            jets = new double[3][size];
        } else {
            for (double[] c : jets) {
                java.util.Arrays.fill(c, 0);
            }
        }
        return jets;
    }

    /**
     * γ2 and γ3: forward a degree-2 jet along u = rowSum·1 (coefficients p1, p2 after each activation), then
     * differentiate its loss coefficients ℓ1 = ∇ψ·u and ℓ2 = ½ uᵀ∇²ψ u with respect to z.
     */
    private void nestedJets(double rowSum, double error) {
        // forward: pre-activation jets along1/along2 of each layer
        java.util.Arrays.fill(along1[0], rowSum);
        java.util.Arrays.fill(along2[0], 0);
        for (int l = 1; l < layers; l++) {
            int in = n[l];
            double[] w = net.w[l];
            double[] below = d[l - 1];
            double[] a1 = along1[l - 1];
            double[] a2 = along2[l - 1];
            for (int a = 0; a < n[l + 1]; a++) {
                double sum1 = 0;
                double sum2 = 0;
                for (int c = 0; c < in; c++) {
                    double f1 = below[4 * c + 1];
                    double p1 = f1 * a1[c];
                    double p2 = f1 * a2[c] + below[4 * c + 2] / 2 * a1[c] * a1[c];
                    sum1 += w[a * in + c] * p1;
                    sum2 += w[a * in + c] * p2;
                }
                along1[l][a] = sum1;
                along2[l][a] = sum2;
            }
        }
        int last = layers - 1;
        double[] dOut = d[last];
        double o1 = dOut[1] * along1[last][0];
        double o2 = dOut[1] * along2[last][0] + dOut[2] / 2 * along1[last][0] * along1[last][0];
        // adjoints of the current layer's (p0, p1, p2) for ℓ1 (first three) and ℓ2 (last three)
        double[][] g = adjoint;
        double[] p0 = g[0];
        double[] p1 = g[1];
        double[] p2 = g[2];
        double[] q0 = g[3];
        double[] q1 = g[4];
        double[] q2 = g[5];
        // adjoints of its (z, a1, a2), likewise
        double[] z0 = g[6];
        double[] z1 = g[7];
        double[] z2 = g[8];
        double[] y0 = g[9];
        double[] y1 = g[10];
        double[] y2 = g[11];
        p0[0] = 2 * o1;
        p1[0] = 2 * error;
        p2[0] = 0;
        q0[0] = 2 * o2;
        q1[0] = 2 * o1;
        q2[0] = 2 * error;
        for (int l = last; l >= 0; l--) {
            int units = n[l + 1];
            double[] dl = d[l];
            double[] a1 = along1[l];
            double[] a2 = along2[l];
            // through the activation: p0 = σ(z), p1 = σ' a1, p2 = σ' a2 + σ''/2 a1²
            for (int a = 0; a < units; a++) {
                double f1 = dl[4 * a + 1];
                double f2 = dl[4 * a + 2];
                double dz1 = f2 * a1[a];
                double dz2 = f2 * a2[a] + dl[4 * a + 3] / 2 * a1[a] * a1[a];
                z0[a] = p0[a] * f1 + p1[a] * dz1 + p2[a] * dz2;
                z1[a] = p1[a] * f1 + p2[a] * dz1;
                z2[a] = p2[a] * f1;
                y0[a] = q0[a] * f1 + q1[a] * dz1 + q2[a] * dz2;
                y1[a] = q1[a] * f1 + q2[a] * dz1;
                y2[a] = q2[a] * f1;
            }
            if (l == 0) {
                for (int i = 0; i < units; i++) {
                    gamma2[i] = z0[i];
                    gamma3[i] = 2 * y0[i];
                }
                return;
            }
            // through the weights: adjoints of the layer below's (p0, p1, p2)
            int in = n[l];
            double[] w = net.w[l];
            for (int a = 0; a < units; a++) {
                double v0 = z0[a];
                double v1 = z1[a];
                double v2 = z2[a];
                double u0 = y0[a];
                double u1 = y1[a];
                double u2 = y2[a];
                int row = a * in;
                if (a == 0) {
                    for (int c = 0; c < in; c++) {
                        double weight = w[row + c];
                        p0[c] = weight * v0;
                        p1[c] = weight * v1;
                        p2[c] = weight * v2;
                        q0[c] = weight * u0;
                        q1[c] = weight * u1;
                        q2[c] = weight * u2;
                    }
                } else {
                    for (int c = 0; c < in; c++) {
                        double weight = w[row + c];
                        p0[c] += weight * v0;
                        p1[c] += weight * v1;
                        p2[c] += weight * v2;
                        q0[c] += weight * u0;
                        q1[c] += weight * u1;
                        q2[c] += weight * u2;
                    }
                }
            }
        }
    }
}
