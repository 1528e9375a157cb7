package senslab.plot;

import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import senslab.am.AmResult;

/** Charts of activation-maximization runs. */
public final class AmPlots {
    private AmPlots() {
    }

    /** A line chart of every target's activation over the steps of {@code result}, one series per label. */
    public static XYChart activation(AmResult result, String title, List<String> labels) {
        if (labels.size() != result.size()) {
            throw new IllegalArgumentException(labels.size() + " labels for " + result.size() + " targets");
        }
        XYChart chart = new XYChartBuilder().width(720).height(420).title(title)
                .xAxisTitle("step").yAxisTitle("target activation").build();
        chart.getStyler().setMarkerSize(0);
        for (int i = 0; i < result.size(); i++) {
            float[] trace = result.activation(i);
            double[] x = new double[trace.length];
            double[] y = new double[trace.length];
            for (int t = 0; t < trace.length; t++) {
                x[t] = t;
                y[t] = trace[t];
            }
            chart.addSeries(labels.get(i), x, y);
        }
        return chart;
    }
}
