package senslab.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import senslab.data.Datasets;

/** Spearman's ρ with average ranks for ties, and the data sets it is computed on. */
class SpearmanTest {
    @Test
    void tiesShareTheirAverageRank() {
        // hand-computed: ranks (0, 1.5, 1.5, 3) against (0, 1, 2, 3): ρ = 4.5 / √(4.5 · 5)
        assertEquals(4.5 / Math.sqrt(4.5 * 5),
                Correlation.spearman(new double[] {1, 2, 2, 3}, new double[] {10, 20, 30, 40}),
                1e-15);
        assertEquals(-1, Correlation.spearman(new double[] {1, 2, 3}, new double[] {9, 4, 1}), 1e-15);
        assertTrue(Double.isNaN(Correlation.spearman(new double[] {1, 1, 1}, new double[] {1, 2, 3})),
                "constant: undefined");
    }

    @Test
    void pimaTrainingRowsGiveTheIssuesCorrelations() {
        double[] rho = Datasets.pimaDiabetes().spearmanWithTarget();
        assertArrayEquals(new double[] {0.193392, 0.455847, 0.112440, 0.073878, 0.082258, 0.316161, 0.175010, 0.292465},
                rho, 5e-7);
    }

    @Test
    void badSeriesAreNamed() {
        assertThrows(IllegalArgumentException.class, () -> Correlation.spearman(new double[] {1, 2}, new double[] {1}));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> Correlation.spearman(new double[] {1, Double.NaN}, new double[] {1, 2}));
        assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
    }
}
