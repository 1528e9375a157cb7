package senslab.notebook;

import ai.djl.ndarray.NDArray;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import senslab.Profile;
import senslab.am.ActivationMaximization;
import senslab.am.AmResult;
import senslab.am.Objective;
import senslab.attribution.AttributionMaps;
import senslab.attribution.MapStatistics;
import senslab.attribution.Target;
import senslab.cam.GradCam;
import senslab.data.ImageSet;
import senslab.data.Normalization;
import senslab.faithfulness.Faithfulness;
import senslab.faithfulness.FaithfulnessResult;
import senslab.faithfulness.RandomAttribution;
import senslab.global.HsicAttribution;
import senslab.global.SobolAttribution;
import senslab.global.SobolMaps;
import senslab.masking.CellGrid;
import senslab.metric.MethodRun;
import senslab.models.StagedNetwork;
import senslab.perturb.Delta;
import senslab.perturb.PixelSensitivity;
import senslab.plot.ImageGrid;
import senslab.plot.Overlay;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Notebook 07's comparison on one network: the maps of every method of the library for the same images and
 * target, each timed (Sobol's total indices with their analysis kept, HSIC, finite differences with the authors' δ,
 * the gradient mode, Grad-CAM of one stage, and random cells as the chance level), with the profile's settings
 * (grid, designs, masks, channels, μ-fidelity subsets, AM steps); then their faithfulness, the figure of the maps
 * beside the class's AM image, and the sentences the notebook prints.
 *
 * <pre>{@code
 * MethodComparison vgg = MethodComparison.run("VGG-16", net, "block3", x, Target.classLogit(classes), profile,
 *         System.out::println);
 * FaithfulnessResult scores = vgg.faithfulness(x);
 * }</pre>
 */
public final class MethodComparison {
    private final String network;
    private final StagedNetwork net;
    private final Profile profile;
    private final Consumer<String> progress;
    private final List<MethodRun> runs;
    private final SobolMaps sobol;
    private final CellGrid cells;

    private MethodComparison(String network, StagedNetwork net, Profile profile, Consumer<String> progress,
            List<MethodRun> runs, SobolMaps sobol, CellGrid cells) {
        this.network = network;
        this.net = net;
        this.profile = profile;
        this.progress = progress;
        this.runs = List.copyOf(runs);
        this.sobol = sobol;
        this.cells = cells;
    }

    /**
     * Runs every method on {@code inputs} for {@code target}, naming the network {@code network} in progress lines
     * and sentences; Grad-CAM is taken at {@code camStage}.
     */
    public static MethodComparison run(String network, StagedNetwork net, String camStage, NDArray inputs,
            Target target, Profile profile, Consumer<String> progress) {
        Objects.requireNonNull(progress, "progress");
        int grid = profile.get(Profile.GLOBAL_GRID);
        List<MethodRun> runs = new ArrayList<>();
        progress.accept(network + ": Sobol");
        long start = System.nanoTime();
        SobolMaps sobol = SobolAttribution.of(net).grid(grid).designs(profile.get(Profile.SOBOL_DESIGNS))
                .progress(progress).analyze(inputs, target);
        runs.add(new MethodRun("Sobol", sobol.totals(), (System.nanoTime() - start) / 1e9));
        progress.accept(network + ": HSIC");
        runs.add(MethodRun.time("HSIC", HsicAttribution.of(net).grid(grid).samples(profile.get(Profile.HSIC_MASKS))
                .progress(progress), inputs, target));
        progress.accept(network + ": finite differences");
        PixelSensitivity local = PixelSensitivity.of(net)
                .channels(IntStream.range(0, profile.get(Profile.LOCAL_CHANNELS)).toArray()).delta(Delta.authors(0));
        runs.add(MethodRun.time("finite differences", local.progress(progress), inputs, target));
        runs.add(MethodRun.time("gradient mode", local.firstOrder(64, 0), inputs, target));
        runs.add(MethodRun.time("Grad-CAM " + camStage, new GradCam(net, camStage), inputs, target));
        runs.add(MethodRun.time("random", new RandomAttribution(net, grid, 0), inputs, target));
        CellGrid cells = new CellGrid(grid, (int) inputs.getShape().get(inputs.getShape().dimension() - 2),
                (int) inputs.getShape().get(inputs.getShape().dimension() - 1));
        return new MethodComparison(network, net, profile, progress, runs, sobol, cells);
    }

