package senslab.gradient;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import senslab.attribution.Outputs;
import senslab.attribution.Target;
import senslab.image.Images;
import senslab.models.FrozenParameters;
import senslab.models.StagedNetwork;

/**
 * The one mechanism of the gradient methods: for rows that each explain one image of the call (the image itself, a
 * point on the path from a baseline, a noisy copy), the gradient of a {@link Target}'s score (a class logit, a
 * channel's mean, a stage's norm…) with respect to the row, and the score itself.
 *
 * <p>Rows go through the network in batches, each in its own native scope, in passes that stop at the stage the
 * target reads; the weights are frozen meanwhile (no weight gradients are computed). The engine comes from
 * {@link Engine#getInstance()}, so the engine check guards the input gradients of the first convolution. A line of
 * progress every {@value #PROGRESS_SECONDS} s of a long evaluation; an interrupt (a notebook's ■) stops it between
 * batches. Immutable: {@link #withBatchSize} and {@link #withProgress} return new.
 */
public final class InputGradients {
    private static final int PROGRESS_SECONDS = 10;
    /** Input values per backward pass: 64 CIFAR images; backward keeps every layer's activations of the batch. */
    private static final int BATCH_VALUES = 64 * 3 * 32 * 32;

    private final StagedNetwork net;
    private final int batchSize;
    private final Consumer<String> progress;

    private InputGradients(StagedNetwork net, int batchSize, Consumer<String> progress) {
        this.net = Objects.requireNonNull(net, "net");
        if (batchSize < 0) {
            throw new IllegalArgumentException("batch size must be >= 0 (0 = automatic), got " + batchSize);
        }
        this.batchSize = batchSize;
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** Input gradients of {@code net}, batches sized automatically, no progress lines. */
    public static InputGradients of(StagedNetwork net) {
        return new InputGradients(net, 0, message -> { });
    }

    /** Rows per backward pass (0: automatic, about {@value #BATCH_VALUES} input values). */
    public InputGradients withBatchSize(int rows) {
        return new InputGradients(net, rows, progress);
    }

    /** Receives progress lines, e.g. {@code System.out::println} in a notebook. */
    public InputGradients withProgress(Consumer<String> sink) {
        return new InputGradients(net, batchSize, Objects.requireNonNull(sink, "sink"));
    }

    /** The network differentiated. */
    public StagedNetwork net() {
        return net;
    }

    /** Where progress lines go. */
    public Consumer<String> progress() {
        return progress;
    }

    /** The labels of {@code target} on this network: one map each. */
    public List<String> labels(Target target) {
        return target.labels(net.stageNames());
    }

    /**
     * The gradients and scores of a set of rows.
     *
     * @param gradients ∂score/∂row, row after row, each laid out as the rows' pixels (channel-major)
     * @param scores    the score of each row
     */
    public record Rows(float[] gradients, double[] scores) {
    }

    /**
     * The gradient of the score of map {@code label} of {@code target} with respect to every row of {@code rows}
     * (row r explains image {@code explains[r]} of the call), and that score.
     *
     * @throws CancellationException when the thread is interrupted
     */
    public Rows of(Images rows, int[] explains, Target target, int label) {
        int count = rows.count();
        if (explains.length != count) {
            throw new IllegalArgumentException(count + " rows but " + explains.length + " images they explain");
        }
        int n = rows.size();
        int deepest = net.indexOf(target.stageOf(net.stageNames(), label));
        int batch = batchSize > 0 ? batchSize : Math.max(1, BATCH_VALUES / n);
        float[] gradients = new float[count * n];
        double[] scores = new double[count];
        long start = System.nanoTime();
        long shown = start;
        try (FrozenParameters frozen = new FrozenParameters(net.block()); NDManager call = NDManager.newBaseManager()) {
            ParameterStore store = net.parameterStore();
            for (int first = 0; first < count; first += batch) {
                if (Thread.interrupted()) {
                    throw new CancellationException("stopped by an interrupt after the gradients of " + first + " of "
                            + count + " rows");
                }
                int size = Math.min(batch, count - first);
                try (NDManager scope = call.newSubManager();
                        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray x = scope.create(Arrays.copyOfRange(rows.pixels(), first * n, (first + size) * n),
                            rows.shape(size));
                    x.setRequiresGradient(true);
                    Outputs outputs = new Outputs(net.stageNames(), net.forwardThrough(store, x, deepest, false));
                    NDArray score = target.score(outputs, label, Arrays.copyOfRange(explains, first, first + size));
                    collector.backward(score.sum());
                    System.arraycopy(x.getGradient().toFloatArray(), 0, gradients, first * n, size * n);
                    float[] s = score.toType(DataType.FLOAT32, false).toFloatArray();
                    for (int r = 0; r < size; r++) {
                        scores[first + r] = s[r];
                    }
                }
                long now = System.nanoTime();
                if (now - shown > PROGRESS_SECONDS * 1e9 && first + size < count) {
                    shown = now;
                    progress.accept(String.format("  gradients of %d/%d rows, %.0f per second", first + size, count,
                            (first + size) / ((now - start) / 1e9)));
                }
            }
        }
        return new Rows(gradients, scores);
    }
}
