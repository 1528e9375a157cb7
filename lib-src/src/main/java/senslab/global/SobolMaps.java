package senslab.global;

import java.util.List;
import java.util.stream.DoubleStream;
import senslab.attribution.AttributionMaps;
import senslab.sobol.SobolResult;

/**
 * What a {@link SobolAttribution} analysis gives: maps of the total indices ST (the attribution), of the
 * first-order indices S1 (ST − S1 is what a cell owes to interactions) and of the half-widths of the ST
 * intervals, each at cell resolution; and the full {@link SobolResult} (a table per cell) of every image and label.
 *
 * @param results {@code results.get(image).get(label)}
 */
public record SobolMaps(AttributionMaps totals, AttributionMaps firstOrder, AttributionMaps totalIntervals,
        List<List<SobolResult>> results) {

    public SobolMaps {
        results = results.stream().map(List::copyOf).toList();
    }

    /** The indices of one image and label, one row per cell ({@code r0c0}, …): S1, S1_conf, ST, ST_conf. */
    public SobolResult result(int image, int label) {
        return results.get(image).get(label);
    }

    /**
     * How much of label {@code label}'s variance lives in interactions, as means over the images: the sums over the
     * cells of ST and of S1 (an additive network has both equal to 1; interactions raise Σ ST above 1 and lower
     * Σ S1 below it) and the mean half-width of a cell's 95 % interval for each.
     */
    public Interactions interactions(int label) {
        int images = results.size();
        double total = 0;
        double first = 0;
        double totalWidth = 0;
        double firstWidth = 0;
        for (int i = 0; i < images; i++) {
            SobolResult r = result(i, label);
            total += DoubleStream.of(r.st()).sum() / images;
            first += DoubleStream.of(r.s1()).sum() / images;
            totalWidth += DoubleStream.of(r.stConf()).average().getAsDouble() / images;
            firstWidth += DoubleStream.of(r.s1Conf()).average().getAsDouble() / images;
        }
        return new Interactions(total, first, totalWidth, firstWidth);
    }

    /**
     * Means over the images of Σ ST and Σ S1 over the cells, and of a cell's interval half-width for each.
     *
     * @param totalSum            mean Σ ST: above 1 by what interactions add
     * @param firstOrderSum       mean Σ S1: below 1 by what interactions take
     * @param totalHalfWidth      mean half-width of a cell's ST interval
     * @param firstOrderHalfWidth mean half-width of a cell's S1 interval
     */
    public record Interactions(double totalSum, double firstOrderSum, double totalHalfWidth,
            double firstOrderHalfWidth) {
    }
}
