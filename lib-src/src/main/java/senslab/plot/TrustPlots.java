package senslab.plot;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;
import senslab.attribution.AttributionMaps;
import senslab.metric.EvaluationScores;
import senslab.randomisation.RandomisationResult;
import senslab.stats.Summary;
import tech.tablesaw.api.Table;

/**
 * The pictures of "which map to trust?" (notebook 09): the sanity check's familiar strip (Adebayo et al. 2018,
 * Figure 2: a row per method, the trained network's map, then the map after each further stage is randomised from
 * the top down), the mean similarity to the trained maps along the cascade, and every metric's means with their
 * 95 % intervals over images, a chart per metric.
 */
public final class TrustPlots {
    private static final int TILE = 72;

    private TrustPlots() {
    }

    /**
     * The strip for image {@code image} of the cascades ({@code picture} is that image): a row per method, the image,
     * its map on the trained network, then one column per randomised stage ("→ block3": every stage from the top down
     * to block3 random); each map is summed over channels and scaled to [0, 1] on its own, as in the paper.
     */
    public static BufferedImage cascade(Map<String, RandomisationResult> byMethod, BufferedImage picture,
            int image) {
        if (byMethod.isEmpty()) {
            throw new IllegalArgumentException("no cascades to draw");
        }
        List<String> methods = new ArrayList<>(byMethod.keySet());
        RandomisationResult first = byMethod.values().iterator().next();
        Map<String, List<BufferedImage>> columns = new LinkedHashMap<>();
        columns.put("image", Collections.nCopies(methods.size(), picture));
        columns.put("trained", methods.stream().map(m -> heatMap(byMethod.get(m).original(), picture, image))
                .toList());
        for (int step = 0; step < first.order().size(); step++) {
            int s = step;
            columns.put("→ " + first.order().get(step), methods.stream()
                    .map(m -> heatMap(byMethod.get(m).maps(s), picture, image)).toList());
        }
        return ImageGrid.table(methods, columns, TILE);
    }

    /** Mean Spearman ρ of every method's maps to its trained maps after each step of the cascade. */
    public static CategoryChart cascadeCurves(Map<String, RandomisationResult> byMethod, String network) {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(420)
                .title(network + ": cascading randomisation, mean Spearman ρ to the trained map")
                .xAxisTitle("randomised from the top down to").yAxisTitle("Spearman ρ").build();
        for (Map.Entry<String, RandomisationResult> entry : byMethod.entrySet()) {
            Table steps = entry.getValue().table();
            List<Double> rho = new ArrayList<>();
            steps.doubleColumn("Spearman ρ").forEach(v -> rho.add(Double.isNaN(v) ? null : v));
            chart.addSeries(entry.getKey(), steps.stringColumn("randomised down to").asList(), rho)
                    .setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        }
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setOverlapped(true);
        return ChartStyle.apply(chart);
    }

    /**
     * A bar chart per metric: every method's mean over the images with its 95 % Student-t interval as error bars
     * (methods a metric does not apply to, or could not score, are left out), laid out in {@code columns}
     * columns.
     */
    public static BufferedImage ranking(EvaluationScores scores, String network, int columns) {
        List<CategoryChart> charts = new ArrayList<>();
        for (String metric : scores.metrics()) {
            List<String> methods = new ArrayList<>();
            List<Double> means = new ArrayList<>();
            List<Double> halves = new ArrayList<>();
            for (String method : scores.methods()) {
                Summary summary = scores.applicable(method, metric) ? scores.summary(method, metric) : null;
                if (summary == null || Double.isNaN(summary.mean())) {
                    continue;
                }
                methods.add(method);
                means.add(summary.mean());
                halves.add(summary.n() > 1 ? summary.halfWidth(0.95) : 0.0);
            }
            if (methods.isEmpty()) {
                continue;
            }
            CategoryChart chart = new CategoryChartBuilder().width(420).height(340)
                    .title(network + ": " + metric).yAxisTitle("mean, 95 % interval").build();
            chart.addSeries(metric, methods, means, halves);
            chart.getStyler().setLegendVisible(false);
            chart.getStyler().setXAxisLabelRotation(45);
            charts.add(ChartStyle.apply(chart));
        }
        return SobolPlots.grid(charts, columns);
    }

    private static BufferedImage heatMap(AttributionMaps maps, BufferedImage picture, int image) {
        List<BufferedImage> pictures = Collections.nCopies(maps.images(), picture);
        return Overlay.on(pictures, maps, maps.labels().get(0), 0.0).get(image);
    }
}
