package senslab.models;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import java.util.List;
import senslab.function.BatchFunction;

/**
 * The paper's diabetes network: Linear(n, 10) → BatchNorm1d → ReLU → Linear(10, 1) → BatchNorm1d → sigmoid,
 * on raw (unscaled) features. Cut in three stages ({@value #FIRST_LAYER}: the first Linear's output before
 * BatchNorm, used by Figure 3; {@value #HIDDEN}; {@value #OUTPUT}: the probability of diabetes).
 */
public final class DiabetesNet {
    public static final String FIRST_LAYER = "fc1";
    public static final String HIDDEN = "hidden";
    public static final String OUTPUT = "output";
    private static final int HIDDEN_UNITS = 10;
    private static final float EPSILON = 1e-5f;
    /** Rows per parallel task in {@link #inference()}. */
    private static final int ROWS_PER_TASK = 8192;

    private final List<String> features;
    private final StagedNetwork network;

    private DiabetesNet(List<String> features) {
        if (features.isEmpty()) {
            throw new IllegalArgumentException("the network needs at least one input feature");
        }
        this.features = List.copyOf(features);
        network = StagedNetwork.builder()
                .stage(FIRST_LAYER, linear(HIDDEN_UNITS, features.size()))
                .stage(HIDDEN, new SequentialBlock().add(batchNorm()).add(Activation::relu))
                .stage(OUTPUT, new SequentialBlock().add(linear(1, HIDDEN_UNITS)).add(batchNorm())
                        .add(Activation::sigmoid))
                .build();
    }

    /** An uninitialized network over the given feature columns (their order is the input order). */
    public static DiabetesNet create(List<String> features) {
        return new DiabetesNet(features);
    }

    /** PyTorch's default Linear initialization: weights and biases uniform in ±1/√fan_in. */
    private static Block linear(int units, int fanIn) {
        Linear linear = Linear.builder().setUnits(units).build();
        UniformInitializer uniform = new UniformInitializer((float) (1 / Math.sqrt(fanIn)));
        linear.setInitializer(uniform, Parameter.Type.WEIGHT);
        linear.setInitializer(uniform, Parameter.Type.BIAS);
        return linear;
    }

    private static Block batchNorm() {
        return BatchNorm.builder().optEpsilon(EPSILON).build();
    }

    /** Draws fresh weights from {@code seed} (PyTorch's generator), parameters owned by {@code manager}. */
    public DiabetesNet initialize(NDManager manager, long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
        block().initialize(manager, DataType.FLOAT32, new Shape(1, features.size()));
        return this;
    }

    /** The feature columns this network reads, in input order. */
    public List<String> features() {
        return features;
    }

    public StagedNetwork network() {
        return network;
    }

    /** The DJL block holding every parameter. */
    public Block block() {
        return network.block();
    }

