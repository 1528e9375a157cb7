package senslab.faithfulness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import senslab.attribution.AttributionMaps;
import senslab.attribution.Target;
import senslab.metric.Batch;
import senslab.metric.Method;
import senslab.metric.Metric;
import senslab.metric.MetricNets;
import senslab.models.StagedNetwork;
import senslab.perturb.Delta;
import senslab.perturb.PixelSensitivity;

class FaithfulnessMetricsTest {
    private static final int IMAGES = 3;

    @Test
    void theGradientOfALinearModelHasNoInfidelityAndAMapOfZerosTheMeanSquaredDrop() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = MetricNets.linear(0.3f)) {
            NDArray x = MetricNets.images(manager, IMAGES, 5);
            Batch batch = new Batch(x, Target.classLogit(0), 0);
            Method gradient = Method.of("gradient", PixelSensitivity.of(net).delta(Delta.fixed(1)).firstOrder(64, 0));
            AttributionMaps maps = gradient.attribution().attribute(x, batch.target());
            Infidelity squares = Infidelity.squares(net, 3, 8, 1);
            for (Infidelity infidelity : List.of(Infidelity.gaussian(net, 0.2, 8, 1), squares)) {
                for (double value : infidelity.score(gradient, maps, batch)) {
                    assertEquals(0, value, 1e-8, infidelity.name());
                }
            }
            // a map of zeros predicts no drop: its infidelity is the mean of (w·I)², here of removed squares, which
            // is at least the smallest square's (w·x)² over the placements and at most the largest (scored by the
            // metric that scored the gradient's maps of this batch: from the perturbed copies' scores it kept)
            AttributionMaps zeros = MetricNets.maps("zeros", batch.target(), x, (k, v) -> 0);
            double[] values = squares.score(Method.of("zeros", gradient.attribution()), zeros, batch);
            assertArrayEquals(Infidelity.squares(net, 3, 8, 1).score(gradient, zeros, batch), values, 0,
                    "kept scores and fresh ones");
            float[] w = MetricNets.weights();
            float[] pixels = x.toFloatArray();
            int side = MetricNets.SIDE;
            for (int image = 0; image < IMAGES; image++) {
                double least = Double.POSITIVE_INFINITY;
                double most = 0;
                for (int top = 0; top <= side - 3; top++) {
                    for (int left = 0; left <= side - 3; left++) {
                        double drop = 0;
                        for (int c = 0; c < MetricNets.CHANNELS; c++) {
                            for (int h = top; h < top + 3; h++) {
                                for (int v = left; v < left + 3; v++) {
                                    int k = (c * side + h) * side + v;
                                    drop += w[k] * pixels[image * MetricNets.SIZE + k];
                                }
                            }
                        }
                        least = Math.min(least, drop * drop);
                        most = Math.max(most, drop * drop);
                    }
                }
                assertTrue(values[image] >= least - 1e-6 && values[image] <= most + 1e-6, values[image] + " outside ["
                        + least + ", " + most + "]");
            }
        }
    }

    /**
     * The gradient of a linear model times 3 predicts every drop 3 times over: unscaled, its infidelity is (3 − 1)² = 4
     * times the zero map's; scaled, β = 1/3 makes it exact again, while the zero map's stays what it was.
     */
    @Test
    void scaledInfidelityForgivesTheMapsScaleButNotItsShape() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = MetricNets.linear(0.3f)) {
            NDArray x = MetricNets.images(manager, IMAGES, 5);
            Batch batch = new Batch(x, Target.classLogit(0), 0);
            float[] w = MetricNets.weights();
            Method tripled = Method.of("3 w", new MetricNets.InputTimesWeights());
            AttributionMaps threeW = MetricNets.maps("3 w", batch.target(), x, (k, v) -> 3 * w[k]);
            AttributionMaps zeros = MetricNets.maps("zeros", batch.target(), x, (k, v) -> 0);
            Infidelity unscaled = Infidelity.squares(net, 3, 8, 1);
            Infidelity scaled = unscaled.scaled();
            double[] zeroInfidelity = unscaled.score(tripled, zeros, batch);
            double[] threeUnscaled = unscaled.score(tripled, threeW, batch);
            double[] threeScaled = scaled.score(tripled, threeW, batch);
            double[] zeroScaled = scaled.score(tripled, zeros, batch);
            for (int image = 0; image < IMAGES; image++) {
                // the drops come from the network in float32: equal to about 1e-7 of their size
                assertEquals(4 * zeroInfidelity[image], threeUnscaled[image], 1e-5 * zeroInfidelity[image]);
                assertEquals(0, threeScaled[image], 1e-8);
                assertEquals(zeroInfidelity[image], zeroScaled[image], 1e-12);
            }
            assertEquals("scaled infidelity (squares of 3 px)", scaled.name());
        }
    }

    @Test
    void aConstantMapDeletesAndInsertsTheCellsInTheirOrderAndHasNoMuFidelity() {
        // f = w·x + 0.3 on an image of ones: removing (inpainting to 0) a cell lowers f by Σ w over the cell; a
        // constant map ranks the cells in their own order (ties in cell order) and predicts no drop
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = MetricNets.linear(0.3f)) {
            NDArray x = manager.ones(new ai.djl.ndarray.types.Shape(1, MetricNets.CHANNELS, MetricNets.SIDE,
                    MetricNets.SIDE));
            Batch batch = new Batch(x, Target.classLogit(0), 0);
            Method constant = Method.of("constant", new MetricNets.Identity());
            AttributionMaps maps = constant.attribution().attribute(x, batch.target());
            List<Metric> metrics = Faithfulness.of(net).grid(2).muFidelity(8, 0.25).metrics();
            float[] w = MetricNets.weights();
            double total = 0;
            for (float v : w) {
                total += v;
            }
            double[] cells = new double[4]; // the drop of f when each 4 × 4 cell is removed: Σ w over it
            for (int k = 0; k < w.length; k++) {
                int h = k / MetricNets.SIDE % MetricNets.SIDE;
                int v = k % MetricNets.SIDE;
                cells[(h / 4) * 2 + v / 4] += w[k];
            }
            // a constant map ranks the cells in their order 0, 1, 2, 3 (ties in cell order)
            double[] deletion = new double[5];
            deletion[0] = total + 0.3;
            for (int j = 0; j < 4; j++) {
                deletion[j + 1] = deletion[j] - cells[j];
            }
            double[] insertion = new double[5];
            insertion[0] = 0.3;
            for (int j = 0; j < 4; j++) {
                insertion[j + 1] = insertion[j] + cells[j];
            }
            assertEquals(area(deletion), metrics.get(0).score(constant, maps, batch)[0], 1e-4);
            assertEquals(area(insertion), metrics.get(1).score(constant, maps, batch)[0], 1e-4);
            assertEquals(0, metrics.get(2).score(constant, maps, batch)[0], 0);
            assertEquals(List.of("deletion AUC", "insertion AUC", "μ-fidelity"),
                    metrics.stream().map(Metric::name).toList());
        }
    }

    private static double area(double[] curve) {
        double sum = 0;
        for (int k = 0; k + 1 < curve.length; k++) {
            sum += (curve[k] + curve[k + 1]) / 2;
        }
        return sum / (curve.length - 1);
    }
}
