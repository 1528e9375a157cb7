package senslab.robustness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import senslab.attribution.AttributionMaps;
import senslab.attribution.Target;
import senslab.faithfulness.RandomAttribution;
import senslab.gradient.Saliency;
import senslab.metric.Batch;
import senslab.metric.Method;
import senslab.metric.Metric;
import senslab.metric.MetricNets;
import senslab.models.StagedNetwork;

class SensitivityTest {
    private static final int IMAGES = 3;

    @Test
    void aMethodThatIgnoresItsInputHasNoSensitivity() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = MetricNets.cnn()) {
            NDArray x = MetricNets.images(manager, IMAGES, 6);
            Batch batch = new Batch(x, Target.classLogit(1), 0);
            Method random = Method.of("random", new RandomAttribution(net, 4, 3));
            AttributionMaps maps = random.attribution().attribute(x, batch.target());
            InputNoise noise = InputNoise.gaussian(0.3, 4, 2);
            assertArrayEquals(new double[IMAGES], new MaxSensitivity(noise).score(random, maps, batch));
            assertArrayEquals(new double[IMAGES], new AverageSensitivity(noise).score(random, maps, batch));
        }
    }

    @Test
    void theImageAsItsOwnMapMovesByTheNoiseOverTheImage() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = MetricNets.images(manager, IMAGES, 7);
            Batch batch = new Batch(x, Target.classLogit(0), 0);
            Method identity = Method.of("identity", new MetricNets.Identity());
            AttributionMaps maps = identity.attribution().attribute(x, batch.target());
            InputNoise noise = InputNoise.uniform(0.1, 5, 9);
            double[] max = new MaxSensitivity(noise).score(identity, maps, batch);
            double[] mean = new AverageSensitivity(noise).score(identity, maps, batch);
            for (int image = 0; image < IMAGES; image++) {
                // the draws of uniform noise of radius 0.1, per image from the seed and the image: ‖ε‖ / ‖x‖
                SplittableRandom draws = new SplittableRandom(batch.seed(9, image));
                float[] pixels = batch.pixels(image);
                double norm = 0;
                for (float v : pixels) {
                    norm += v * v;
                }
                double largest = 0;
                double sum = 0;
                for (int s = 0; s < 5; s++) {
                    double squares = 0;
                    for (float v : pixels) {
                        double moved = (float) (v + (2 * draws.nextDouble() - 1) * 0.1) - v;
                        squares += moved * moved;
                    }
                    double change = Math.sqrt(squares / norm);
                    largest = Math.max(largest, change);
                    sum += change;
                }
                assertEquals(largest, max[image], 1e-9);
                assertEquals(sum / 5, mean[image], 1e-9);
                // uniform noise on [−r, r] has E ε² = r²/3: ‖ε‖ ≈ r·√(n/3)
                assertEquals(0.1 * Math.sqrt(MetricNets.SIZE / 3.0 / norm), mean[image], 0.02);
            }
        }
    }

    @Test
    void theMetricsOfOneNoiseRunTheMethodOnceOnEachNoisyCopyAndScoreAsApart() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = MetricNets.cnn()) {
            NDArray x = MetricNets.images(manager, IMAGES, 8);
            Batch batch = new Batch(x, Target.classLogit(2), 0);
            AtomicInteger calls = new AtomicInteger();
            Method counted = Method.of("saliency", (inputs, target) -> {
                calls.incrementAndGet();
                return Saliency.of(net).attribute(inputs, target);
            });
            AttributionMaps maps = counted.attribution().attribute(x, batch.target());
            InputNoise noise = InputNoise.gaussian(0.2, 3, 4);
            double[] max = new MaxSensitivity(noise).score(counted, maps, batch);
            double[] mean = new AverageSensitivity(noise).score(counted, maps, batch);
            calls.set(0);
            List<Metric> shared = noise.metrics();
            assertArrayEquals(max, shared.get(0).score(counted, maps, batch), "max-sensitivity");
            assertArrayEquals(mean, shared.get(1).score(counted, maps, batch), "average sensitivity");
            assertEquals(3, calls.get(), "one call per noisy copy for both metrics");
            Batch next = new Batch(x, Target.classLogit(1), 0);
            AttributionMaps other = counted.attribution().attribute(x, next.target());
            calls.set(0);
            shared.get(1).score(counted, other, next);
            assertEquals(3, calls.get(), "another batch's maps are scored afresh");
        }
    }
}
