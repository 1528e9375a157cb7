package senslab.landscape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
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
    }
}
