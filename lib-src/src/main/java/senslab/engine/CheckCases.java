package senslab.engine;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import senslab.engine.CheckCase.Input;

/**
 * The cases of the engine check: small instances of every operation the library's results rest on, at the sizes
 * where engines pick different kernels (batch 1, a few, many; channel counts a multiple of the 16-float vector
 * and not), each small enough that its double-precision reference takes a few milliseconds.
 */
final class CheckCases {
    private static final int SIDE = 8;
    /**
     * Convolutions' images are smaller: their references are most of the check's own work, and the known defect
     * shows at every side tried (4, 5, 6 and 8 give the same five failing cases on an emulated affected host).
     */
    private static final int CONVOLUTION_SIDE = 6;

    private CheckCases() {
    }

    static List<CheckCase> all() {
        List<CheckCase> cases = new ArrayList<>();
        for (int in : new int[] {3, 16}) {
            for (int out : new int[] {4, 16}) {
                for (int batch : new int[] {1, 4, 64}) {
                    cases.add(convolution(batch, in, out, 3, 1));
                }
            }
        }
        cases.add(convolution(4, 17, 16, 3, 1)); // input channels past a multiple of 16
        cases.add(convolution(4, 16, 32, 1, 2)); // ResNet's projection shortcut
        cases.add(convolution(4, 16, 32, 3, 2)); // ResNet's downsampling convolution
        cases.add(linear(4, 50, 10));
        cases.add(linear(64, 50, 10));
        cases.add(pool(true));
        cases.add(pool(false));
        cases.add(batchNorm(true));
        cases.add(batchNorm(false));
        cases.add(activation("ReLU"));
        cases.add(activation("tanh"));
        return List.copyOf(cases);
    }

    static CheckCase convolution(int batch, int in, int out, int kernel, int stride) {
        int side = CONVOLUTION_SIDE;
        Reference.Convolution geometry = new Reference.Convolution(batch, in, out, side, kernel, stride, kernel / 2);
        String name = String.format(Locale.ROOT, "convolution %d→%d channels, %d×%d stride %d, batch %d", in, out,
                kernel, kernel, stride, batch);
        SplittableRandom random = new SplittableRandom(name.hashCode());
        Shape image = new Shape(batch, in, side, side);
        Shape weights = new Shape(out, in, kernel, kernel);
        int o = geometry.outSize();
        return new CheckCase(name,
                List.of(new Input("input (backward-data)", image, uniform(random, image, 1), true),
                        new Input("weight (backward-weights)", weights, uniform(random, weights,
                                1 / Math.sqrt(in * kernel * kernel)), true),
                        new Input("bias", new Shape(out), uniform(random, new Shape(out), 0.1), true)),
                new Shape(batch, out, o, o),
                x -> Conv2d.conv2d(x.get(0), x.get(1), x.get(2), new Shape(stride, stride),
                        new Shape(kernel / 2, kernel / 2), new Shape(1, 1), 1).singletonOrThrow(),
                (v, g) -> Reference.convolution(geometry, v.get(0), v.get(1), v.get(2), g));
    }

    private static CheckCase linear(int batch, int in, int out) {
        String name = String.format(Locale.ROOT, "linear %d→%d, batch %d", in, out, batch);
        SplittableRandom random = new SplittableRandom(name.hashCode());
        Shape x = new Shape(batch, in);
        Shape w = new Shape(out, in);
        return new CheckCase(name,
                List.of(new Input("input", x, uniform(random, x, 1), true),
                        new Input("weight", w, uniform(random, w, 1 / Math.sqrt(in)), true),
                        new Input("bias", new Shape(out), uniform(random, new Shape(out), 0.1), true)),
                new Shape(batch, out),
                a -> Linear.linear(a.get(0), a.get(1), a.get(2)).singletonOrThrow(),
                (v, g) -> Reference.linear(batch, in, out, v.get(0), v.get(1), v.get(2), g));
    }

    private static CheckCase pool(boolean maximum) {
        Shape x = new Shape(4, 16, SIDE, SIDE);
        String name = (maximum ? "max" : "average") + " pooling 2×2, batch 4";
        Shape two = new Shape(2, 2);
        Shape none = new Shape(0, 0);
        return new CheckCase(name,
                List.of(new Input("input", x, uniform(new SplittableRandom(name.hashCode()), x, 1), true)),
                new Shape(4, 16, SIDE / 2, SIDE / 2),
                a -> maximum ? Pool.maxPool2d(a.get(0), two, two, none, false)
                        : Pool.avgPool2d(a.get(0), two, two, none, false, true),
                (v, g) -> Reference.pool2(4 * 16, SIDE, maximum, v.get(0), g));
    }

    private static CheckCase batchNorm(boolean training) {
        int batch = 4;
        int channels = 16;
        Shape x = new Shape(batch, channels, SIDE, SIDE);
        Shape perChannel = new Shape(channels);
        String name = "batch norm, " + (training ? "training (batch statistics)" : "inference (running statistics)");
        SplittableRandom random = new SplittableRandom(name.hashCode());
        float[] variance = uniform(random, perChannel, 0.5);
        for (int c = 0; c < channels; c++) {
            variance[c] += 1;
        }
        return new CheckCase(name,
                List.of(new Input("input", x, uniform(random, x, 2), true),
                        new Input("scale γ", perChannel, uniform(random, perChannel, 1), true),
                        new Input("shift β", perChannel, uniform(random, perChannel, 1), true),
                        new Input("running mean", perChannel, uniform(random, perChannel, 0.5), false),
                        new Input("running variance", perChannel, variance, false)),
                x,
                // training mode also updates the running statistics: on copies, so that every run starts alike
                a -> BatchNorm.batchNorm(a.get(0), a.get(3).duplicate(), a.get(4).duplicate(), a.get(1), a.get(2), 1,
                        0.1f, (float) Reference.BATCH_NORM_EPSILON, training).singletonOrThrow(),
                (v, g) -> Reference.batchNorm(batch, channels, SIDE * SIDE, training, v.get(0), v.get(1), v.get(2),
                        v.get(3), v.get(4), g));
    }

    private static CheckCase activation(String which) {
        Shape x = new Shape(4, 16, SIDE, SIDE);
        boolean relu = which.equals("ReLU");
        String name = which + ", batch 4";
        return new CheckCase(name,
                List.of(new Input("input", x, uniform(new SplittableRandom(name.hashCode()), x, 2), true)),
                x,
                a -> relu ? Activation.relu(a.get(0)) : Activation.tanh(a.get(0)),
                (v, g) -> relu ? Reference.relu(v.get(0), g) : Reference.tanh(v.get(0), g));
    }

    private static float[] uniform(SplittableRandom random, Shape shape, double scale) {
        return CheckCase.uniform(random, (int) shape.size(), scale);
    }
}
