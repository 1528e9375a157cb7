package senslab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.TickLabels;

class ChartStyleTest {

    /** Notebook 00's chart: 200 float inputs from -6 to 6, the sigmoid and its slope. */
    private static XYChart sigmoid() {
        double[] x = new double[200];
        double[] y = new double[200];
        for (int i = 0; i < x.length; i++) {
            x[i] = -6f + 12f * i / 199f;
            y[i] = 1 / (1 + Math.exp(-x[i]));
        }
        XYChart chart = new XYChartBuilder().width(720).height(360).build();
        chart.addSeries("σ(x)", x, y);
        return chart;
    }

    @Test
    void xchartAloneLabelsEquallySpacedDataWithAllTheirDigits() {
        // the problem this class exists for: ticks on the data's own values, e.g. -2.7437186241149902
        assertTrue(TickLabels.x(sigmoid()).stream().anyMatch(l -> l.length() > 10), TickLabels.x(sigmoid()).toString());
    }

    @Test
    void styledAxesHaveRoundTicksWithShortLabels() {
        XYChart chart = ChartStyle.apply(sigmoid());
        assertRoundTicks(TickLabels.x(chart), -6, 6);
        assertRoundTicks(TickLabels.y(chart), 0, 1);
    }

    @Test
    void tinyAndHugeValuesAreLabelledInPowersOfTen() {
        CategoryChart chart = new CategoryChartBuilder().width(600).height(300).build();
        chart.addSeries("s", List.of("a", "b", "c"), List.of(1e-6, 2.5e-6, 3e-6));
        List<String> labels = TickLabels.y(ChartStyle.apply(chart));
        assertTrue(labels.contains("2×10⁻⁶"), labels.toString());
        assertTrue(labels.stream().allMatch(l -> l.equals("0") || l.endsWith("×10⁻⁶")), labels.toString());
        assertEquals("3.5×10⁵", ChartStyle.tickLabels(new double[] {120_000, 370_000}).apply(350_000.0));
    }

    @Test
    void labelsCarryTheDigitsTheyNeed() {
        assertEquals("-2", ChartStyle.label(-2.0, 0));
        assertEquals("0.3", ChartStyle.label(0.1 + 0.2, 0));
        assertEquals("0.25", ChartStyle.label(0.25, 0));
        assertEquals("0", ChartStyle.label(-0.0, 0));
        assertEquals("1×10⁻³", ChartStyle.label(0.001, -3));
        assertEquals("0", ChartStyle.label(0, -6));
    }

    @Test
    void coloursAChartSetsItselfAreKept() {
        XYChart chart = sigmoid();
        chart.getSeriesMap().get("σ(x)").setLineColor(Color.MAGENTA);
        ChartStyle.apply(chart);
        assertEquals(Color.MAGENTA, chart.getSeriesMap().get("σ(x)").getLineColor());
        assertEquals(Color.WHITE, chart.getStyler().getChartBackgroundColor());
    }

    /**
     * Labels that parse to evenly spaced multiples of 1, 2 or 5 × 10^k, covering [lo, hi] (XChart lists a tick past
     * each end).
     */
    private static void assertRoundTicks(List<String> labels, double lo, double hi) {
        assertTrue(labels.size() >= 3, labels.toString());
        double[] v = labels.stream().mapToDouble(Double::parseDouble).toArray();
        double step = v[1] - v[0];
        double decade = Math.pow(10, Math.floor(Math.log10(step)));
        double mantissa = step / decade;
        assertTrue(Math.abs(mantissa - 1) < 1e-9 || Math.abs(mantissa - 2) < 1e-9 || Math.abs(mantissa - 5) < 1e-9,
                "step " + step + " in " + labels);
        assertTrue(v[0] <= lo && v[v.length - 1] >= hi, labels.toString());
        for (int i = 0; i < v.length; i++) {
            assertEquals(v[0] + i * step, v[i], 1e-9 * step, labels.toString());
            assertEquals(Math.round(v[i] / step) * step, v[i], 1e-9 * step, "a multiple of the step: " + labels);
            assertTrue(labels.get(i).length() <= 4, labels.toString());
        }
    }
}
