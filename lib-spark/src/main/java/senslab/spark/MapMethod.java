package senslab.spark;

import ai.djl.ndarray.NDArray;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import senslab.attribution.Attribution;
import senslab.attribution.AttributionMaps;
import senslab.attribution.MapTransforms;
import senslab.attribution.MethodSettings;
import senslab.attribution.Target;
import senslab.models.StagedNetwork;
import senslab.perturb.Delta;
import senslab.perturb.Difference;
import senslab.perturb.FiniteDifferenceSettings;
import senslab.perturb.GradientModeSettings;
import senslab.perturb.PixelSensitivity;

/**
 * Which sensitivity maps a job computes, as a value that travels to the executors: the library's own settings of
 * {@link PixelSensitivity} ({@link FiniteDifferenceSettings}) or of its gradient mode ({@link GradientModeSettings}),
 * the stages mapped, and the cell size the maps are pixelized to before they are stored (the paper shows 4 × 4
 * cells). The one place where the job calls the library's maps ({@link Attribution#attribute}).
 *
 * <pre>{@code
 * MapMethod method = MapMethod.finiteDifferences().authorsDelta(0).stages("block1", "block5").cell(4);
 * }</pre>
 */
public final class MapMethod implements Serializable {
    private static final long serialVersionUID = 2L;

    /** Finite differences or the gradient mode, with all their values. */
    private final MethodSettings settings;
    private final List<String> stages;
    private final int cell;

    private MapMethod(MethodSettings settings, List<String> stages, int cell) {
        this.settings = settings;
        this.stages = List.copyOf(stages);
        this.cell = cell;
    }

    /** Finite differences (the paper's maps) with {@code settings}, every stage, 4 × 4 cells. */
    public static MapMethod of(FiniteDifferenceSettings settings) {
        return new MapMethod(Objects.requireNonNull(settings, "settings"), List.of(), 4);
    }

    /** The gradient mode with {@code settings}, every stage, 4 × 4 cells. */
    public static MapMethod of(GradientModeSettings settings) {
        return new MapMethod(Objects.requireNonNull(settings, "settings"), List.of(), 4);
    }

    /** Finite differences (the paper's maps) with the library's defaults: δ = 0.1, ‖B(x + δe) − B(x)‖₂, R, G, B. */
    public static MapMethod finiteDifferences() {
        return of(FiniteDifferenceSettings.DEFAULTS);
    }

    /** The gradient mode (first-order limit) with {@code probes} random projections drawn from {@code seed}. */
    public static MapMethod gradient(int probes, long seed) {
        return of(new GradientModeSettings(FiniteDifferenceSettings.DEFAULTS, probes, seed));
    }

    /** The same δ for every element ({@link Delta#fixed}). */
    public MapMethod delta(double value) {
        return withPerturbation(perturbation().withDelta(Delta.fixed(value)));
    }

    /** δ ~ N(−0.05, 0.1²) per element, as the authors drew it ({@link Delta#authors}). */
    public MapMethod authorsDelta(long seed) {
        return withPerturbation(perturbation().withDelta(Delta.authors(seed)));
    }

    /** The paper's printed formula ‖B(x + δe)‖₂ − ‖B(x)‖₂ ({@link Difference#OF_NORMS}) instead of the code's. */
    public MapMethod differenceOfNorms() {
        return withPerturbation(perturbation().withDifference(Difference.OF_NORMS));
    }

    /** Only these stages of the network. */
    public MapMethod stages(String... names) {
        if (names.length == 0) {
            throw new IllegalArgumentException("name at least one stage");
        }
        return new MapMethod(settings, List.of(names), cell);
    }

    /** Only these input channels (0 = R, 1 = G, 2 = B). */
    public MapMethod channels(int... chosen) {
        return withPerturbation(perturbation().withChannels(chosen));
    }

    /** Maps are stored averaged over cells of {@code size} × {@code size} pixels (1: every pixel). */
    public MapMethod cell(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("the cell size must be >= 1, got " + size);
        }
        return new MapMethod(settings, stages, size);
    }

    /** The cell size maps are stored at. */
    public int cellSize() {
        return cell;
    }

    /** The library's settings of the maps: {@link FiniteDifferenceSettings} or {@link GradientModeSettings}. */
    public MethodSettings settings() {
        return settings;
    }

    /**
     * The library's maps this stands for, on {@code net}, for calls whose first image is image {@code firstImage}
     * of the data set (random δ and probes are drawn per image of the set).
     */
    public Attribution on(StagedNetwork net, int firstImage) {
        PixelSensitivity pixel = PixelSensitivity.of(net).with(perturbation()).firstImage(firstImage);
        return settings instanceof GradientModeSettings g ? pixel.firstOrder(g.probes(), g.seed()) : pixel;
    }

    /** What the maps explain: each chosen stage's whole output (every stage when none is chosen). */
    public Target target() {
        return Target.stages(stages.toArray(String[]::new));
    }

    /** The stored maps of {@code images} (normalized, [N, C, H, W]): {@link #on} then pixelized to the cell size. */
    public AttributionMaps maps(StagedNetwork net, NDArray images, int firstImage) {
        AttributionMaps maps = settings instanceof GradientModeSettings
                ? Inference.oneGradientCollector(() -> on(net, firstImage).attribute(images, target()))
                : on(net, firstImage).attribute(images, target());
        return cell > 1 ? MapTransforms.pixelize(maps, cell) : maps;
    }

    private FiniteDifferenceSettings perturbation() {
        return settings instanceof GradientModeSettings g ? g.perturbation() : (FiniteDifferenceSettings) settings;
    }

    private MapMethod withPerturbation(FiniteDifferenceSettings value) {
        return new MapMethod(settings instanceof GradientModeSettings g ? g.withPerturbation(value) : value, stages,
                cell);
    }

    /** The settings in one line; the results folder is keyed by a digest of it. */
    @Override
    public String toString() {
        FiniteDifferenceSettings p = perturbation();
        String method = settings instanceof GradientModeSettings g
                ? "gradient mode, " + g.probes() + " probes, seed " + g.seed() : "finite differences";
        return method + ", " + delta(p.delta()) + ", "
                + (p.difference().equals(Difference.OF_NORMS) ? "difference of norms" : "norm of the difference")
                + ", stages " + (stages.isEmpty() ? "all" : String.join(" ", stages)) + ", channels "
                + Arrays.toString(p.channels()) + ", cells " + cell + "×" + cell;
    }

    private static String delta(Delta delta) {
        if (delta instanceof Delta.Normal n && n.sd() > 0) {
            return "δ ~ N(" + n.mean() + ", " + n.sd() + "²) seed " + n.seed();
        }
        if (delta instanceof Delta.Normal n) {
            return "δ = " + n.mean();
        }
        return delta instanceof Delta.Fixed f ? "δ = " + f.delta() : delta.toString();
    }
}
