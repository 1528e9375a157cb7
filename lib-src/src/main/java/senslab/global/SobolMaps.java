package senslab.global;

import java.util.List;
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
}
