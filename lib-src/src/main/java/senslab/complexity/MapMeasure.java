package senslab.complexity;

import senslab.attribution.AttributionMaps;
import senslab.metric.Batch;
import senslab.metric.Method;
import senslab.metric.Metric;

/** What the complexity metrics share: a number per map from the absolute values of the map alone. */
abstract class MapMeasure implements Metric {

    /** The number of one map, from |s| over all its channels and pixels. */
    abstract double measure(double[] magnitudes);

    @Override
    public String family() {
        return "complexity";
    }

    @Override
    public double[] score(Method method, AttributionMaps maps, Batch batch) {
        double[] scores = new double[maps.images()];
        String label = maps.labels().get(0);
        for (int image = 0; image < scores.length; image++) {
            float[] values = maps.values(image, label);
            double[] magnitudes = new double[values.length];
            for (int j = 0; j < values.length; j++) {
                magnitudes[j] = Math.abs(values[j]);
            }
            scores[image] = measure(magnitudes);
        }
        return scores;
    }
}
