package senslab.faithfulness;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import senslab.attribution.AttributionMaps;
import senslab.attribution.Target;
import senslab.image.Images;
import senslab.masking.CellGrid;
import senslab.masking.Inpainting;
import senslab.masking.MaskEvaluation;
import senslab.masking.Perturbation;
import senslab.metric.MethodRun;
import senslab.metric.Metric;
import senslab.models.StagedNetwork;
import senslab.stats.Correlation;

/**
 * How faithful maps are to the network they explain, scored by perturbing the image as the maps say and watching
 * the target's score (a class logit, or a stage's output norm). Maps are summed over channels and reduced to a grid
 * of cells; then, per image:
 * <ul>
 * <li><b>deletion</b> (Petsiuk et al., RISE, 2018): the cells are removed (set to the perturbation's baseline) one
 * at a time from the most important down; the area under the score curve over the fraction removed is low when
 * the map found what the score rests on;</li>
 * <li><b>insertion</b>: from the baseline image, the cells are revealed in the same order; a high area is good;</li>
 * <li><b>μ-fidelity</b> (Bhatt et al., 2020): random subsets of a fixed share of the cells are removed; the Pearson
 * correlation, over subsets, between the sum of the map over a subset and the drop of the score it causes (1: the
 * map predicts every drop; 0 for a constant map, which predicts nothing).</li>
 * </ul>
 * Everything is evaluated in batched passes through {@link MaskEvaluation}, one call per image for all maps; the
 * μ-fidelity subsets and the endpoints (nothing removed, everything removed) are shared by all maps.
 *
 * <p>Immutable: every setter returns a new configuration. Defaults: grid 8, inpainting to 0, 128 subsets of 20 %
 * of the cells, seed 0.
 */
public final class Faithfulness {
    /** The rows every map shares: the image itself, the image with every cell removed, then the μ-fidelity subsets. */
    private static final int KEPT = 0;
    private static final int REMOVED = 1;
    private static final int FIRST_SUBSET = 2;

    private final StagedNetwork net;
    private final FaithfulnessSettings settings;
    private final int batchSize;
    private final Consumer<String> progress;

