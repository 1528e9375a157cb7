package senslab.plot;

import java.awt.Color;
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
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import senslab.data.Dataset;
import senslab.landscape.NeuralSens;
import senslab.landscape.Quantity;
import senslab.landscape.Recording;
import senslab.landscape.Retrainings;
import senslab.stats.Correlation;

/** The charts of notebook 06: loss-landscape sensitivity against Spearman's ρ, and NeuralSens' α-curves. */
public final class LandscapePlots {
    private static final Color[] COLORS = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
        new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};

    private LandscapePlots() {
    }

    /** Spearman's ρ between every pair of columns, inputs and target, as a heat map on [−1, 1]. */
    public static HeatMapChart spearman(Dataset data) {
        List<String> names = new ArrayList<>(data.inputs());
        names.add("target");
        List<double[]> columns = new ArrayList<>();
        for (int j = 0; j < data.inputCount(); j++) {
            columns.add(data.column(j));
        }
        columns.add(data.y());
        List<Number[]> cells = new ArrayList<>();
        for (int a = 0; a < names.size(); a++) {
            for (int b = 0; b < names.size(); b++) {
                cells.add(new Number[] {a, b, a == b ? 1.0 : Correlation.spearman(columns.get(a), columns.get(b))});
            }
        }
        int side = Math.max(500, 60 * names.size() + 160);
        HeatMapChart chart = new HeatMapChartBuilder().width(side).height(side - 60)
                .title("Spearman's ρ, " + data.name()).build();
        chart.addSeries("ρ", names, names, cells);
        chart.getStyler().setShowValue(true).setHeatMapValueDecimalPattern("0.00").setMin(-1).setMax(1)
                .setValueFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 10))
                .setRangeColors(new Color[] {new Color(59, 76, 192), Color.WHITE, new Color(180, 4, 38)});
        chart.getStyler().setXAxisLabelRotation(30);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        return chart;
    }

    /**
     * One small chart per input: the quantity against the loss, one line per retraining (training runs from
     * right to left as the loss falls); titles give the input's ρ.
     */
    public static List<XYChart> series(Retrainings runs, Quantity quantity, double[] rho) {
        List<XYChart> charts = new ArrayList<>();
        List<String> inputs = runs.inputs();
        for (int j = 0; j < inputs.size(); j++) {
            XYChart chart = new XYChartBuilder().width(360).height(260)
                    .title(String.format("%s: %s (ρ = %+.2f)", inputs.get(j), quantity.name(), rho[j]))
                    .xAxisTitle("loss (falls ←)").yAxisTitle(quantity.name()).build();
            for (int r = 0; r < runs.runs().size(); r++) {
                Recording run = runs.runs().get(r);
                XYSeries s = chart.addSeries("seed " + run.seed(), run.loss(), run.series(quantity, j));
                s.setMarker(SeriesMarkers.NONE);
                s.setLineColor(COLORS[r % COLORS.length]);
            }
            chart.getStyler().setLegendVisible(j == 0);
            chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
            chart.getStyler().setChartBackgroundColor(Color.WHITE);
            charts.add(chart);
        }
        return charts;
    }

    /**
     * Per input, ρ beside the order-m quantities: S_m at the end of training (mean over retrainings, scaled so
     * that the largest |S_m| is 1), and the trends of S_m and A_m against −loss (mean over retrainings; an
     * undefined trend shows as 0).
     */
    public static CategoryChart rhoBeside(Retrainings runs, double[] rho, int order) {
        Quantity signed = Quantity.valueOf("S" + order);
        Quantity size = Quantity.valueOf("A" + order);
        double[] last = runs.meanAtEnd(signed);
        double largest = Arrays.stream(last).map(Math::abs).max().orElse(1);
        for (int j = 0; j < last.length; j++) {
            last[j] /= largest == 0 ? 1 : largest;
        }
        CategoryChart chart = new CategoryChartBuilder().width(900).height(420)
                .title("ρ with the target beside order-" + order + " quantities (mean of " + runs.runs().size()
                        + " retraining(s))")
                .xAxisTitle("input").yAxisTitle("value").build();
        chart.addSeries("ρ", runs.inputs(), boxed(rho)).setFillColor(COLORS[7]);
        chart.addSeries(signed.name() + " at the end (scaled)", runs.inputs(), boxed(last)).setFillColor(COLORS[0]);
        chart.addSeries("trend of " + signed.name(), runs.inputs(), boxed(runs.meanTrend(signed)))
                .setFillColor(COLORS[1]);
        chart.addSeries("trend of " + size.name(), runs.inputs(), boxed(runs.meanTrend(size))).setFillColor(COLORS[2]);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setXAxisLabelRotation(30);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        return chart;
    }

    /**
     * Per-pixel maps of square images (side × side inputs, row by row), side by side, each on its own
     * symmetric colour scale (blue negative, red positive); undefined values (NaN, e.g. ρ of a blank pixel)
     * show as 0.
     */
    public static java.awt.image.BufferedImage pixelMaps(java.util.Map<String, double[]> maps, int side) {
        List<HeatMapChart> charts = new ArrayList<>();
        List<Integer> axis = new ArrayList<>();
        for (int c = 0; c < side; c++) {
            axis.add(c);
        }
        for (java.util.Map.Entry<String, double[]> map : maps.entrySet()) {
            double[] v = map.getValue();
            if (v.length != side * side) {
                throw new IllegalArgumentException(map.getKey() + " has " + v.length + " values, not " + side + "×"
                        + side);
            }
            List<Number[]> cells = new ArrayList<>();
            double max = 0;
            for (int t = 0; t < v.length; t++) {
                double value = definedOrZero(v[t]);
                // heat map rows count upwards: put the image's first row at the top
                cells.add(new Number[] {t % side, side - 1 - t / side, value});
                max = Math.max(max, Math.abs(value));
            }
            HeatMapChart chart = new HeatMapChartBuilder().width(300).height(300).title(map.getKey()).build();
            chart.addSeries(map.getKey(), axis, axis, cells);
            chart.getStyler().setMin(-Math.max(max, 1e-300)).setMax(Math.max(max, 1e-300))
                    .setRangeColors(new Color[] {new Color(59, 76, 192), Color.WHITE, new Color(180, 4, 38)});
            chart.getStyler().setLegendVisible(false);
            chart.getStyler().setAxisTicksVisible(false);
            chart.getStyler().setChartBackgroundColor(Color.WHITE);
            charts.add(chart);
        }
        return SobolPlots.grid(charts, charts.size());
    }

    /** NeuralSens' α-curves (mean |∂f/∂x_j|^α)^(1/α), α = 1 … 15, one line per input. */
    public static XYChart alphaCurves(NeuralSens ns, String title) {
        XYChart chart = new XYChartBuilder().width(800).height(450).title("α-curves, " + title)
                .xAxisTitle("α").yAxisTitle("(mean |∂f/∂x|^α)^(1/α)").build();
        double[] alpha = new double[NeuralSens.MAX_ALPHA];
        for (int a = 0; a < alpha.length; a++) {
            alpha[a] = a + 1;
        }
        for (int j = 0; j < ns.inputs().size(); j++) {
            XYSeries s = chart.addSeries(ns.inputs().get(j), alpha, ns.alphaCurve(j));
            s.setLineColor(COLORS[j % COLORS.length]);
            s.setMarkerColor(COLORS[j % COLORS.length]);
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        return chart;
    }

    private static double definedOrZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    private static List<Double> boxed(double[] values) {
        return Arrays.stream(values).map(LandscapePlots::definedOrZero).boxed().toList();
    }
}