    /** Probabilities of diabetes for raw feature rows (inference mode: BatchNorm running statistics). */
    public double[] predict(double[][] rows) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray p = network.forward(new ParameterStore(manager, false), input(manager, rows), false);
            return toDoubles(p.toFloatArray());
        }
    }

    /** Share of rows whose thresholded prediction (p ≥ 0.5) equals the 0/1 outcome. */
    public double accuracy(double[][] rows, double[] outcome) {
        double[] p = predict(rows);
        int correct = 0;
        for (int i = 0; i < p.length; i++) {
            correct += (p[i] >= 0.5 ? 1 : 0) == (int) outcome[i] ? 1 : 0;
        }
        return (double) correct / p.length;
    }

    /** The first Linear layer's output (before BatchNorm) for each row: rows × 10. */
    public double[][] firstLayer(double[][] rows) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList stages = network.forwardAll(new ParameterStore(manager, false), input(manager, rows), false);
            NDArray fc1 = stages.get(network.indexOf(FIRST_LAYER));
            float[] flat = fc1.toFloatArray();
            int units = (int) fc1.getShape().get(1);
            double[][] out = new double[rows.length][units];
            for (int r = 0; r < rows.length; r++) {
                for (int u = 0; u < units; u++) {
                    out[r][u] = flat[r * units + u];
                }
            }
            return out;
        }
    }

    /**
     * The paper's Figure 3 rule: for each feature i, raise x_i by {@code relativeStep} of its own value
     * (0.01 = +1 %) in every row, and average over rows the Euclidean norm of the change of the first
     * Linear layer's output, ‖fc1(x') − fc1(x)‖₂.
     */
    public double[] firstLayerSensitivity(double[][] rows, double relativeStep) {
        double[][] base = firstLayer(rows);
        double[] sensitivity = new double[features.size()];
        for (int i = 0; i < sensitivity.length; i++) {
            double[][] moved = new double[rows.length][];
            for (int r = 0; r < rows.length; r++) {
                moved[r] = rows[r].clone();
                moved[r][i] *= 1 + relativeStep;
            }
            double[][] shifted = firstLayer(moved);
            double sum = 0;
            for (int r = 0; r < rows.length; r++) {
                double squares = 0;
                for (int u = 0; u < base[r].length; u++) {
                    double change = shifted[r][u] - base[r][u];
                    squares += change * change;
                }
                sum += Math.sqrt(squares);
            }
            sensitivity[i] = sum / rows.length;
        }
        return sensitivity;
    }

    /**
     * The trained network in inference mode as plain Java arithmetic, for evaluating millions of rows (a
     * Sobol sample) fast: each BatchNorm, with its running statistics, is folded into the Linear layer
     * before it (W' = diag(s) W, b' = s b + β − s μ with s = γ / √(σ² + ε)); rows are split over the cores.
     * The weights are copied now: later training does not change this model.
     */
    public BatchFunction inference() {
        List<float[]> p = new java.util.ArrayList<>();
        for (ai.djl.util.Pair<String, Parameter> parameter : block().getParameters()) {
            p.add(parameter.getValue().getArray().toFloatArray());
        }
        // order: fc1 weight, bias; BatchNorm gamma, beta, running mean, running var; fc2 weight, bias; BatchNorm …
        int d = features.size();
        double[][] first = folded(p.get(0), p.get(1), p.subList(2, 6), d);
        double[][] second = folded(p.get(6), p.get(7), p.subList(8, 12), HIDDEN_UNITS);
        return (x, count, inputs, y) -> {
            if (inputs != d) {
                throw new IllegalArgumentException("rows have " + inputs + " values; this network reads " + d);
            }
            int tasks = (count + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
            java.util.stream.IntStream.range(0, tasks).parallel().forEach(task -> {
                double[] hidden = new double[HIDDEN_UNITS];
                for (int r = task * ROWS_PER_TASK; r < Math.min(count, (task + 1) * ROWS_PER_TASK); r++) {
                    for (int u = 0; u < HIDDEN_UNITS; u++) {
                        double[] w = first[u];
                        double sum = w[d];
                        for (int j = 0; j < d; j++) {
                            sum += w[j] * x[r * d + j];
                        }
                        hidden[u] = Math.max(sum, 0);
                    }
                    double[] w = second[0];
                    double out = w[HIDDEN_UNITS];
                    for (int u = 0; u < HIDDEN_UNITS; u++) {
                        out += w[u] * hidden[u];
                    }
                    y[r] = 1 / (1 + Math.exp(-out));
                }
            });
        };
    }

    /** Rows of [W' | b'] for a Linear layer (units × fanIn weights) followed by an inference-mode BatchNorm. */
    private static double[][] folded(float[] weight, float[] bias, List<float[]> norm, int fanIn) {
        float[] gamma = norm.get(0);
        float[] beta = norm.get(1);
        float[] mean = norm.get(2);
        float[] variance = norm.get(3);
        double[][] rows = new double[bias.length][fanIn + 1];
        for (int u = 0; u < bias.length; u++) {
            double scale = gamma[u] / Math.sqrt(variance[u] + (double) EPSILON);
            for (int j = 0; j < fanIn; j++) {
                rows[u][j] = scale * weight[u * fanIn + j];
            }
            rows[u][fanIn] = scale * (bias[u] - mean[u]) + beta[u];
        }
        return rows;
    }

    private NDArray input(NDManager manager, double[][] rows) {
        int d = features.size();
        float[] flat = new float[rows.length * d];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != d) {
                throw new IllegalArgumentException("row " + r + " has " + rows[r].length + " values; this network "
                        + "reads " + d + " features " + features);
            }
            for (int c = 0; c < d; c++) {
                flat[r * d + c] = (float) rows[r][c];
            }
        }
        return manager.create(flat, new Shape(rows.length, d));
    }

    private static double[] toDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
