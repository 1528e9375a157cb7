package senslab.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import senslab.sobol.Convergence;
import senslab.sobol.Estimates;
import senslab.sobol.SobolResult;

/** The charts of the paper's section 2 (Figures 1–4), built from Sobol results. */
public final class SobolPlots {
    private static final Color S1_COLOR = ChartStyle.COLORS.get(0);
    private static final Color ST_COLOR = ChartStyle.COLORS.get(1);

    private SobolPlots() {
    }

    /** Figure 1: S1 and ST per input as bars with their confidence intervals as error bars. */
    public static CategoryChart indices(SobolResult r) {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(450)
                .title("Sobol indices S1 and ST of the output (N = " + r.baseSize() + ")")
                .xAxisTitle("input").yAxisTitle("index").build();
        chart.addSeries("S1", r.names(), boxed(r.s1()), boxed(r.s1Conf())).setFillColor(S1_COLOR);
        chart.addSeries("ST", r.names(), boxed(r.st()), boxed(r.stConf())).setFillColor(ST_COLOR);
        chart.getStyler().setErrorBarsColor(Color.BLACK);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisLabelRotation(30);
        ChartStyle.apply(chart);
        return chart;
    }

    /** Figure 2: the second-order indices S2 of every pair of inputs as a heat map (upper triangle). */
    public static HeatMapChart secondOrder(SobolResult r) {
        double[][] s2 = r.s2();
        List<String> names = r.names();
        List<Number[]> cells = new ArrayList<>();
        double max = 0;
        for (int j = 0; j < names.size(); j++) {
            for (int k = j + 1; k < names.size(); k++) {
                cells.add(new Number[] {k, j, s2[j][k]});
                max = Math.max(max, Math.abs(s2[j][k]));
            }
        }
        max = Math.max(0.01, Math.ceil(max * 100) / 100); // a round, symmetric colour scale
        HeatMapChart chart = new HeatMapChartBuilder().width(800).height(700)
                .title("Second-order Sobol indices S2 (N = " + r.baseSize() + ")").build();
        chart.addSeries("S2", names, names, cells);
        chart.getStyler().setShowValue(true).setHeatMapValueDecimalPattern("0.000").setMin(-max).setMax(max)
                .setValueFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 10))
                .setRangeColors(new Color[] {new Color(59, 76, 192), Color.WHITE, new Color(180, 4, 38)});
        chart.getStyler().setXAxisLabelRotation(30);
        ChartStyle.apply(chart);
        return chart;
    }

    /**
     * One measure of every output and input of an estimator's results (e.g. ST of a network's output and hidden
     * units, S1 of a data set's outcome beside a model's) as a heat map: one row per output, one column per input.
     */
    public static HeatMapChart outputs(Estimates e, String measure) {
        List<String> inputs = e.inputs();
        List<String> outputs = e.outputs();
        List<Number[]> cells = new ArrayList<>();
        double max = 0;
        double min = 0;
        for (int o = 0; o < outputs.size(); o++) {
            double[] v = e.values(outputs.get(o), measure);
            for (int i = 0; i < inputs.size(); i++) {
                cells.add(new Number[] {i, o, v[i]});
                max = Math.max(max, Math.abs(v[i]));
                min = Math.min(min, v[i]);
            }
        }
        // a round scale: white at 0 up to red, and blue below 0 only where a value is clearly negative (μ of Morris)
        max = Math.max(0.01, Math.ceil(max * 100) / 100);
        boolean signed = min < -0.01 * max;
        Color[] colors = signed ? new Color[] {new Color(59, 76, 192), Color.WHITE, new Color(180, 4, 38)}
                : new Color[] {Color.WHITE, new Color(180, 4, 38)};
        HeatMapChart chart = new HeatMapChartBuilder().width(900).height(Math.max(300, 120 + 28 * outputs.size()))
                .title(e.method() + ": " + measure + " (N = " + String.format(java.util.Locale.ROOT, "%,d", e.size())
                        + ")").build();
        chart.addSeries(measure, inputs, outputs, cells);
        chart.getStyler().setShowValue(true).setHeatMapValueDecimalPattern("0.00").setMin(signed ? -max : 0)
                .setMax(max).setValueFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 10))
                .setRangeColors(colors);
        chart.getStyler().setXAxisLabelRotation(30);
        ChartStyle.apply(chart);
        return chart;
    }

    /** Figure 3: the first hidden layer's sensitivity to each input (the +1 % rule), as bars. */
    public static CategoryChart hiddenLayer(List<String> names, double[] sensitivity) {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(450)
                .title("S1 for the first hidden layer: mean ‖fc1(x + 1 % x_i) − fc1(x)‖₂")
                .xAxisTitle("input").yAxisTitle("sensitivity").build();
        chart.addSeries("first hidden layer", names, boxed(sensitivity)).setFillColor(S1_COLOR);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(30);
        ChartStyle.apply(chart);
        return chart;
    }

    /**
     * Figure 4: for each input, S1 and ST against N (logarithmic) with their confidence intervals as shaded
     * bands, one small chart per input.
     */
    public static List<XYChart> convergence(Convergence c) {
        double[] n = Arrays.stream(c.sizes()).asDoubleStream().toArray();
        List<String> names = c.last().names();
        List<XYChart> charts = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            int input = i;
            XYChart chart = new XYChartBuilder().width(420).height(300).title(names.get(i))
                    .xAxisTitle("N").yAxisTitle("index").build();
            double[] s1 = c.results().stream().mapToDouble(r -> r.s1()[input]).toArray();
            double[] s1Conf = c.results().stream().mapToDouble(r -> r.s1Conf()[input]).toArray();
            double[] st = c.results().stream().mapToDouble(r -> r.st()[input]).toArray();
            double[] stConf = c.results().stream().mapToDouble(r -> r.stConf()[input]).toArray();
            band(chart, "S1 interval", n, s1, s1Conf, S1_COLOR);
            band(chart, "ST interval", n, st, stConf, ST_COLOR);
            line(chart, "S1", n, s1, S1_COLOR);
            line(chart, "ST", n, st, ST_COLOR);
            chart.getStyler().setXAxisLogarithmic(true);
            chart.getStyler().setLegendVisible(i == 0);
            chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
            ChartStyle.apply(chart);
            charts.add(chart);
        }
        return charts;
    }

    /** Charts drawn in a grid of {@code columns} columns, as one image (e.g. Figure 4's small multiples). */
    public static BufferedImage grid(List<? extends Chart<?, ?>> charts, int columns) {
        int w = charts.stream().mapToInt(Chart::getWidth).max().orElse(1);
        int h = charts.stream().mapToInt(Chart::getHeight).max().orElse(1);
        int rows = (charts.size() + columns - 1) / columns;
        BufferedImage image = new BufferedImage(w * columns, h * rows, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (int i = 0; i < charts.size(); i++) {
                g.drawImage(Figures.image(charts.get(i)), (i % columns) * w, (i / columns) * h, null);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void band(XYChart chart, String name, double[] x, double[] y, double[] conf, Color color) {
        double[] px = new double[2 * x.length];
        double[] py = new double[2 * x.length];
        for (int k = 0; k < x.length; k++) {
            px[k] = x[k];
            py[k] = y[k] - conf[k];
            px[2 * x.length - 1 - k] = x[k];
            py[2 * x.length - 1 - k] = y[k] + conf[k];
        }
        XYSeries s = chart.addSeries(name, px, py);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        s.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 60));
        s.setLineColor(new Color(0, 0, 0, 0));
        s.setMarker(SeriesMarkers.NONE);
        s.setShowInLegend(false);
    }

    private static void line(XYChart chart, String name, double[] x, double[] y, Color color) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setMarker(SeriesMarkers.CIRCLE);
    }

    private static List<Double> boxed(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