    private Faithfulness(StagedNetwork net, FaithfulnessSettings settings, int batchSize, Consumer<String> progress) {
        if (settings.grid() < 1) {
            throw new IllegalArgumentException("grid must be at least 1 cell per side, got " + settings.grid());
        }
        if (settings.samples() < 2) {
            throw new IllegalArgumentException("μ-fidelity needs at least 2 subsets, got " + settings.samples());
        }
        if (!(settings.fraction() > 0 && settings.fraction() < 1)) {
            throw new IllegalArgumentException("the share of cells a subset removes must lie strictly between 0 and 1,"
                    + " e.g. 0.2, not " + settings.fraction());
        }
        this.net = Objects.requireNonNull(net, "net");
        this.settings = settings;
        this.batchSize = batchSize;
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** Scores maps of {@code net} with the defaults above. */
    public static Faithfulness of(StagedNetwork net) {
        return new Faithfulness(net, FaithfulnessSettings.DEFAULTS, 0, message -> { });
    }

    /** Cells per side; it must divide the image size, and the maps' resolution must fit it. */
    public Faithfulness grid(int side) {
        return new Faithfulness(net, settings.withGrid(side), batchSize, progress);
    }

    /**
     * What a removed cell becomes: a baseline to inpaint ({@link Perturbation#inpainting()}, a constant, a blurred
     * copy with {@link Perturbation#blurring}); inpainting leaves a kept cell exactly as it is.
     */
    public Faithfulness perturbation(Inpainting perturbation) {
        return new Faithfulness(net, settings.withPerturbation(perturbation), batchSize, progress);
    }

    /** μ-fidelity over {@code samples} random subsets, each removing {@code fraction} of the cells. */
    public Faithfulness muFidelity(int samples, double fraction) {
        return new Faithfulness(net, settings.withMuFidelity(samples, fraction), batchSize, progress);
    }

    /** The seed of the μ-fidelity subsets. */
    public Faithfulness seed(long seed) {
        return new Faithfulness(net, settings.withSeed(seed), batchSize, progress);
    }

    /** Perturbed copies per forward pass (0: automatic). */
    public Faithfulness batchSize(int rows) {
        return new Faithfulness(net, settings, rows, progress);
    }

    /** Receives a line per image. */
    public Faithfulness progress(Consumer<String> sink) {
        return new Faithfulness(net, settings, batchSize, sink);
    }

    /**
     * Deletion, insertion and μ-fidelity as metrics of an evaluation ({@code metric.Evaluation}), sharing one
     * evaluation per image; the μ-fidelity subsets of an image are drawn from the seed and the image itself.
     */
    public List<Metric> metrics() {
        FaithfulnessScorer scorer = new FaithfulnessScorer(this);
        return List.of(new Deletion(scorer), new Insertion(scorer), new MuFidelity(scorer));
    }

    /** What the maps are scored with: grid, baseline, μ-fidelity subsets. */
    public FaithfulnessSettings settings() {
        return settings;
    }

    /** Scores of untimed maps, named by their methods. */
    public FaithfulnessResult score(NDArray inputs, AttributionMaps... maps) {
        return evaluate(inputs, Arrays.stream(maps).map(m -> MethodRun.of(m.method(), m)).toList());
    }

    /**
     * Scores every run's maps of {@code inputs} (the images the maps were made for, as the network sees them);
     * all runs must explain the same target.
     */
    public FaithfulnessResult evaluate(NDArray inputs, List<MethodRun> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("give at least one method's maps to score");
        }
        if (runs.stream().map(MethodRun::name).distinct().count() != runs.size()) {
            throw new IllegalArgumentException("give every method its own name: "
                    + runs.stream().map(MethodRun::name).toList());
        }
        Images in = Images.of(inputs);
        Target target = runs.get(0).maps().target();
        for (MethodRun run : runs) {
            if (!run.maps().target().equals(target)) {
                throw new IllegalArgumentException("all maps must explain the same target: " + runs.get(0).name()
                        + " explains " + target + ", " + run.name() + " explains " + run.maps().target());
            }
            if (run.maps().images() != in.count()) {
                throw new IllegalArgumentException(run.name() + " has maps of " + run.maps().images() + " images for "
                        + in.count() + " inputs");
            }
        }
        CellGrid cells = new CellGrid(settings.grid(), in.height(), in.width());
        List<AttributionMaps> reduced = runs.stream().map(run -> cells.cellsOf(run.maps())).toList();
        List<String> labels = target.labels(net.stageNames());
        MaskEvaluation evaluation =
                new MaskEvaluation(net, target, cells, settings.perturbation(), batchSize, progress);
        int d = cells.cells();
        int removed = Math.max(1, (int) Math.round(settings.fraction() * d));
        CurveScores[][][] scores = new CurveScores[runs.size()][in.count()][labels.size()];
        for (int image = 0; image < in.count(); image++) {
            long start = System.nanoTime();
            int[][] subsets = subsets(d, removed, image);
            List<int[]> orders = new ArrayList<>(); // per map, then per label: the cells, most important first
            for (AttributionMaps maps : reduced) {
                for (String label : labels) {
                    orders.add(descending(maps.values(image, label)));
                }
            }
            double[] masks = masks(d, subsets, orders);
            double[][] y = evaluation.scores(in, image, masks, masks.length / d);
            for (int m = 0; m < runs.size(); m++) {
                for (int q = 0; q < labels.size(); q++) {
                    double[] score = y[q];
                    int curves = firstCurveRow(subsets.length, m * labels.size() + q, d);
                    float[] values = reduced.get(m).values(image, labels.get(q));
                    scores[m][image][q] = new CurveScores(curve(score, curves, d, true), curve(score, curves + d - 1, d,
                            false), muFidelity(values, subsets, score));
                }
            }
            progress.accept(String.format("faithfulness, image %d/%d: %d maps, %,d perturbed copies, %.1f s", image + 1,
                    in.count(), runs.size(), masks.length / d, (System.nanoTime() - start) / 1e9));
        }
        return new FaithfulnessResult(settings, runs, labels, scores);
    }

