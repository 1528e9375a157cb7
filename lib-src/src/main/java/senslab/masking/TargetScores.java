package senslab.masking;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.concurrent.CancellationException;
import senslab.attribution.Outputs;
import senslab.attribution.Target;
import senslab.models.FrozenParameters;
import senslab.models.StagedNetwork;

/**
 * The target's score of rows of inputs: one inference pass per batch that stops at the deepest stage the target
 * reads, with the weights frozen (no autograd graph is recorded where grad mode is on). What every evaluation of
 * perturbed copies ends in: masked copies ({@link MaskEvaluation}), noisy copies and baselines (the metrics).
 */
public final class TargetScores {
    /**
     * Input values per batch: 256 CIFAR images (3 MB). VGG-16 at 32 × 32 ran 74, 120, 151 and 165 images/s at
     * batches of 64, 128, 256 and 512 on 2 cores (deep layers read their weights once per pass), but 512 needs
     * 2.1 GB of native memory (ResNet-18: 4.4 GB) against 1.3 GB (2.4 GB) at 256 (our run of 2026-12-01 on the
     * 2-core development machine, glibc; GlobalMapBench times the chosen batch against PyTorch's).
     */
    static final int BATCH_VALUES = 256 * 3 * 32 * 32;

    private TargetScores() {
    }

    /** Rows of {@code rowSize} input values per automatic batch. */
    static int batchRows(int rowSize) {
        return Math.max(1, BATCH_VALUES / rowSize);
    }

    /**
     * {@code scores[label][row]} of one batch {@code rows} ({@code [rows, C, H, W]}), row r explaining image
     * {@code images[r]} of the target's call; the pass's arrays live in the manager of {@code rows}.
     */
    public static double[][] of(StagedNetwork net, Target target, NDArray rows, int[] images) {
        int labels = target.labels(net.stageNames()).size();
        int deepest = target.deepestStage(net.stageNames());
        double[][] scores = new double[labels][images.length];
        try (FrozenParameters frozen = new FrozenParameters(net.block())) {
            Outputs outputs =
                    new Outputs(net.stageNames(), net.forwardThrough(net.parameterStore(), rows, deepest, false));
            for (int q = 0; q < labels; q++) {
                float[] s = target.score(outputs, q, images).toType(DataType.FLOAT32, false).toFloatArray();
                for (int r = 0; r < s.length; r++) {
                    scores[q][r] = s[r];
                }
            }
        }
        return scores;
    }

    /**
     * {@code scores[label][row]} of many rows given as JVM values ({@code pixels}: row after row, each shaped
     * {@code rowShape} = [C, H, W]), in automatic batches, each in its own native scope.
     *
     * @throws CancellationException when the thread is interrupted between batches
     */
    public static double[][] of(StagedNetwork net, Target target, float[] pixels, Shape rowShape, int[] images) {
        int size = Math.toIntExact(rowShape.size());
        int rows = images.length;
        if (pixels.length != (long) rows * size) {
            throw new IllegalArgumentException(pixels.length + " input values for " + rows + " rows of " + rowShape);
        }
        int batch = batchRows(size);
        double[][] scores = new double[target.labels(net.stageNames()).size()][rows];
        try (NDManager call = NDManager.newBaseManager()) {
            for (int first = 0; first < rows; first += batch) {
                if (Thread.interrupted()) {
                    throw new CancellationException("stopped by an interrupt after " + first + " of " + rows
                            + " rows");
                }
                int count = Math.min(batch, rows - first);
                try (NDManager scope = call.newSubManager()) {
                    float[] values = new float[count * size];
                    System.arraycopy(pixels, first * size, values, 0, values.length);
                    int[] ofRows = Arrays.copyOfRange(images, first, first + count);
                    double[][] part = of(net, target, scope.create(values, new Shape(count).addAll(rowShape)), ofRows);
                    for (int q = 0; q < scores.length; q++) {
                        System.arraycopy(part[q], 0, scores[q], first, count);
                    }
                }
            }
        }
        return scores;
    }
}
