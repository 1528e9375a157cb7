package senslab.localisation;

import java.util.Objects;
import senslab.attribution.AttributionMaps;
import senslab.attribution.MapTransforms;
import senslab.metric.Batch;
import senslab.metric.Better;
import senslab.metric.Method;
import senslab.metric.Metric;

/**
 * What the localisation metrics share: each map, summed over channels and brought to the input's pixels, scored
 * against the image's true mask. Higher is better.
 */
abstract class MaskScore implements Metric {
    private final GroundTruth truth;

    MaskScore(GroundTruth truth) {
        this.truth = Objects.requireNonNull(truth, "truth");
    }

    /** The score of one map ({@code map[k]}, row-major over the pixels) against its mask (same order). */
    abstract double score(float[] map, boolean[] inside);

    @Override
    public String family() {
        return "localisation";
    }

    @Override
    public Better better() {
        return Better.HIGHER;
    }

    @Override
    public double[] score(Method method, AttributionMaps maps, Batch batch) {
        AttributionMaps pixels = MapTransforms.atCellSize(maps, 1);
        String label = pixels.labels().get(0);
        double[] scores = new double[pixels.images()];
        for (int image = 0; image < scores.length; image++) {
            boolean[][] mask = truth.mask(batch.firstImage() + image);
            if (mask.length != pixels.height() || mask[0].length != pixels.width()) {
                throw new IllegalArgumentException("the mask of image " + (batch.firstImage() + image) + " is "
                        + mask.length + "×" + mask[0].length + ", the maps cover " + pixels.height() + "×"
                        + pixels.width() + " pixels: give masks of the input's size");
            }
            boolean[] inside = new boolean[pixels.height() * pixels.width()];
            for (int h = 0; h < mask.length; h++) {
                System.arraycopy(mask[h], 0, inside, h * pixels.width(), pixels.width());
            }
            scores[image] = score(pixels.values(image, label), inside);
        }
        return scores;
    }
}
