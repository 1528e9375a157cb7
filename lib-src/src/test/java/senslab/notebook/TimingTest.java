package senslab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TimingTest {

    @Test
    void theWarmUpsRunFirstAndTheMedianIsOfTheTimedRunsOnly() {
        AtomicInteger calls = new AtomicInteger();
        // call k sleeps k ms after the 2 warm-ups (which sleep 50 ms, more than any timed run): median of 3, 4, 5 = 4
        double ms = Timing.medianMillis(2, 3, () -> {
            int k = calls.getAndIncrement();
            sleep(k < 2 ? 50 : k + 1);
        });
        assertEquals(5, calls.get());
        assertTrue(ms >= 4 && ms < 40, "median " + ms + " ms of runs of 3, 4 and 5 ms");
        assertThrows(IllegalArgumentException.class, () -> Timing.medianMillis(0, 0, () -> { }));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
