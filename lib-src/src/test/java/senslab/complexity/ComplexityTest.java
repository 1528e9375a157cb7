package senslab.complexity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import senslab.attribution.AttributionMaps;
import senslab.attribution.MapSettings;
import senslab.attribution.Target;
import senslab.metric.Batch;
import senslab.metric.Better;
import senslab.metric.Method;
import senslab.metric.MetricNets;

class ComplexityTest {
    private static final int SIDE = 4;
    private static final int N = SIDE * SIDE;

    /** Three maps of one channel: one-hot (value −3: signs do not count), constant, and 1, 2, …, n. */
    private static AttributionMaps maps() {
        float[] oneHot = new float[N];
        oneHot[5] = -3;
        float[] constant = new float[N];
        Arrays.fill(constant, 0.7f);
        float[] ramp = new float[N];
        for (int k = 0; k < N; k++) {
            ramp[k] = k + 1;
        }
        return AttributionMaps.of("hand", MapSettings.described("hand"), Target.classLogit(0), List.of("class"),
                List.of(AttributionMaps.ALL_CHANNELS), SIDE, SIDE, 1, new float[][][] {{oneHot}, {constant}, {ramp}});
    }

    private static double[] score(MapMeasure metric) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Batch batch = new Batch(MetricNets.images(manager, 3, 0), Target.classLogit(0), 0);
            return metric.score(Method.of("hand", new MetricNets.Identity()), maps(), batch);
        }
    }

    @Test
    void giniIsOneMinusOneOverNForOneHotAndZeroForAConstantMap() {
        double[] gini = score(new Sparseness());
        assertEquals(1 - 1.0 / N, gini[0], 1e-12);
        assertEquals(0, gini[1], 1e-12);
        // 1 … n: G = (n − 1) / (3n) (Σ (2i − n − 1)·i = n(n² − 1)/3 over Σ i = n(n + 1)/2)
        assertEquals((N - 1) / (3.0 * N), gini[2], 1e-12);
        assertEquals(Better.HIGHER, new Sparseness().better());
    }

    @Test
    void entropyIsLogNForAUniformMapAndZeroForOneHot() {
        double[] entropy = score(new Complexity());
        assertEquals(0, entropy[0], 1e-12);
        assertEquals(Math.log(N), entropy[1], 1e-12);
        double total = N * (N + 1) / 2.0;
        double expected = 0;
        for (int i = 1; i <= N; i++) {
            expected -= i / total * Math.log(i / total);
        }
        assertEquals(expected, entropy[2], 1e-12);
        assertEquals(Better.LOWER, new Complexity().better());
    }
}
