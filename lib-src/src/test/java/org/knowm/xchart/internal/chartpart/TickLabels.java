package org.knowm.xchart.internal.chartpart;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/** The tick labels XChart draws on a chart's axes (test helper: XChart keeps them package-private). */
public final class TickLabels {
    private TickLabels() {
    }

    /** The x axis's labels, as drawn at the chart's size. */
    public static List<String> x(Chart<?, ?> chart) {
        paint(chart);
        return chart.getAxisPair().getXAxis().getAxisTickCalculator().getTickLabels();
    }

    /** The (first) y axis's labels, as drawn at the chart's size. */
    public static List<String> y(Chart<?, ?> chart) {
        paint(chart);
        return chart.getAxisPair().getYAxis().getAxisTickCalculator().getTickLabels();
    }

    private static void paint(Chart<?, ?> chart) {
        BufferedImage image = new BufferedImage(chart.getWidth(), chart.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            chart.paint(g, chart.getWidth(), chart.getHeight());
        } finally {
            g.dispose();
        }
    }
}
