package senslab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class AdamStateTest {
    /** 37 × 1,000 weights: more than one piece, and a last piece that is not full. */
    private static final int INPUTS = 37;
    private static final int UNITS = 1_000;
    private static final int STEPS = 5;
    private static final float LEARNING_RATE = 1e-3f;
    private static final float WEIGHT_DECAY = 5e-4f;

    @Test
    void followsAdamInDoublePrecisionAndZeroesTheGradient() {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<Parameter> parameters = linear(manager, 1);
            NDArray weight = parameters.get(0).getArray();
            double[] w = toDoubles(weight.toFloatArray());
            double[] m = new double[w.length];
            double[] v = new double[w.length];
            Random random = new Random(2);
            try (AdamState adam = new AdamState(parameters, manager)) {
                for (int t = 1; t <= STEPS; t++) {
                    float[] gradient = gradient(random, w.length);
                    backward(manager, parameters, gradient);
                    adam.step(LEARNING_RATE, WEIGHT_DECAY);
                    double corrected = LEARNING_RATE * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
                    for (int k = 0; k < w.length; k++) {
                        double g = gradient[k] + WEIGHT_DECAY * w[k];
                        m[k] = 0.9 * m[k] + 0.1 * g;
                        v[k] = 0.999 * v[k] + 0.001 * g * g;
                        w[k] -= corrected * m[k] / (Math.sqrt(v[k]) + 1e-8);
                    }
                    try (NDArray g = weight.getGradient()) {
                        assertEquals(0f, g.abs().max().getFloat(), "the gradient is zeroed for the next step");
                    }
                }
                float[] ours = weight.toFloatArray();
                double worst = 0;
                for (int k = 0; k < w.length; k++) {
                    worst = Math.max(worst, Math.abs(ours[k] - w[k]) / Math.max(1e-3, Math.abs(w[k])));
                }
                assertTrue(worst < 1e-5, "largest relative difference from double-precision Adam: " + worst);
            }
        }
    }

    @Test
    void agreesWithTheEnginesFusedUpdate() {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<Parameter> ours = linear(manager, 1);
            List<Parameter> engines = linear(manager, 1);
            NDArray engineWeight = engines.get(0).getArray();
            NDArray mean = manager.zeros(engineWeight.getShape());
            NDArray variance = manager.zeros(engineWeight.getShape());
            Random random = new Random(4);
            try (AdamState adam = new AdamState(ours, manager)) {
                for (int t = 1; t <= STEPS; t++) {
                    float[] gradient = gradient(random, INPUTS * UNITS);
                    backward(manager, ours, gradient);
                    backward(manager, engines, gradient);
                    adam.step(LEARNING_RATE, WEIGHT_DECAY);
                    float corrected = (float) (LEARNING_RATE * Math.sqrt(1 - Math.pow(0.999f, t)) / (1 - Math.pow(0.9f, t)));
                    try (NDArray g = engineWeight.getGradient()) {
                        engineWeight.getNDArrayInternal().adamUpdate(new NDList(engineWeight, g, mean, variance),
                                new NDList(engineWeight), LEARNING_RATE, corrected, WEIGHT_DECAY, 1f, -1f, 0.9f, 0.999f,
                                1e-8f, true, false);
                    }
                }
                float[] a = ours.get(0).getArray().toFloatArray();
                float[] b = engineWeight.toFloatArray();
                for (int k = 0; k < a.length; k++) {
                    assertEquals(b[k], a[k], 1e-6f * Math.max(1f, Math.abs(b[k])), "weight " + k);
                }
            }
        }
    }

    @Test
    void givesTheSameWeightsOnOneThreadAsOnAll() throws Exception {
        float[][] weights = new float[2][];
        for (int run = 0; run < 2; run++) {
            ForkJoinPool pool = new ForkJoinPool(run == 0 ? 1 : Runtime.getRuntime().availableProcessors());
            try (NDManager manager = NDManager.newBaseManager()) {
                List<Parameter> parameters = linear(manager, 1);
                Random random = new Random(6);
                try (AdamState adam = new AdamState(parameters, manager)) {
                    for (int t = 1; t <= STEPS; t++) {
                        backward(manager, parameters, gradient(random, INPUTS * UNITS));
                        pool.submit(() -> adam.step(LEARNING_RATE, WEIGHT_DECAY)).get();
                    }
                }
                weights[run] = parameters.get(0).getArray().toFloatArray();
            } finally {
                pool.shutdown();
            }
        }
        assertArrayEquals(weights[0], weights[1]);
    }

    /** A Linear layer's trainable weight and bias, initialized from {@code seed}. */
    private static List<Parameter> linear(NDManager manager, int seed) {
        Engine.getInstance().setRandomSeed(seed);
        Linear layer = Linear.builder().setUnits(UNITS).build();
        layer.initialize(manager, DataType.FLOAT32, new Shape(1, INPUTS));
        return layer.getParameters().values().stream().filter(Parameter::requiresGradient).toList();
    }

    /** Sets the weight's gradient to {@code gradient} (and the bias's to one) through the engine's backward pass. */
    private static void backward(NDManager manager, List<Parameter> parameters, float[] gradient) {
        try (NDManager scope = manager.newSubManager(); GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray weight = parameters.get(0).getArray();
            NDArray loss = weight.mul(scope.create(gradient, weight.getShape())).sum().add(parameters.get(1).getArray().sum());
            collector.backward(loss);
        }
    }

    private static float[] gradient(Random random, int n) {
        float[] g = new float[n];
        for (int k = 0; k < n; k++) {
            g[k] = (float) random.nextGaussian() * (k % 7 == 0 ? 1e-4f : 1f); // small gradients too, where ε matters
        }
        return g;
    }

    private static double[] toDoubles(float[] values) {
        double[] d = new double[values.length];
        for (int k = 0; k < d.length; k++) {
            d[k] = values[k];
        }
        return d;
    }
}