    /** Every method's maps with its time, in the order above. */
    public List<MethodRun> runs() {
        return runs;
    }

    /** The Sobol analysis behind the first maps: first-order indices, intervals, a table per image and label. */
    public SobolMaps sobol() {
        return sobol;
    }

    /** Deletion, insertion and μ-fidelity of every method's maps of {@code inputs}, with the profile's subsets. */
    public FaithfulnessResult faithfulness(NDArray inputs) {
        return Faithfulness.of(net).grid(cells.side())
                .muFidelity(profile.get(Profile.MU_FIDELITY_SUBSETS), 0.2).progress(progress).evaluate(inputs, runs);
    }

    /**
     * The figure: a row per image ({@code rowLabels}), the image, then every method's map of the class laid over it
     * (the random maps left out), then the AM image of the class (notebook 03's recipe from grey noise).
     */
    public BufferedImage figure(ImageSet images, List<String> rowLabels, Normalization normalization) {
        Map<String, List<BufferedImage>> columns = new LinkedHashMap<>();
        columns.put("image", images.images());
        runs.stream().filter(run -> !run.name().equals("random"))
                .forEach(run -> columns.put(run.name(), Overlay.on(images.images(), run.maps(), "class", 0.45)));
        AmResult am = ActivationMaximization.paperTv(net, normalization,
                Objective.classLogit(IntStream.range(0, images.classes().size()).toArray()))
                .steps(profile.get(Profile.AM_STEPS)).quiet().runFromNoise(7);
        columns.put("AM of the class", IntStream.of(images.labels()).mapToObj(am::image).toList());
        return ImageGrid.table(rowLabels, columns, 104);
    }

    /** How alike the methods rank the cells of the same image: Spearman's correlation of every pair, over the grid. */
    public Table agreement() {
        List<AttributionMaps> reduced = runs.stream().map(run -> cells.cellsOf(run.maps())).toList();
        Table table = Table.create(network + ": rank correlation of the maps over the cells")
                .addColumns(StringColumn.create("method", runs.stream().map(MethodRun::name).toList()));
        for (int b = 0; b < runs.size(); b++) {
            double[] column = new double[runs.size()];
            for (int a = 0; a < runs.size(); a++) {
                column[a] = MapStatistics.of(reduced.get(a)).rankCorrelation(reduced.get(b), "class");
            }
            table.addColumns(DoubleColumn.create(runs.get(b).name(), column));
        }
        return table;
    }

    /** What the Sobol maps say about interactions between cells, in one sentence. */
    public String interactions() {
        SobolMaps.Interactions i = sobol.interactions(0);
        return String.format("%s, mean over the images: Σ ST = %.2f, Σ S1 = %.2f (an additive network has both = 1;"
                + " interactions raise Σ ST above 1 and lower Σ S1 below it); mean 95 %% half-width per cell:"
                + " ST ±%.3f, S1 ±%.3f", network, i.totalSum(), i.firstOrderSum(), i.totalHalfWidth(),
                i.firstOrderHalfWidth());
    }

    /** The most faithful method overall, and Sobol's scores and time beside the chance level and the local maps. */
    public String verdict(FaithfulnessResult scores) {
        Table ranking = scores.ranking();
        List<String> methods = ranking.stringColumn("method").asList();
        int sobolRow = methods.indexOf("Sobol");
        int randomRow = methods.indexOf("random");
        return String.format("%s: most faithful overall %s; Sobol deletion AUC %.3g (random %.3g), insertion AUC %.3g"
                + " (random %.3g), μ-fidelity %.2f (random %.2f); Sobol took %.1f s per image, finite differences"
                + " %.1f s", network, methods.get(0), ranking.doubleColumn("deletion AUC").get(sobolRow),
                ranking.doubleColumn("deletion AUC").get(randomRow),
                ranking.doubleColumn("insertion AUC").get(sobolRow),
                ranking.doubleColumn("insertion AUC").get(randomRow), ranking.doubleColumn("μ-fidelity").get(sobolRow),
                ranking.doubleColumn("μ-fidelity").get(randomRow), ranking.doubleColumn("s per image").get(sobolRow),
                ranking.doubleColumn("s per image").get(methods.indexOf("finite differences")));
    }
}
