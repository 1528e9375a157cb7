package senslab.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CorrelationTest {

    @Test
    void handValues() {
        float[] a = {1, 2, 3, 4, 5};
        assertEquals(1, Correlation.pearson(a, new float[] {3, 5, 7, 9, 11}), 1e-12);
        assertEquals(-1, Correlation.pearson(a, new float[] {5, 4, 3, 2, 1}), 1e-12);
        // a monotone, non-linear transform: ranks agree exactly, values do not
        float[] cubes = {1, 8, 27, 64, 125};
        assertEquals(1, Correlation.spearman(a, cubes), 1e-12);
        assertEquals(0.9431, Correlation.pearson(a, cubes), 1e-4);
        // ties share their average rank: ranks of {1, 1, 2} are {0.5, 0.5, 2}
        assertEquals(Math.sqrt(3) / 2, Correlation.spearman(new float[] {1, 1, 2}, new float[] {1, 2, 3}), 1e-6);
    }
}
