package senslab.masking;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import senslab.attribution.Target;
import senslab.image.Images;
import senslab.models.FrozenParameters;
import senslab.models.StagedNetwork;

/**
 * The network's scores of one image perturbed cell by cell: each row of cell masks (one value in [0, 1] per cell)
 * is upsampled to the pixels, applied by the {@link Perturbation}, and scored by the {@link Target} (a class logit,
 * or the norm of a stage's output). What the Sobol and HSIC maps and the faithfulness metrics all evaluate.
 *
 * <p>Rows go through the network in batches, each in its own native scope, in passes that stop at the deepest
 * stage the target reads; the weights are frozen meanwhile, so no autograd graph is recorded on threads where
 * PyTorch's grad mode is on (a notebook cell's). A line of progress every {@value #PROGRESS_SECONDS} s of a long
 * evaluation; an interrupt (a notebook's ■) stops it between batches.
 */
public final class MaskEvaluation {
    private static final int PROGRESS_SECONDS = 10;
    private final StagedNetwork net;
    private final Target target;
    private final CellGrid grid;
    private final Perturbation perturbation;
    private final int batchSize;
    private final Consumer<String> progress;

    /**
     * Scores of {@code target} on {@code net} for images cut by {@code grid} and perturbed by {@code perturbation};
     * {@code batchSize} rows per pass (0: automatic, a few MB of input values); long evaluations
     * report to {@code progress}.
     */
    public MaskEvaluation(StagedNetwork net, Target target, CellGrid grid, Perturbation perturbation, int batchSize,
            Consumer<String> progress) {
        this.net = Objects.requireNonNull(net, "net");
        this.target = Objects.requireNonNull(target, "target");
        this.grid = Objects.requireNonNull(grid, "grid");
        this.perturbation = Objects.requireNonNull(perturbation, "perturbation");
        if (batchSize < 0) {
            throw new IllegalArgumentException("batch size must be >= 0 (0 = automatic), got " + batchSize);
        }
        this.batchSize = batchSize;
        this.progress = Objects.requireNonNull(progress, "progress");
        target.labels(net.stageNames());
    }

    /** The number of labels the target names: scores come per label. */
    public int labels() {
        return target.labels(net.stageNames()).size();
    }

    /**
     * {@code scores[label][row]} for image {@code image} of {@code in} under the {@code rows} mask rows of
     * {@code masks} (row-major, one value per cell).
     *
     * @throws CancellationException when the thread is interrupted
     */
    public double[][] scores(Images in, int image, double[] masks, int rows) {
        int cells = grid.cells();
        if (in.height() != grid.height() || in.width() != grid.width()) {
            throw new IllegalArgumentException("images are " + in.height() + "×" + in.width() + " but the grid was made"
                    + " for " + grid.height() + "×" + grid.width());
        }
        if (masks.length < (long) rows * cells) {
            throw new IllegalArgumentException(masks.length + " mask values are too few for " + rows + " rows of "
                    + cells + " cells");
        }
        int labels = labels();
        int batch = batchSize > 0 ? batchSize : TargetScores.batchRows(in.size());
        double[][] scores = new double[labels][rows];
        long start = System.nanoTime();
        long shown = start;
        float[] pixels = in.tiled(image, 1);
        try (FrozenParameters frozen = new FrozenParameters(net.block()); NDManager call = NDManager.newBaseManager()) {
            for (int first = 0; first < rows; first += batch) {
                if (Thread.interrupted()) {
                    throw new CancellationException("stopped by an interrupt after " + first + " of " + rows
                            + " perturbed copies of image " + (image + 1));
                }
                int count = Math.min(batch, rows - first);
                try (NDManager scope = call.newSubManager()) {
                    float[] values = new float[count * cells];
                    for (int k = 0; k < values.length; k++) {
                        values[k] = (float) masks[first * cells + k];
                    }
                    NDArray perturbed = perturbation.apply(scope.create(pixels, in.shape(1)),
                            grid.upsample(scope.create(values, new Shape(count, cells))));
                    double[][] batchScores = TargetScores.of(net, target, perturbed, Target.copiesOf(image, count));
                    for (int q = 0; q < labels; q++) {
                        System.arraycopy(batchScores[q], 0, scores[q], first, count);
                    }
                }
                long now = System.nanoTime();
                if (now - shown > PROGRESS_SECONDS * 1e9 && first + count < rows) {
                    shown = now;
                    progress.accept(
                            String.format("  %d/%d perturbed copies of image %d, %.0f per second", first + count,
                            rows, image + 1, (first + count) / ((now - start) / 1e9)));
                }
            }
        }
        return scores;
    }
}
