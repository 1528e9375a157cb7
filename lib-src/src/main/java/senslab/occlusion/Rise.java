package senslab.occlusion;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import org.hipparchus.analysis.interpolation.BilinearInterpolatingFunction;
import org.hipparchus.analysis.interpolation.BilinearInterpolator;
import senslab.attribution.AttributionMaps;
import senslab.attribution.CountsPasses;
import senslab.attribution.Target;
import senslab.image.Images;
import senslab.masking.CellGrid;
import senslab.masking.CellMasking;
import senslab.masking.MaskEvaluation;
import senslab.masking.Perturbation;
import senslab.models.StagedNetwork;

/**
 * RISE (Petsiuk et al. 2018, "RISE: randomized input sampling for explanation of black-box models"): N random
 * masks, each a {@code grid × grid} array of cells kept with probability p, upsampled bilinearly to (grid + 1)
 * cells of ⌈H/grid⌉ pixels and cropped to the image at a random shift; the map is Σ_i score(x ⊙ M_i)·M_i / (N·p),
 * the expected score given that a pixel is kept. The masked copies are rows of the shared {@link MaskEvaluation}
 * (one mask value per pixel), in batches; every image sees the same masks, drawn from the seed. One map per image
 * and label, channel "all".
 *
 * <pre>{@code
 * AttributionMaps maps = Rise.of(net).masks(2000).grid(4).attribute(x, Target.classLogit(3));
 * }</pre>
 */
public final class Rise implements CountsPasses {
    /** Mask values held at once: 4,096 masks of 32 × 32 (32 MB). */
    private static final int CHUNK_VALUES = 1 << 22;

    private final CellMasking masking;
    private final RiseSettings settings;

    private Rise(CellMasking masking, RiseSettings settings) {
        this.masking = Objects.requireNonNull(masking, "masking");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** RISE of {@code net} with {@link RiseSettings#DEFAULTS}. */
    public static Rise of(StagedNetwork net) {
        return new Rise(CellMasking.defaults(net, 1).withPerturbation(Perturbation.inpainting()),
                RiseSettings.DEFAULTS);
    }

    /** All settings at once. */
    public Rise with(RiseSettings value) {
        return new Rise(masking, value);
    }

    /** The number of random masks N. */
    public Rise masks(int count) {
        return with(settings.withMasks(count));
    }

    /** Cells per side of the grid the masks are drawn on. */
    public Rise grid(int side) {
        return with(settings.withGrid(side));
    }

    /** The probability p that a cell keeps its pixels. */
    public Rise keep(double probability) {
        return with(settings.withKeep(probability));
    }

    /** The seed of the masks. */
    public Rise seed(long value) {
        return with(settings.withSeed(value));
    }

    /** Masked copies per forward pass (0: automatic). */
    public Rise batchSize(int rows) {
        return new Rise(masking.withBatchSize(rows), settings);
    }

    /** Receives a line per image and chunk of masks, e.g. {@code System.out::println}. */
    public Rise progress(Consumer<String> sink) {
        return new Rise(masking.withProgress(Objects.requireNonNull(sink, "sink")), settings);
    }

    /** Masks, grid, keep probability and seed: what the maps record. */
    public RiseSettings settings() {
        return settings;
    }

    /** One masked copy of the image per mask. */
    @Override
    public double forwardPassesPerMap(int height, int width) {
        return settings.masks();
    }

    @Override
    public double backwardPassesPerMap(int height, int width) {
        return 0;
    }

    @Override
    public AttributionMaps attribute(NDArray inputs, Target target) {
        Images in = Images.of(inputs);
        target.checkImages(in.count());
        CellMasking pixels = masking.withGrid(in.height());
        CellGrid grid = pixels.gridFor(in);
        if (settings.grid() > in.height()) {
            throw new IllegalArgumentException("RISE grid " + settings.grid() + " is finer than the images' "
                    + in.height() + " pixels; use a grid of at most " + in.height() / 2);
        }
        MaskEvaluation evaluation = new MaskEvaluation(pixels.net(), target, grid, pixels.perturbation(),
                pixels.batchSize(), pixels.progress());
        int labels = evaluation.labels();
        int n = grid.cells();
        double[][][] sums = new double[in.count()][labels][n];
        Random random = new Random(settings.seed());
        int chunk = Math.max(1, CHUNK_VALUES / n);
        long start = System.nanoTime();
        for (int first = 0; first < settings.masks(); first += chunk) {
            int rows = Math.min(chunk, settings.masks() - first);
            double[] masks = masks(random, rows, in.height(), in.width());
            for (int image = 0; image < in.count(); image++) {
                double[][] scores = evaluation.scores(in, image, masks, rows);
                for (int label = 0; label < labels; label++) {
                    double[] sum = sums[image][label];
                    for (int r = 0; r < rows; r++) {
                        double score = scores[label][r];
                        for (int k = 0; k < n; k++) {
                            sum[k] += score * masks[r * n + k];
                        }
                    }
                }
            }
            pixels.progress().accept(String.format("RISE: %,d/%,d masks on %d images, %.1f s", first + rows,
                    settings.masks(), in.count(), (System.nanoTime() - start) / 1e9));
        }
        double scale = 1.0 / (settings.masks() * settings.keep());
        float[][][] values = new float[in.count()][labels][n];
        for (int image = 0; image < in.count(); image++) {
            for (int label = 0; label < labels; label++) {
                for (int k = 0; k < n; k++) {
                    values[image][label][k] = (float) (sums[image][label][k] * scale);
                }
            }
        }
        return AttributionMaps.of("RISE", settings, target, target.labels(pixels.net().stageNames()),
                List.of(AttributionMaps.ALL_CHANNELS), in.height(), in.width(), 1, values);
    }

    /**
     * {@code count} masks of {@code height × width} pixels, row after row: binary cells, upsampled bilinearly (cell
     * values at the cells' centres, the edges held beyond the outer centres) and shifted by up to one cell.
     */
    private double[] masks(Random random, int count, int height, int width) {
        int side = settings.grid();
        int cellHeight = (height + side - 1) / side;
        int cellWidth = (width + side - 1) / side;
        // the grid is stretched over (side + 1) cells, as in the authors' code, so that any shift covers the image
        double[] rowCentres = centres(side, (side + 1.0) * cellHeight / side);
        double[] columnCentres = centres(side, (side + 1.0) * cellWidth / side);
        BilinearInterpolator interpolator = new BilinearInterpolator();
        double[] masks = new double[count * height * width];
        for (int m = 0; m < count; m++) {
            double[][] cells = new double[side][side];
            for (double[] row : cells) {
                for (int j = 0; j < side; j++) {
                    row[j] = random.nextDouble() < settings.keep() ? 1 : 0;
                }
            }
            int shiftY = random.nextInt(cellHeight);
            int shiftX = random.nextInt(cellWidth);
            BilinearInterpolatingFunction upsampled = interpolator.interpolate(rowCentres, columnCentres, cells);
            for (int i = 0; i < height; i++) {
                double y = clamp(i + shiftY + 0.5, rowCentres);
                for (int j = 0; j < width; j++) {
                    double x = clamp(j + shiftX + 0.5, columnCentres);
                    masks[(m * height + i) * width + j] = upsampled.value(y, x);
                }
            }
        }
        return masks;
    }

    private static double[] centres(int side, double cellSize) {
        double[] centres = new double[side];
        for (int k = 0; k < side; k++) {
            centres[k] = (k + 0.5) * cellSize;
        }
        return centres;
    }

    private static double clamp(double value, double[] nodes) {
        return Math.min(nodes[nodes.length - 1], Math.max(nodes[0], value));
    }
}
