package senslab.occlusion;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import senslab.attribution.AttributionMaps;
import senslab.attribution.CountsPasses;
import senslab.attribution.Target;
import senslab.image.Images;
import senslab.masking.CellGrid;
import senslab.masking.CellMasking;
import senslab.masking.Perturbation;
import senslab.models.StagedNetwork;

/**
 * Occlusion (Zeiler and Fergus 2014, "Visualizing and understanding convolutional networks"; Captum's
 * {@code Occlusion}): a square window slides over the image with a stride, every channel of it set to a baseline
 * value; a pixel's value is score(x) − score(occluded x), averaged over the windows that cover it (0 where none
 * does). The occluded copies are mask rows of the shared {@link CellMasking} evaluation, on a grid whose cells are
 * the largest squares that window, stride and image size are all made of, so one call runs them in batches.
 * One map per image and label, channel "all".
 *
 * <pre>{@code
 * AttributionMaps maps = Occlusion.of(net).window(4).stride(2).attribute(x, Target.classLogit(3));
 * }</pre>
 */
public final class Occlusion implements CountsPasses {
    private final CellMasking masking;
    private final OcclusionSettings settings;

    private Occlusion(CellMasking masking, OcclusionSettings settings) {
        this.masking = Objects.requireNonNull(masking, "masking");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Occlusion of {@code net} with {@link OcclusionSettings#DEFAULTS}. */
    public static Occlusion of(StagedNetwork net) {
        return new Occlusion(CellMasking.defaults(net, 1), OcclusionSettings.DEFAULTS);
    }

    /** All settings at once. */
    public Occlusion with(OcclusionSettings value) {
        return new Occlusion(masking, value);
    }

    /** The window's side in pixels. */
    public Occlusion window(int pixels) {
        return with(settings.withWindow(pixels));
    }

    /** Pixels between one window and the next, along rows and columns. */
    public Occlusion stride(int pixels) {
        return with(settings.withStride(pixels));
    }

    /** The value occluded pixels take, in the network's input space. */
    public Occlusion baseline(float value) {
        return with(settings.withBaseline(value));
    }

    /** Occluded copies per forward pass (0: automatic). */
    public Occlusion batchSize(int rows) {
        return new Occlusion(masking.withBatchSize(rows), settings);
    }

    /** Receives a line per image, e.g. {@code System.out::println}. */
    public Occlusion progress(Consumer<String> sink) {
        return new Occlusion(masking.withProgress(Objects.requireNonNull(sink, "sink")), settings);
    }

    /** The window, stride and baseline: what the maps record. */
    public OcclusionSettings settings() {
        return settings;
    }

    /** The image itself and one occluded copy per window position. */
    @Override
    public double forwardPassesPerMap(int height, int width) {
        return 1 + positions(height) * positions(width);
    }

    @Override
    public double backwardPassesPerMap(int height, int width) {
        return 0;
    }

    /** Window positions along a side of {@code pixels}. */
    private int positions(int pixels) {
        return (pixels - settings.window()) / settings.stride() + 1;
    }

    @Override
    public AttributionMaps attribute(NDArray inputs, Target target) {
        Images in = Images.of(inputs);
        int window = settings.window();
        if (window > in.height() || window > in.width()) {
            throw new IllegalArgumentException("window " + window + " is larger than the images (" + in.height() + "×"
                    + in.width() + "); use a window of at most " + Math.min(in.height(), in.width()));
        }
        int cell = gcd(gcd(window, settings.stride()), gcd(in.height(), in.width()));
        CellMasking run = masking.withGrid(in.height() / cell)
                .withPerturbation(Perturbation.inpainting(settings.baseline()));
        CellGrid grid = run.gridFor(in);
        int side = grid.side();
        int span = window / cell;
        int step = settings.stride() / cell;
        int positions = positions(in.height());
        int cells = grid.cells();
        // row 0 is x itself; then one row per window position, 0 on the window's cells
        double[] design = new double[(1 + positions * positions) * cells];
        double[] covering = new double[cells];
        Arrays.fill(design, 1);
        for (int p = 0; p < positions; p++) {
            for (int q = 0; q < positions; q++) {
                int row = 1 + p * positions + q;
                for (int i = p * step; i < p * step + span; i++) {
                    for (int j = q * step; j < q * step + span; j++) {
                        design[row * cells + i * side + j] = 0;
                        covering[i * side + j]++;
                    }
                }
            }
        }
        int rows = 1 + positions * positions;
        List<List<double[]>> results = run.run(in, target, design, (masks, scores) -> {
            double[] map = new double[cells];
            for (int r = 1; r < rows; r++) {
                double drop = scores[0] - scores[r];
                for (int k = 0; k < cells; k++) {
                    if (masks[r * cells + k] == 0) {
                        map[k] += drop;
                    }
                }
            }
            for (int k = 0; k < cells; k++) {
                map[k] = covering[k] > 0 ? map[k] / covering[k] : 0;
            }
            return map;
        });
        return run.maps("occlusion", settings, in, target, results, map -> map);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
