package senslab.masking;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        Optional<LogitMemo> memo = LogitMemo.current();
        if (memo.isPresent() && target instanceof Target.ClassLogit) {
            return new double[][] {classLogits(memo.get(), net, target, rows, images)};
        }
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
     * The class logit of every row: from the memo where the scope has scored the same input on this network, from one
     * pass of the other rows (each input once) otherwise, whose logits the memo then keeps; picked by the target as a
     * pass would.
     */
    private static double[] classLogits(LogitMemo memo, StagedNetwork net, Target target, NDArray rows,
            int[] images) {
        int count = images.length;
        byte[] bytes = rows.toByteArray();
        int size = bytes.length / count;
        LogitMemo.Key[] keys = new LogitMemo.Key[count];
        float[][] logits = new float[count][];
        Map<LogitMemo.Key, Integer> inPass = new LinkedHashMap<>(); // each input not yet scored: its place in the pass
        List<Integer> passRows = new ArrayList<>(); // and the row it was first met in
        for (int r = 0; r < count; r++) {
            keys[r] = memo.key(bytes, r * size, size);
            logits[r] = memo.get(net, keys[r]);
            if (logits[r] == null && !inPass.containsKey(keys[r])) {
                inPass.put(keys[r], passRows.size());
                passRows.add(r);
            }
        }
        if (!passRows.isEmpty()) {
            float[][] scored = scoreRows(net, rows, bytes, size, passRows.stream().mapToInt(r -> r).toArray());
            inPass.forEach((key, place) -> memo.put(net, key, scored[place]));
            for (int r = 0; r < count; r++) {
                if (logits[r] == null) {
                    logits[r] = scored[inPass.get(keys[r])];
                }
            }
        }
        float[] values = new float[count * logits[0].length];
        for (int r = 0; r < count; r++) {
            System.arraycopy(logits[r], 0, values, r * logits[0].length, logits[0].length);
        }
        NDArray output = rows.getManager().create(values, new Shape(count, logits[0].length));
        float[] picked = target.score(new Outputs(List.of("output"), new NDList(output)), 0, images)
                .toType(DataType.FLOAT32, false).toFloatArray();
        double[] scores = new double[count];
        for (int r = 0; r < count; r++) {
            scores[r] = picked[r];
        }
        return scores;
    }

    /** The logits of rows {@code which} of {@code rows} (whose values are {@code bytes}, {@code size} per row). */
    private static float[][] scoreRows(StagedNetwork net, NDArray rows, byte[] bytes, int size, int[] which) {
        NDArray pass = rows;
        if (which.length < rows.getShape().get(0)) {
            ByteBuffer chosen = ByteBuffer.allocateDirect(which.length * size).order(ByteOrder.nativeOrder());
            for (int r : which) {
                chosen.put(bytes, r * size, size);
            }
            chosen.flip();
            pass = rows.getManager().create(chosen, new Shape(which.length).addAll(rows.getShape().slice(1)),
                    rows.getDataType());
        }
        try (FrozenParameters frozen = new FrozenParameters(net.block())) {
            NDArray out = net.forward(pass);
            float[] values = out.reshape(which.length, -1).toType(DataType.FLOAT32, false).toFloatArray();
            int classes = values.length / which.length;
            float[][] logits = new float[which.length][];
            for (int k = 0; k < which.length; k++) {
                logits[k] = Arrays.copyOfRange(values, k * classes, (k + 1) * classes);
            }
            return logits;
        }
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
