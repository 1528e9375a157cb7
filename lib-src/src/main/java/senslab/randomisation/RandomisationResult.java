package senslab.randomisation;

import java.util.List;
import senslab.attribution.AttributionMaps;
import senslab.stats.Summary;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The maps of a model-randomisation cascade: the trained network's, then one set per step (step k: the top k + 1
 * stages randomised), with each map's Spearman ρ and SSIM to the trained network's map of the same image; the
 * maps are kept for the familiar strip (one column per randomised stage).
 */
public final class RandomisationResult {
    private final List<String> order;
    private final AttributionMaps original;
    private final List<AttributionMaps> steps;

    RandomisationResult(List<String> order, AttributionMaps original, List<AttributionMaps> steps) {
        this.order = List.copyOf(order);
        this.original = original;
        this.steps = List.copyOf(steps);
    }

    /** The stages, in the order they were randomised (the last stage first). */
    public List<String> order() {
        return order;
    }

    /** The maps of the trained network. */
    public AttributionMaps original() {
        return original;
    }

    /** The maps after step {@code step}: stages {@code order().get(0)} … {@code order().get(step)} randomised. */
    public AttributionMaps maps(int step) {
        return steps.get(step);
    }

    /** Spearman's ρ of each image's map after step {@code step} to its trained map. */
    public double[] spearman(int step) {
        return similarity(steps.get(step), MapSimilarity::spearman);
    }

    /** SSIM of each image's map after step {@code step} to its trained map. */
    public double[] ssim(int step) {
        return similarity(steps.get(step), MapSimilarity::ssim);
    }

    private double[] similarity(AttributionMaps maps, MapSimilarity.Measure measure) {
        double[] values = new double[original.images()];
        for (int image = 0; image < values.length; image++) {
            values[image] = measure.of(original, maps, image);
        }
        return values;
    }

    /**
     * One row per step: the stage randomised last, and the mean and 95 % half-width over the images of Spearman's ρ
     * and of SSIM to the trained maps (a first row, "none", compares the trained maps with themselves).
     */
    public Table table() {
        Table table = Table.create("cascading randomisation of " + original.method() + " (top down)").addColumns(
                IntColumn.create("step"), StringColumn.create("randomised down to"), DoubleColumn.create("Spearman ρ"),
                DoubleColumn.create("ρ ± 95 %"), DoubleColumn.create("SSIM"), DoubleColumn.create("SSIM ± 95 %"));
        for (int step = -1; step < steps.size(); step++) {
            AttributionMaps maps = step < 0 ? original : steps.get(step);
            double[] rho = similarity(maps, MapSimilarity::spearman);
            double[] ssim = similarity(maps, MapSimilarity::ssim);
            Summary r = Summary.of(rho);
            Summary s = Summary.of(ssim);
            table.intColumn("step").append(step + 1);
            table.stringColumn("randomised down to").append(step < 0 ? "none" : order.get(step));
            table.doubleColumn("Spearman ρ").append(r.mean());
            table.doubleColumn("ρ ± 95 %").append(r.halfWidth(0.95));
            table.doubleColumn("SSIM").append(s.mean());
            table.doubleColumn("SSIM ± 95 %").append(s.halfWidth(0.95));
        }
        return table;
    }
}
