package senslab.plot;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.BiFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import senslab.faithfulness.FaithfulnessResult;

/** Charts of faithfulness scores: every method's mean deletion and insertion curves. */
public final class FaithfulnessPlots {
    private FaithfulnessPlots() {
    }

    /** The mean deletion curve of every method (first label): score against the fraction of cells removed. */
    public static XYChart deletion(FaithfulnessResult result) {
        return chart(result, "Deletion, most important cells first (lower: more faithful)", "fraction removed",
                (method, label) -> result.meanDeletionCurve(method, label));
    }

    /** The mean insertion curve of every method (first label): score against the fraction of cells revealed. */
    public static XYChart insertion(FaithfulnessResult result) {
        return chart(result, "Insertion, most important cells first (higher: more faithful)", "fraction revealed",
                (method, label) -> result.meanInsertionCurve(method, label));
    }

    /** Both charts side by side. */
    public static BufferedImage curves(FaithfulnessResult result) {
        return SobolPlots.grid(List.of(deletion(result), insertion(result)), 2);
    }

    private static XYChart chart(FaithfulnessResult result, String title, String axis,
            BiFunction<String, String, double[]> curve) {
        String label = result.labels().get(0);
        XYChart chart = new XYChartBuilder().width(640).height(400).title(title).xAxisTitle(axis)
                .yAxisTitle("score (" + label + "), mean over " + result.images() + " images").build();
        chart.getStyler().setMarkerSize(0);
        for (String method : result.methods()) {
            double[] y = curve.apply(method, label);
            double[] x = new double[y.length];
            for (int k = 0; k < y.length; k++) {
                x[k] = k / (double) (y.length - 1);
            }
            chart.addSeries(method, x, y);
        }
        return chart;
    }
}
