package senslab.landscape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import senslab.data.Dataset;
import senslab.data.Datasets;
import senslab.plot.Figures;
import senslab.plot.LandscapePlots;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/** The study of notebook 06 on a small run: its verdict follows the per-seed shares; its charts draw. */
class LandscapeStudyTest {
    private static final LandscapeStudy STUDY = LandscapeStudy.run(Datasets.synthetic(), 4,
            new GradientDescent(0.1, 15), new long[] {0, 1, 2}, line -> { });

    @Test
    void verdictFollowsThePerSeedShares() {
        Table perSeed = STUDY.agreement();
        Table verdict = LandscapeStudy.verdict(List.of(STUDY));
        assertEquals(Quantity.values().length, verdict.rowCount());
        for (Row row : verdict) {
            Table shares = perSeed.where(perSeed.stringColumn("quantity").isEqualTo(row.getString("quantity")));
            long above = shares.doubleColumn("share").asList().stream().filter(v -> v > 0.5).count();
            assertEquals(above + " of 3", row.getString("retrainings > 0.5"));
            assertEquals(above == 3 ? "holds" : above == 0 ? "fails" : "mixed", row.getString("reading"));
            assertEquals(shares.doubleColumn("share").mean(), row.getDouble("mean share"), 1e-15);
        }
        // synthetic: x1 (+0.80), x2 (−0.44), x4 (+0.20) pass |ρ| ≥ 0.1, two of them positive
        assertEquals(2.0 / 3, STUDY.oneSignBaseline(), 1e-15);
    }

    @Test
    void chartsDraw() {
        assertEquals(6, LandscapePlots.series(STUDY.runs(), Quantity.S2, STUDY.rho()).size());
        assertEquals(3, LandscapePlots.series(STUDY.runs(), Quantity.S2, STUDY.rho()).get(0).getSeriesMap().size(),
                "one line per retraining");
        for (int order = 1; order <= 3; order++) {
            BufferedImage bars = Figures.image(LandscapePlots.rhoBeside(STUDY.runs(), STUDY.rho(), order));
            assertTrue(bars.getWidth() > 0);
        }
        assertEquals(7, LandscapePlots.spearman(STUDY.data()).getSeriesMap().get("ρ").getHeatData().size() / 7);
        Figures.image(LandscapePlots.alphaCurves(STUDY.sens(), "test"));
        java.util.Map<String, double[]> maps = new java.util.LinkedHashMap<>();
        maps.put("with an undefined value", new double[] {1, Double.NaN, -2, 0.5});
        maps.put("constant", new double[4]);
        assertEquals(2 * 300, LandscapePlots.pixelMaps(maps, 2).getWidth(), "two 300-pixel maps side by side");
        assertThrows(IllegalArgumentException.class, () -> LandscapePlots.pixelMaps(java.util.Map.of("m",
                new double[3]), 2));
    }

    @Test
    void meansOverRetrainingsSkipUndefinedTrends() {
        // an input that is 0 in every row has constant (zero) derivatives: its trend is undefined
        double[][] x = new double[30][2];
        double[] y = new double[30];
        for (int k = 0; k < 30; k++) {
            x[k][0] = Math.sin(k);
            y[k] = 0.5 * x[k][0];
        }
        Retrainings runs = new GradientDescent(0.1, 10).retrain(s -> Mlp.xavier(s, 2, 3, 1),
                new Dataset("blank input", List.of("a", "blank"), x, y), new long[] {0, 1}, line -> { });
        assertTrue(Double.isNaN(runs.meanTrend(Quantity.S2)[1]));
        double mean = (runs.runs().get(0).trend(Quantity.S2, 0) + runs.runs().get(1).trend(Quantity.S2, 0)) / 2;
        assertEquals(mean, runs.meanTrend(Quantity.S2)[0], 1e-15);
        assertEquals(0, runs.meanAtEnd(Quantity.S2)[1], 0.0);
        assertTrue(runs.agreement(new double[] {0.05, 0.02}).doubleColumn("share").isMissing(0),
                "no input with |ρ| ≥ 0.1: no share");
    }
}
