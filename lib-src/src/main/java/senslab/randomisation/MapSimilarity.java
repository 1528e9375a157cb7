package senslab.randomisation;

import senslab.attribution.AttributionMaps;
import senslab.attribution.MapTransforms;
import senslab.stats.Correlation;

/** How alike two maps of the same image are: Spearman's ρ over every value, SSIM of the pictures they draw. */
final class MapSimilarity {
    private MapSimilarity() {
    }

    /** A similarity of the maps of one image in two sets of maps. */
    interface Measure {
        double of(AttributionMaps a, AttributionMaps b, int image);
    }

    /** Spearman's ρ of the maps of image {@code image} (label 0 of each), over every value; NaN for a constant map. */
    static double spearman(AttributionMaps a, AttributionMaps b, int image) {
        return Correlation.spearman(a.values(image, a.labels().get(0)), b.values(image, b.labels().get(0)));
    }

    /**
     * SSIM of the maps of image {@code image}, each summed over channels at the input's pixels (so that maps of a few
     * coarse cells, e.g. Grad-CAM of a deep stage, compare as the picture they draw).
     */
    static double ssim(AttributionMaps a, AttributionMaps b, int image) {
        AttributionMaps x = MapTransforms.atCellSize(a, 1);
        AttributionMaps y = MapTransforms.atCellSize(b, 1);
        return Ssim.of(x.values(image, x.labels().get(0)), y.values(image, y.labels().get(0)), x.height(),
                x.width());
    }
}
