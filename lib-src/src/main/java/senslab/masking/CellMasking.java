package senslab.masking;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import senslab.attribution.AttributionMaps;
import senslab.attribution.MethodSettings;
import senslab.attribution.Target;
import senslab.image.Images;
import senslab.models.StagedNetwork;

/**
 * What maps made from cell masks share (Sobol and HSIC maps): a network, a grid of cells, a perturbation, batches and
 * progress, and the loop that evaluates one design of cell masks (the same for every image) on each image and turns
 * the scores of each label into an estimate per cell.
 */
public record CellMasking(StagedNetwork net, int grid, Perturbation perturbation, int batchSize,
        Consumer<String> progress) {

    /** How an estimator turns the scores of one image and label on the design's rows into its result. */
    public interface Estimator<E> {
        E estimate(double[] design, double[] scores);
    }

    public CellMasking {
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(perturbation, "perturbation");
        Objects.requireNonNull(progress, "progress");
        if (grid < 1) {
            throw new IllegalArgumentException("grid must be at least 1 cell per side, got " + grid);
        }
        if (batchSize < 0) {
            throw new IllegalArgumentException("batch size must be >= 0 (0 = automatic), got " + batchSize);
        }
    }

    public static CellMasking defaults(StagedNetwork net, int grid) {
        return new CellMasking(net, grid, Perturbation.inpainting(), 0, message -> { });
    }

    public CellMasking withGrid(int side) {
        return new CellMasking(net, side, perturbation, batchSize, progress);
    }

    public CellMasking withPerturbation(Perturbation value) {
        return new CellMasking(net, grid, value, batchSize, progress);
    }

    public CellMasking withBatchSize(int rows) {
        return new CellMasking(net, grid, perturbation, rows, progress);
    }

    public CellMasking withProgress(Consumer<String> sink) {
        return new CellMasking(net, grid, perturbation, batchSize, sink);
    }

    /** The grid over these images, with a clear error when it does not fit them. */
    public CellGrid gridFor(Images in) {
        return new CellGrid(grid, in.height(), in.width());
    }

    /**
     * {@code results[image][label]}: the {@code design} (mask rows over the cells of {@link #gridFor}, row-major)
     * evaluated on every image, each label's scores turned into a result by {@code estimator}.
     */
    public <E> List<List<E>> run(Images in, Target target, double[] design, Estimator<E> estimator) {
        target.checkImages(in.count());
        CellGrid cells = gridFor(in);
        int rows = design.length / cells.cells();
        MaskEvaluation evaluation = new MaskEvaluation(net, target, cells, perturbation, batchSize, progress);
        List<List<E>> results = new ArrayList<>();
        for (int image = 0; image < in.count(); image++) {
            long start = System.nanoTime();
            double[][] scores = evaluation.scores(in, image, design, rows);
            List<E> perLabel = new ArrayList<>();
            for (double[] labelScores : scores) {
                perLabel.add(estimator.estimate(design, labelScores));
            }
            results.add(perLabel);
            progress.accept(
                    String.format("image %d/%d: %,d perturbed copies (grid %d×%d), %.1f s", image + 1, in.count(),
                    rows, grid, grid, (System.nanoTime() - start) / 1e9));
        }
        return results;
    }

    /** Maps of one value per cell ({@code cellValues} of each result), channel "all", at the grid's resolution. */
    public <E> AttributionMaps maps(String method, MethodSettings settings, Images in, Target target,
            List<List<E>> results, Function<E, double[]> cellValues) {
        CellGrid cells = gridFor(in);
        float[][][] values = new float[results.size()][][];
        for (int image = 0; image < results.size(); image++) {
            List<E> perLabel = results.get(image);
            values[image] = new float[perLabel.size()][];
            for (int label = 0; label < perLabel.size(); label++) {
                double[] v = cellValues.apply(perLabel.get(label));
                values[image][label] = new float[v.length];
                for (int k = 0; k < v.length; k++) {
                    values[image][label][k] = (float) v[k];
                }
            }
        }
        return AttributionMaps.of(method, settings, target, target.labels(net.stageNames()),
                List.of(AttributionMaps.ALL_CHANNELS), cells.side(), cells.side(), cells.cellSize(), values);
    }
}
