package senslab.landscape;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;
import senslab.data.Dataset;

/**
 * A multilayer perceptron with one output, in double precision: {@code f(x) = σ_out(W_L … σ(W_1 x + b_1) …
 * + b_L)}, weights in the usual out × in layout. Hidden units use one activation (tanh by default), the
 * output another (identity by default). Immutable: training returns new networks.
 */
public final class Mlp implements InputGradient {
    private final int[] sizes;
    /** Layer l's weights, row-major out × in: w[l][a * sizes[l] + b] is unit a's weight on input b. */
    final double[][] w;
    final double[][] b;
    private final Activation hidden;
    private final Activation output;

    /** Wraps the arrays as they are (callers hand over arrays no one else changes). */
    Mlp(int[] sizes, double[][] w, double[][] b, Activation hidden, Activation output) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("a network needs an input size and at least one layer, got sizes "
                    + Arrays.toString(sizes));
        }
        for (int size : sizes) {
            if (size < 1) {
                throw new IllegalArgumentException("every layer needs at least one unit, got sizes "
                        + Arrays.toString(sizes));
            }
        }
        if (sizes[sizes.length - 1] != 1) {
            throw new IllegalArgumentException("the loss needs one output, got " + sizes[sizes.length - 1]
                    + " (sizes " + Arrays.toString(sizes) + ")");
        }
        for (int l = 0; l + 1 < sizes.length; l++) {
            if (w[l].length != sizes[l + 1] * sizes[l] || b[l].length != sizes[l + 1]) {
                throw new IllegalArgumentException("layer " + (l + 1) + " needs " + sizes[l + 1] + " × " + sizes[l]
                        + " weights and " + sizes[l + 1] + " biases, got " + w[l].length + " and " + b[l].length);
            }
            for (double v : w[l]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("layer " + (l + 1) + " has a weight " + v
                            + "; weights must be finite (did training diverge? lower the learning rate)");
                }
            }
        }
        this.sizes = sizes.clone();
        this.w = w;
        this.b = b;
        this.hidden = hidden;
        this.output = output;
    }

    /**
     * Xavier-normal weights (standard deviation √(2 / (fan_in + fan_out)), from {@code new Random(seed)},
     * layer by layer, row by row) and zero biases; tanh hidden units, identity output. {@code sizes} runs from
     * the inputs to the single output, e.g. {@code xavier(0, 13, 64, 64, 1)}.
     */
    public static Mlp xavier(long seed, int... sizes) {
        Random random = new Random(seed);
        double[][] w = new double[Math.max(0, sizes.length - 1)][];
        double[][] b = new double[w.length][];
        for (int l = 0; l < w.length; l++) {
            double sd = Math.sqrt(2.0 / (sizes[l] + sizes[l + 1]));
            w[l] = new double[Math.max(0, sizes[l] * sizes[l + 1])];
            for (int t = 0; t < w[l].length; t++) {
                w[l][t] = sd * random.nextGaussian();
            }
            b[l] = new double[Math.max(0, sizes[l + 1])];
        }
        return new Mlp(sizes, w, b, Activation.TANH, Activation.IDENTITY);
    }

    /**
     * A network with the given weights (one out × in matrix per layer, inputs first) and biases; tanh hidden
     * units, identity output (change with {@link #activations}).
     */
    public static Mlp of(List<double[][]> weights, List<double[]> biases) {
        if (weights.isEmpty() || weights.size() != biases.size()) {
            throw new IllegalArgumentException("give one weight matrix and one bias vector per layer, got "
                    + weights.size() + " and " + biases.size());
        }
        int[] sizes = new int[weights.size() + 1];
        double[][] w = new double[weights.size()][];
        double[][] b = new double[weights.size()][];
        for (int l = 0; l < weights.size(); l++) {
            double[][] m = weights.get(l);
            int in = m.length == 0 ? 0 : m[0].length;
            if (l == 0) {
                sizes[0] = in;
            } else if (in != sizes[l]) {
                throw new IllegalArgumentException("layer " + (l + 1) + " reads " + in + " values but layer " + l
                        + " has " + sizes[l] + " units");
            }
            sizes[l + 1] = m.length;
            w[l] = new double[m.length * in];
            for (int a = 0; a < m.length; a++) {
                if (m[a].length != in) {
                    throw new IllegalArgumentException("layer " + (l + 1) + ": row " + a + " has " + m[a].length
                            + " weights, row 0 has " + in + "; the matrix must be rectangular (out × in)");
                }
                System.arraycopy(m[a], 0, w[l], a * in, in);
            }
            b[l] = biases.get(l).clone();
        }
        return new Mlp(sizes, w, b, Activation.TANH, Activation.IDENTITY);
    }

    /** The same weights with other activations. */
    public Mlp activations(Activation hiddenUnits, Activation outputUnit) {
        return new Mlp(sizes, w, b, hiddenUnits, outputUnit);
    }

    /** Unit counts from the inputs to the output. */
    public int[] sizes() {
        return sizes.clone();
    }

    public int inputs() {
        return sizes[0];
    }

    public int layers() {
        return sizes.length - 1;
    }

    /** Units of the first layer, whose weights the loss derivatives are taken for. */
    public int firstLayerUnits() {
        return sizes[1];
    }

    /** Layer l's (1-based) weight matrix, out × in, as a copy. */
    public double[][] weights(int layer) {
        int in = sizes[layer - 1];
        double[][] m = new double[sizes[layer]][];
        for (int a = 0; a < m.length; a++) {
            m[a] = Arrays.copyOfRange(w[layer - 1], a * in, (a + 1) * in);
        }
        return m;
    }

    /** Layer l's (1-based) biases, as a copy. */
    public double[] biases(int layer) {
        return b[layer - 1].clone();
    }

    /** The activation of layer l (0-based): the hidden one, or the output one for the last layer. */
    Activation activation(int l) {
        return l == layers() - 1 ? output : hidden;
    }

    public Activation hiddenActivation() {
        return hidden;
    }

    public Activation outputActivation() {
        return output;
    }

    /** E.g. "13 → 64 tanh → 64 tanh → 1 identity". */
    public String describe() {
        StringJoiner s = new StringJoiner(" → ");
        s.add(Integer.toString(sizes[0]));
        for (int l = 0; l < layers(); l++) {
            s.add(sizes[l + 1] + " " + activation(l).label());
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return "Mlp " + describe();
    }

    /** f(x) for each row. */
    public double[] predict(double[][] rows) {
        double[] out = new double[rows.length];
        double[][] h = buffers();
        for (int r = 0; r < rows.length; r++) {
            checkRow(rows[r], r);
            out[r] = forward(rows[r], h, null);
        }
        return out;
    }

    /** The loss (1/N) Σ (f(x_k) − y_k)². */
    public double loss(Dataset data) {
        checkInputs(data);
        double[] f = predict(data.x());
        double sum = 0;
        for (int r = 0; r < f.length; r++) {
            sum += (f[r] - data.y()[r]) * (f[r] - data.y()[r]);
        }
        return sum / f.length;
    }

    /** ∂f/∂x_j for each row (backpropagation). */
    @Override
    public double[][] inputGradient(double[][] rows) {
        double[][] h = buffers();
        double[][] slope = buffers();
        double[][] gradient = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            checkRow(rows[r], r);
            forward(rows[r], h, slope);
            double[] delta = {slope[layers()][0]};
            gradient[r] = backward(delta, slope);
        }
        return gradient;
    }

    /**
     * One row forward: h[l] holds layer l's output (h[0] the input); if {@code slope} is given, slope[l + 1]
     * holds σ'(z) of layer l's units. Returns f(x).
     */
    private double forward(double[] x, double[][] h, double[][] slope) {
        System.arraycopy(x, 0, h[0], 0, sizes[0]);
        double[][] d = new double[4][1];
        for (int l = 0; l < layers(); l++) {
            int in = sizes[l];
            Activation act = activation(l);
            for (int a = 0; a < sizes[l + 1]; a++) {
                double z = b[l][a];
                for (int c = 0; c < in; c++) {
                    z += w[l][a * in + c] * h[l][c];
                }
                act.derivatives(z, d, 0);
                h[l + 1][a] = d[0][0];
                if (slope != null) {
                    slope[l + 1][a] = d[1][0];
                }
            }
        }
        return h[layers()][0];
    }

    /** Backpropagates ∂/∂(output pre-activation) = delta down to the input and returns ∂/∂x. */
    private double[] backward(double[] delta, double[][] slope) {
        for (int l = layers() - 1; l >= 0; l--) {
            int in = sizes[l];
            double[] below = new double[in];
            for (int a = 0; a < sizes[l + 1]; a++) {
                double da = delta[a];
                for (int c = 0; c < in; c++) {
                    below[c] += w[l][a * in + c] * da;
                }
            }
            if (l > 0) {
                for (int c = 0; c < in; c++) {
                    below[c] *= slope[l][c];
                }
            }
            delta = below;
        }
        return delta;
    }

    private double[][] buffers() {
        double[][] h = new double[sizes.length][];
        for (int l = 0; l < sizes.length; l++) {
            h[l] = new double[sizes[l]];
        }
        return h;
    }

    void checkInputs(Dataset data) {
        if (data.inputCount() != inputs()) {
            throw new IllegalArgumentException(data.name() + " has " + data.inputCount() + " inputs but the network "
                    + describe() + " reads " + inputs());
        }
    }

    private void checkRow(double[] row, int r) {
        if (row.length != inputs()) {
            throw new IllegalArgumentException("row " + r + " has " + row.length + " values; the network "
                    + describe() + " reads " + inputs());
        }
    }

    /** A copy of every weight and bias, for training to change. */
    double[][][] parameters() {
        double[][] wc = new double[w.length][];
        double[][] bc = new double[b.length][];
        for (int l = 0; l < w.length; l++) {
            wc[l] = w[l].clone();
            bc[l] = b[l].clone();
        }
        return new double[][][] {wc, bc};
    }
}
