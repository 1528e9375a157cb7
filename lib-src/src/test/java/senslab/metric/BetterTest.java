package senslab.metric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import senslab.stats.Ranks;

class BetterTest {

    private static int[] ranks(Better better, double... means) {
        return Ranks.of(Arrays.stream(means).map(better::merit).toArray(), false);
    }

    @Test
    void eachDirectionRanksTheMeansItsOwnWay() {
        double[] means = {-0.9, 0.1, 0.5};
        assertArrayEquals(new int[] {3, 2, 1}, ranks(Better.HIGHER, means));
        assertArrayEquals(new int[] {1, 2, 3}, ranks(Better.LOWER, means));
        // a correlation of −0.9 is as far from "no correlation" as 0.9: last, not first
        assertArrayEquals(new int[] {3, 1, 2}, ranks(Better.NEARER_ZERO, means));
    }

    @Test
    void anIntervalsWorstAndBestMeritAreItsEndsAndZeroWhenItHoldsZero() {
        assertEquals(0.2, Better.HIGHER.worstMerit(0.2, 0.6));
        assertEquals(-0.6, Better.LOWER.worstMerit(0.2, 0.6));
        assertEquals(-0.7, Better.NEARER_ZERO.worstMerit(-0.7, 0.3));
        assertEquals(0.0, Better.NEARER_ZERO.bestMerit(-0.7, 0.3));
        assertEquals(-0.2, Better.NEARER_ZERO.bestMerit(-0.6, -0.2));
        assertEquals(-0.2, Better.LOWER.bestMerit(0.2, 0.6));
    }

    @Test
    void aTablesWordsNameTheDirectionBack() {
        for (Better better : Better.values()) {
            assertEquals(better, Better.named(better.toString()));
        }
        assertThrows(IllegalArgumentException.class, () -> Better.named("sideways"));
    }
}
