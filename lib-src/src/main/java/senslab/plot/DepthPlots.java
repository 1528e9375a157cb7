package senslab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.Table;

/**
 * How sensitivity changes with depth: the mean per stage on a log scale, one line per class, the mean over all
 * images with its interval as error bars, and a reference (e.g. the paper's nine-image means) beside them.
 */
public final class DepthPlots {
    private DepthPlots() {
    }

    /**
     * {@code byClass}: columns stage, class, mean; {@code overall}: stage, mean, low, high (stages in depth order);
     * {@code reference}: a value per stage of {@code overall}, or null.
     */
    public static XYChart meanByStage(String title, Table byClass, Table overall, double[] reference,
            String referenceName) {
        List<String> stages = overall.stringColumn("stage").asList();
        double[] x = new double[stages.size()];
        for (int s = 0; s < x.length; s++) {
            x[s] = s + 1;
        }
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle("stage")
                .yAxisTitle("mean sensitivity (log scale)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.setCustomXAxisTickLabelsFormatter(v -> {
            int s = (int) Math.round(v) - 1;
            return s >= 0 && s < stages.size() && Math.abs(v - s - 1) < 1e-9 ? stages.get(s) : "";
        });
        Map<String, double[]> perClass = new LinkedHashMap<>();
        for (int r = 0; r < byClass.rowCount(); r++) {
            perClass.computeIfAbsent(byClass.stringColumn("class").get(r), k -> new double[stages.size()])
                    [stages.indexOf(byClass.stringColumn("stage").get(r))] = byClass.doubleColumn("mean").get(r);
        }
        perClass.forEach((name, means) -> {
            XYSeries series = chart.addSeries(name, x, means);
            series.setMarker(SeriesMarkers.NONE);
            series.setLineStyle(new BasicStroke(1f));
        });
        double[] mean = overall.doubleColumn("mean").asDoubleArray();
        double[] low = overall.doubleColumn("low").asDoubleArray();
        double[] high = overall.doubleColumn("high").asDoubleArray();
        List<Double> half = new ArrayList<>();
        boolean drawable = true;
        for (int s = 0; s < mean.length; s++) {
            half.add((high[s] - low[s]) / 2);
            drawable &= low[s] > 0; // error bars below zero cannot be drawn on a log scale
        }
        XYSeries all = drawable
                ? chart.addSeries("all images (95 % interval)", x, mean,
                        half.stream().mapToDouble(Double::doubleValue).toArray())
                : chart.addSeries("all images", x, mean);
        all.setLineColor(Color.BLACK);
        all.setMarkerColor(Color.BLACK);
        all.setLineStyle(new BasicStroke(3f));
        chart.getStyler().setErrorBarsColor(Color.BLACK);
        if (reference != null) {
            XYSeries paper = chart.addSeries(referenceName, x, reference);
            paper.setLineColor(Color.RED);
            paper.setMarkerColor(Color.RED);
            paper.setMarker(SeriesMarkers.DIAMOND);
            paper.setLineStyle(
                    new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
        return chart;
    }
}
