package senslab.perturb;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.Initializer;
import senslab.models.StagedNetwork;

/** Small staged networks with known (formula-given) weights, built for tests; close them after use. */
public final class TinyNets {
    static final int CHANNELS = 3;
    static final int SIDE = 8;

    private TinyNets() {
    }

    /** Deterministic weights w_t = scale·sin(1.7·t + 0.3) over the parameter's flat index t. */
    static Initializer known(double scale) {
        return (manager, shape, dataType) -> {
            float[] values = new float[(int) shape.size()];
            for (int t = 0; t < values.length; t++) {
                values[t] = (float) (scale * Math.sin(1.7 * t + 0.3));
            }
            return manager.create(values, shape).toType(dataType, false);
        };
    }

    /** conv(3→4, 3×3) → ReLU │ conv(4→6, 3×3) → tanh → max pool 2 │ linear → 5: three stages, like a small VGG. */
    public static StagedNetwork conv() {
        StagedNetwork net = StagedNetwork.builder()
                .stage("block1", new SequentialBlock()
                        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                                .setFilters(4).build())
                        .add(Activation::relu))
                .stage("block2", new SequentialBlock()
                        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                                .setFilters(6).build())
                        .add(Activation::tanh)
                        .add(Pool.maxPool2dBlock(new Shape(2, 2))))
                .stage("logits", new SequentialBlock().add(Blocks.batchFlattenBlock())
                        .add(Linear.builder().setUnits(5).build()))
                .build();
        initialize(net, 0.4);
        return net;
    }

    /** One stage: B(x) = W·flatten(x), m outputs, no bias: s_k = |δ|·‖W e_k‖ exactly. */
    static StagedNetwork linear(int outputs) {
        StagedNetwork net = StagedNetwork.builder()
                .stage("linear", new SequentialBlock().add(Blocks.batchFlattenBlock())
                        .add(Linear.builder().setUnits(outputs).optBias(false).build()))
                .build();
        initialize(net, 0.5);
        return net;
    }

    /** W of {@link #linear} as [m][n], from the same formula. */
    static double[][] linearWeights(int outputs) {
        int n = CHANNELS * SIDE * SIDE;
        double[][] w = new double[outputs][n];
        for (int t = 0; t < outputs * n; t++) {
            w[t / n][t % n] = (float) (0.5 * Math.sin(1.7 * t + 0.3));
        }
        return w;
    }

    public static NDArray images(NDManager manager, int count, long seed) {
        java.util.Random random = new java.util.Random(seed);
        float[] pixels = new float[count * CHANNELS * SIDE * SIDE];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) (2 * random.nextDouble() - 1);
        }
        return manager.create(pixels, new Shape(count, CHANNELS, SIDE, SIDE));
    }

    private static void initialize(StagedNetwork net, double scale) {
        net.block().setInitializer(known(scale), Parameter.Type.WEIGHT);
        net.block().setInitializer(known(0.1), Parameter.Type.BIAS);
        net.initialize(new Shape(CHANNELS, SIDE, SIDE));
    }
}
