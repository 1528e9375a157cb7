package senslab.global;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import senslab.attribution.Attribution;
import senslab.attribution.AttributionMaps;
import senslab.attribution.Target;
import senslab.image.Images;
import senslab.masking.CellGrid;
import senslab.masking.CellMasking;
import senslab.masking.Perturbation;
import senslab.models.StagedNetwork;
import senslab.sobol.Problem;
import senslab.sobol.SaltelliSample;
import senslab.sobol.Sobol;
import senslab.sobol.SobolOptions;
import senslab.sobol.SobolResult;

/**
 * Global sensitivity maps (Fel et al., "Look at the Variance! Efficient Black-box Explanations with Sobol-based
 * Sensitivity Analysis", NeurIPS 2021; Xplique's {@code SobolAttributionMethod}): the image is cut into a grid of
 * cells, one factor m_j ~ U[0, 1] per cell scales that cell's {@link Perturbation}, and each cell's total Sobol
 * index ST_j says how much of the variance of the target's score (a class logit, or a stage's output norm as in
 * the paper's section 3) the cell accounts for, interactions with every other cell included.
 *
 * <p>Built on the library's Sobol engine: the cells are the factors of a {@link Problem}, the design is its
 * Saltelli sample without second order (N = {@code designs} base points of a Sobol sequence of dimension 2·grid²,
 * rows A, AB_1 … AB_D, B per point: N·(D + 2) forward passes, 2,112 at the defaults), and the indices are SALib's
 * (Jansen's ST, Saltelli's S1) with bootstrap intervals, which cost nothing next to the passes. The masks are
 * upsampled by nearest neighbour; the maps come at cell resolution ({@code cellSize} input pixels per value;
 * {@code upsample} them for display).
 *
 * <pre>{@code
 * AttributionMaps maps = SobolAttribution.of(net).attribute(x, Target.classLogit(labels));
 * }</pre>
 *
 * Immutable: every setter returns a new configuration. Defaults: grid 8, 32 designs, inpainting to 0, SALib's
 * bootstrap (100 resamples, 95 %).
 */
public final class SobolAttribution implements Attribution {
    /** Xplique's defaults. */
    public static final int DEFAULT_GRID = 8;
    public static final int DEFAULT_DESIGNS = 32;

    private final CellMasking masking;
    private final int designs;
    private final SobolOptions options;

    private SobolAttribution(CellMasking masking, int designs, SobolOptions options) {
        if (designs < 2) {
            throw new IllegalArgumentException("designs = " + designs
                    + " is too few: the estimators need at least 2 base"
                    + " points; use a power of two such as " + DEFAULT_DESIGNS);
        }
        if (Integer.bitCount(designs) != 1) {
            throw new IllegalArgumentException("designs = " + designs + " is not a power of two: the Sobol sequence is"
                    + " balanced only for 2^k points; use " + Integer.highestOneBit(designs) + " or "
                    + (Integer.highestOneBit(designs) << 1));
        }
        this.masking = masking;
        this.designs = designs;
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Sobol maps of {@code net} with the defaults above. */
    public static SobolAttribution of(StagedNetwork net) {
        return new SobolAttribution(CellMasking.defaults(net, DEFAULT_GRID), DEFAULT_DESIGNS, SobolOptions.DEFAULT);
    }

    /** Cells per side of the grid; it must divide the image size. */
    public SobolAttribution grid(int side) {
        return new SobolAttribution(masking.withGrid(side), designs, options);
    }

    /** N, base points of the design: a power of two; the network runs N·(grid² + 2) times per image. */
    public SobolAttribution designs(int n) {
        return new SobolAttribution(masking, n, options);
    }

    /** How a cell's factor perturbs it: {@link Perturbation#inpainting()}, blurring, amplitude, …. */
    public SobolAttribution perturbation(Perturbation perturbation) {
        return new SobolAttribution(masking.withPerturbation(perturbation), designs, options);
    }

    /** The bootstrap of the intervals (resamples, confidence, seed). */
    public SobolAttribution options(SobolOptions value) {
        return new SobolAttribution(masking, designs, value);
    }

    /** Perturbed copies per forward pass (0: automatic). */
    public SobolAttribution batchSize(int rows) {
        return new SobolAttribution(masking.withBatchSize(rows), designs, options);
    }

    /** Receives a line per image (time taken), e.g. {@code System.out::println} in a notebook. */
    public SobolAttribution progress(Consumer<String> sink) {
        return new SobolAttribution(masking.withProgress(sink), designs, options);
    }

    /** What the maps are made with: grid, designs, perturbation, bootstrap. */
    public SobolSettings settings() {
        return new SobolSettings(masking.grid(), designs, masking.perturbation(), options);
    }

    /**
     * The mask rows every image is evaluated on, row-major with one value per cell of {@code grid}: the Saltelli
     * sample of the cells without second order, rows A, AB_1 … AB_D, B for each of the N base points.
     */
    public double[] design(CellGrid grid) {
        SaltelliSample sample = sobol(grid).sample();
        double[] rows = new double[Math.toIntExact(sample.rows() * grid.cells())];
        sample.fill(0, designs, rows);
        return rows;
    }

    /** The engine's analysis of the cells of {@code grid}: each uniform on [0, 1], no second order. */
    private Sobol sobol(CellGrid grid) {
        double[] zeros = new double[grid.cells()];
        double[] ones = new double[grid.cells()];
        Arrays.fill(ones, 1);
        return Sobol.of(Problem.of(grid.cellNames(), zeros, ones)).secondOrder(false).samples(designs).options(options);
    }

    /** The maps of total indices ST per cell. */
    @Override
    public AttributionMaps attribute(NDArray inputs, Target target) {
        return analyze(inputs, target).totals();
    }

    /** Total and first-order indices per cell with the totals' intervals, and every image's {@link SobolResult}. */
    public SobolMaps analyze(NDArray inputs, Target target) {
        Images in = Images.of(inputs);
        CellGrid grid = masking.gridFor(in);
        Sobol sobol = sobol(grid);
        double[] design = design(grid);
        List<List<SobolResult>> results = masking.run(in, target, design, (rows, scores) -> sobol.analyze(scores));
        SobolSettings settings = settings();
        return new SobolMaps(
                masking.maps("Sobol total index", settings, in, target, results, SobolResult::st),
                masking.maps("Sobol first-order index", settings, in, target, results, SobolResult::s1),
                masking.maps("Sobol total index, interval half-width", settings, in, target, results,
                        SobolResult::stConf),
                results);
    }
}
