package senslab.spark;

import ai.djl.ndarray.NDArray;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import senslab.attribution.Attribution;
import senslab.attribution.AttributionMaps;
import senslab.attribution.Target;
import senslab.models.StagedNetwork;
import senslab.perturb.Delta;
import senslab.perturb.Difference;
import senslab.perturb.PixelSensitivity;

/**
 * Which sensitivity maps a job computes, as plain values that travel to the executors: the library's
 * {@link PixelSensitivity} (finite differences, or its gradient mode), its δ, difference, stages and channels,
 * and the cell size the maps are pixelized to before they are stored (the paper shows 4 × 4 cells).
 * The one place where the job calls the library's maps ({@link Attribution#attribute}).
 *
 * <pre>{@code
 * MapMethod method = MapMethod.finiteDifferences().authorsDelta(0).stages("block1", "block5").cell(4);
 * }</pre>
 */
public final class MapMethod implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Object GRADIENT_COLLECTOR = new Object();

    private final int probes;
    private final long probeSeed;
    private final double deltaMean;
    private final double deltaSd;
    private final long deltaSeed;
    private final boolean ofNorms;
    private final List<String> stages;
    private final int[] channels;
    private final int cell;

    private MapMethod(int probes, long probeSeed, double deltaMean, double deltaSd, long deltaSeed, boolean ofNorms,
            List<String> stages, int[] channels, int cell) {
        this.probes = probes;
        this.probeSeed = probeSeed;
        this.deltaMean = deltaMean;
        this.deltaSd = deltaSd;
        this.deltaSeed = deltaSeed;
        this.ofNorms = ofNorms;
        this.stages = stages;
        this.channels = channels;
        this.cell = cell;
    }

    /**
     * Finite differences (the paper's maps) with the library's defaults: δ = 0.1, ‖B(x + δe) − B(x)‖₂, every stage, R,
     * G, B; 4 × 4 cells.
     */
    public static MapMethod finiteDifferences() {
        return new MapMethod(0, 0, 0.1, 0, 0, false, List.of(), new int[] {0, 1, 2}, 4);
    }

    /** The gradient mode (first-order limit) with {@code probes} random projections drawn from {@code seed}. */
    public static MapMethod gradient(int probes, long seed) {
        if (probes < 1) {
            throw new IllegalArgumentException("probes must be >= 1, got " + probes);
        }
        return finiteDifferences().with(probes, seed);
    }

    private MapMethod with(int probes, long probeSeed) {
        return new MapMethod(probes, probeSeed, deltaMean, deltaSd, deltaSeed, ofNorms, stages, channels, cell);
    }

    /** The same δ for every element ({@link Delta#fixed}). */
    public MapMethod delta(double value) {
        Delta.fixed(value);
        return new MapMethod(probes, probeSeed, value, 0, 0, ofNorms, stages, channels, cell);
    }

    /** δ ~ N(−0.05, 0.1²) per element, as the authors drew it ({@link Delta#authors}). */
    public MapMethod authorsDelta(long seed) {
        return new MapMethod(probes, probeSeed, -0.05, 0.1, seed, ofNorms, stages, channels, cell);
    }

    /**
     * The paper's printed formula ‖B(x + δe)‖₂ − ‖B(x)‖₂ ({@link Difference#OF_NORMS}) instead of the authors' code's.
     */
    public MapMethod differenceOfNorms() {
        return new MapMethod(probes, probeSeed, deltaMean, deltaSd, deltaSeed, true, stages, channels, cell);
    }

    /** Only these stages of the network. */
    public MapMethod stages(String... names) {
        if (names.length == 0) {
            throw new IllegalArgumentException("name at least one stage");
        }
        return new MapMethod(probes, probeSeed, deltaMean, deltaSd, deltaSeed, ofNorms, List.of(names), channels, cell);
    }

    /** Only these input channels (0 = R, 1 = G, 2 = B). */
    public MapMethod channels(int... chosen) {
        return new MapMethod(probes, probeSeed, deltaMean, deltaSd, deltaSeed, ofNorms, stages, chosen.clone(), cell);
    }

    /** Maps are stored averaged over cells of {@code size} × {@code size} pixels (1: every pixel). */
    public MapMethod cell(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("the cell size must be >= 1, got " + size);
        }
        return new MapMethod(probes, probeSeed, deltaMean, deltaSd, deltaSeed, ofNorms, stages, channels, size);
    }

    /** The cell size maps are stored at. */
    public int cellSize() {
        return cell;
    }

    /**
     * The library's maps this stands for, on {@code net}, for calls whose first image is image {@code firstImage}
     * of the data set (random δ and probes are drawn per image of the set).
     */
    public Attribution on(StagedNetwork net, int firstImage) {
        PixelSensitivity pixel = PixelSensitivity.of(net).firstImage(firstImage)
                .delta(deltaSd > 0 ? Delta.normal(deltaMean, deltaSd, deltaSeed) : Delta.fixed(deltaMean))
                .measure(ofNorms ? Difference.OF_NORMS : Difference.OF_OUTPUTS)
                .channels(channels);
        return probes > 0 ? pixel.firstOrder(probes, probeSeed) : pixel;
    }

    /** What the maps explain: each chosen stage's whole output (every stage when none is chosen). */
    public Target target() {
        return Target.stages(stages.toArray(String[]::new));
    }

    /** The stored maps of {@code images} (normalized, [N, C, H, W]): {@link #on} then pixelized to the cell size. */
    public AttributionMaps maps(StagedNetwork net, NDArray images, int firstImage) {
        AttributionMaps maps;
        if (probes > 0) {
            // DJL's PyTorch engine runs one gradient collector per JVM at a time: tasks sharing an executor take turns
            synchronized (GRADIENT_COLLECTOR) {
                maps = on(net, firstImage).attribute(images, target());
            }
        } else {
            maps = on(net, firstImage).attribute(images, target());
        }
        return cell > 1 ? maps.pixelize(cell) : maps;
    }

    @Override
    public String toString() {
        String delta = deltaSd > 0 ? "δ ~ N(" + deltaMean + ", " + deltaSd + "²) seed " + deltaSeed : "δ = "
                + deltaMean;
        return (probes > 0 ? "gradient mode, " + probes + " probes, seed " + probeSeed : "finite differences") + ", "
                + delta + ", " + (ofNorms ? "difference of norms" : "norm of the difference") + ", stages "
                + (stages.isEmpty() ? "all" : String.join(" ", stages)) + ", channels " + Arrays.toString(channels)
                + ", cells " + cell + "×" + cell;
    }
}
