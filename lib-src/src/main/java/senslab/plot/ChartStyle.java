package senslab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.series.AxesChartSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The look of the paper's figures for any XChart chart, and axes that read well. One call, after the series
 * are added (the tick labels depend on the data); it returns the chart, so a notebook cell can end with
 * {@code Figures.image(ChartStyle.apply(chart))}. The library's own charts ({@link SobolPlots}) come styled.
 *
 * <ul>
 *   <li>white background, matplotlib's colour cycle (the paper's figures were drawn with matplotlib), a
 *       light grid, a thin frame, plain sans-serif labels;</li>
 *   <li>round tick values on linear axes, each labelled with the digits it needs ({@code -2}, {@code 0.25});
 *       when an axis's values are all below 10⁻³ or reach 10⁵, labels in powers of ten ({@code 2.5×10⁻⁶}).</li>
 * </ul>
 * Series colours, markers and legend positions that a chart sets itself are kept.
 */
public final class ChartStyle {
    /** matplotlib's default colour cycle ("tab10"), which series take in turn. */
    public static final List<Color> COLORS = List.of(
            new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
            new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
            new Color(188, 189, 34), new Color(23, 190, 207));
    private static final Color TEXT = new Color(34, 34, 34);
    private static final Color FRAME = new Color(90, 90, 90);
    private static final Color GRID = new Color(229, 229, 229);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    private static final Font LABELS = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font AXIS_TITLES = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final MathContext DIGITS = new MathContext(12);
    /**
     * XChart puts an axis's ticks on the data's own x values when these are equally spaced, so a linspace gets
     * ticks such as -2.7437186241149902; one invisible point off that grid makes it choose round ticks instead.
     */
    private static final String ROUND_TICKS = "senslab: round x ticks";

    private ChartStyle() {
    }

    /** Styles {@code chart} in place and returns it. */
    public static <C extends Chart<?, ?>> C apply(C chart) {
        Styler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE).setChartFontColor(TEXT).setChartTitleFont(TITLE)
                .setChartTitleBoxVisible(false).setPlotBackgroundColor(Color.WHITE).setPlotBorderColor(FRAME)
                .setPlotBorderVisible(true).setLegendBackgroundColor(Color.WHITE).setLegendBorderColor(GRID)
                .setLegendFont(LABELS).setSeriesColors(COLORS.toArray(new Color[0]));
        if (styler instanceof AxesChartStyler axes) {
            axes.setPlotGridLinesColor(GRID).setPlotGridLinesStroke(new BasicStroke(1f))
                    .setAxisTickLabelsFont(LABELS).setAxisTickLabelsColor(TEXT).setAxisTitleFont(AXIS_TITLES)
                    .setAxisTickMarksColor(FRAME);
            // a heat map's cells are its grid
            axes.setPlotGridLinesVisible(!(styler instanceof HeatMapStyler));
        }
        if (chart instanceof XYChart xy) {
            readableAxes(xy);
        } else if (chart instanceof CategoryChart bars && !bars.getSeriesMap().isEmpty()) {
            if (!bars.getStyler().isYAxisLogarithmic()) {
                bars.getStyler().setyAxisTickLabelsFormattingFunction(tickLabels(yRange(bars.getSeriesMap().values())));
            }
        }
        return chart;
    }

    private static void readableAxes(XYChart chart) {
        Collection<XYSeries> series = chart.getSeriesMap().values().stream()
                .filter(s -> !s.getName().equals(ROUND_TICKS)).toList();
        if (series.isEmpty()) {
            return;
        }
        if (!chart.getStyler().isXAxisLogarithmic()) {
            double lo = series.stream().mapToDouble(XYSeries::getXMin).min().orElse(0);
            double hi = series.stream().mapToDouble(XYSeries::getXMax).max().orElse(0);
            chart.getStyler().setxAxisTickLabelsFormattingFunction(tickLabels(new double[] {lo, hi}));
            roundTicks(chart, series.iterator().next());
        }
        if (!chart.getStyler().isYAxisLogarithmic()) {
            chart.getStyler().setyAxisTickLabelsFormattingFunction(tickLabels(yRange(series)));
        }
    }

    private static void roundTicks(XYChart chart, XYSeries first) {
        double[] x = first.getXData();
        if (x.length < 2 || chart.getSeriesMap().containsKey(ROUND_TICKS)) {
            return;
        }
        XYSeries anchor =
                chart.addSeries(ROUND_TICKS, new double[] {(x[0] + x[1]) / 2}, new double[] {first.getYData()[0]});
        anchor.setMarker(SeriesMarkers.NONE);
        anchor.setLineColor(new Color(0, 0, 0, 0));
        anchor.setShowInLegend(false);
    }

    private static double[] yRange(Collection<? extends AxesChartSeries> series) {
        return new double[] {series.stream().mapToDouble(AxesChartSeries::getYMin).min().orElse(0),
            series.stream().mapToDouble(AxesChartSeries::getYMax).max().orElse(0)};
    }

    /** Tick labels for an axis over {@code range}: plain numbers, or in powers of ten for tiny or huge values. */
    static Function<Double, String> tickLabels(double[] range) {
        double magnitude = Math.max(Math.abs(range[0]), Math.abs(range[1]));
        boolean plain = magnitude == 0 || !Double.isFinite(magnitude) || (magnitude >= 1e-3 && magnitude < 1e5);
        int exponent = plain ? 0 : (int) Math.floor(Math.log10(magnitude));
        return value -> label(value, exponent);
    }

    /** {@code value} with the digits it needs, as a multiple of 10^exponent when that is not 0. */
    static String label(double value, int exponent) {
        String digits = plain(exponent == 0 ? value : value / Math.pow(10, exponent));
        return exponent == 0 || digits.equals("0") ? digits : digits + "×10" + superscript(exponent);
    }

    private static String plain(double value) {
        String s = new BigDecimal(value).round(DIGITS).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    private static String superscript(int exponent) {
        StringBuilder s = new StringBuilder();
        for (char c : Integer.toString(exponent).toCharArray()) {
            s.append(c == '-' ? '⁻' : "⁰¹²³⁴⁵⁶⁷⁸⁹".charAt(c - '0'));
        }
        return s.toString();
    }
}