    /**
     * The mask rows of one image ({@code cells} values each): everything kept, everything removed, one row per
     * subset with its cells removed, then for every order the inner points k = 1 … cells − 1 of its deletion curve
     * (the first k cells removed) and then of its insertion curve (only the first k kept).
     */
    private static double[] masks(int cells, int[][] subsets, List<int[]> orders) {
        int inner = cells - 1;
        int rows = firstCurveRow(subsets.length, orders.size(), cells);
        double[] masks = new double[rows * cells];
        Arrays.fill(masks, 0, cells, 1);
        for (int s = 0; s < subsets.length; s++) {
            int row = (FIRST_SUBSET + s) * cells;
            Arrays.fill(masks, row, row + cells, 1);
            for (int j : subsets[s]) {
                masks[row + j] = 0;
            }
        }
        for (int o = 0; o < orders.size(); o++) {
            int[] order = orders.get(o);
            int base = firstCurveRow(subsets.length, o, cells);
            for (int k = 1; k <= inner; k++) {
                int deletion = (base + k - 1) * cells;
                int insertion = (base + inner + k - 1) * cells;
                Arrays.fill(masks, deletion, deletion + cells, 1);
                for (int t = 0; t < k; t++) {
                    masks[deletion + order[t]] = 0;
                    masks[insertion + order[t]] = 1;
                }
            }
        }
        return masks;
    }

    /** The row of the first inner point of the deletion curve of order {@code order}; its insertion curve follows. */
    private static int firstCurveRow(int subsets, int order, int cells) {
        return FIRST_SUBSET + subsets + order * 2 * (cells - 1);
    }

    /**
     * A deletion (or insertion) curve, k = 0 … cells, from the scores of all rows: its ends are the shared rows
     * (everything kept, everything removed), its inner points the {@code cells − 1} rows from {@code first}.
     */
    private static double[] curve(double[] score, int first, int cells, boolean deletion) {
        double[] curve = new double[cells + 1];
        curve[0] = deletion ? score[KEPT] : score[REMOVED];
        curve[cells] = deletion ? score[REMOVED] : score[KEPT];
        System.arraycopy(score, first, curve, 1, cells - 1);
        return curve;
    }

    /** The subsets of image {@code image}: {@code samples} sets of {@code size} distinct cells, from the seed. */
    private int[][] subsets(int cells, int size, int image) {
        SplittableRandom random = new SplittableRandom(settings.seed() * 1_000_003L + image);
        int[][] subsets = new int[settings.samples()][];
        int[] all = new int[cells];
        for (int s = 0; s < subsets.length; s++) {
            Arrays.setAll(all, j -> j);
            for (int t = 0; t < size; t++) { // a partial Fisher–Yates shuffle
                int pick = t + random.nextInt(cells - t);
                int swap = all[t];
                all[t] = all[pick];
                all[pick] = swap;
            }
            subsets[s] = Arrays.copyOf(all, size);
        }
        return subsets;
    }

    /** Correlation of the map's sum over each subset with the score's drop when the subset is removed. */
    private static double muFidelity(float[] values, int[][] subsets, double[] score) {
        float[] sums = new float[subsets.length];
        float[] drops = new float[subsets.length];
        for (int s = 0; s < subsets.length; s++) {
            double sum = 0;
            for (int j : subsets[s]) {
                sum += values[j];
            }
            sums[s] = (float) sum;
            drops[s] = (float) (score[KEPT] - score[FIRST_SUBSET + s]);
        }
        return constant(sums) || constant(drops) ? 0 : Correlation.pearson(sums, drops);
    }

    private static boolean constant(float[] v) {
        for (float x : v) {
            if (x != v[0]) {
                return false;
            }
        }
        return true;
    }

    /** Cells from the most important down; ties in cell order, so the order never depends on anything else. */
    static int[] descending(float[] values) {
        return java.util.stream.IntStream.range(0, values.length).boxed()
                .sorted((a, b) -> values[a] != values[b] ? Float.compare(values[b], values[a]) : Integer.compare(a, b))
                .mapToInt(Integer::intValue).toArray();
    }

    /**
     * The curves of one map on one image and label.
     *
     * @param deletion   the score with the k most important cells removed, k = 0 … cells
     * @param insertion  the score with only the k most important cells kept
     * @param muFidelity the correlation of subset sums with score drops
     */
    record CurveScores(double[] deletion, double[] insertion, double muFidelity) {
        double deletionAuc() {
            return area(deletion);
        }

        double insertionAuc() {
            return area(insertion);
        }

        /** The trapezoid area under a curve sampled at k / cells, k = 0 … cells. */
        static double area(double[] curve) {
            int steps = curve.length - 1;
            double sum = 0;
            for (int k = 0; k < steps; k++) {
                sum += (curve[k] + curve[k + 1]) / 2;
            }
            return sum / steps;
        }
    }
}
