package senslab.gradient;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.Initializer;
import java.util.Random;
import java.util.function.UnaryOperator;
import senslab.models.StagedNetwork;

/**
 * Small networks with formula-given weights whose outputs and input gradients are also written here in plain Java
 * (double precision): the independent truth the gradient methods are checked against. Close them after use.
 */
final class KnownNets {
    /** Input channels, side and classes of {@link #conv()}. */
    static final int CHANNELS = 2;
    static final int SIDE = 4;
    static final int FILTERS = 2;
    static final int CLASSES = 3;

    private KnownNets() {
    }

    /** w_t = scale·sin(1.7·t + 0.3) over the parameter's flat index t. */
    static double weight(double scale, int t) {
        return (float) (scale * Math.sin(1.7 * t + 0.3));
    }

    private static Initializer known(double scale) {
        return (manager, shape, dataType) -> {
            float[] values = new float[(int) shape.size()];
            for (int t = 0; t < values.length; t++) {
                values[t] = (float) weight(scale, t);
            }
            return manager.create(values, shape).toType(dataType, false);
        };
    }

    private static StagedNetwork initialized(StagedNetwork net, Shape image) {
        net.block().setInitializer(known(0.5), Parameter.Type.WEIGHT);
        net.block().setInitializer(known(0.1), Parameter.Type.BIAS);
        return net.initialize(image);
    }

    /** logits = W·flatten(x) + b, {@link #CLASSES} classes, over [CHANNELS, SIDE, SIDE] images. */
    static StagedNetwork linear() {
        return initialized(StagedNetwork.builder()
                .stage("logits", new SequentialBlock().add(Blocks.batchFlattenBlock())
                        .add(Linear.builder().setUnits(CLASSES).build()))
                .build(), new Shape(CHANNELS, SIDE, SIDE));
    }

    /** The weight of input element k in class c's logit of {@link #linear()}. */
    static double linearWeight(int c, int k) {
        return weight(0.5, c * CHANNELS * SIDE * SIDE + k);
    }

    /**
     * conv(2 → 2, 3 × 3, padding 1) → tanh │ flatten → linear → 3 logits, over [CHANNELS, SIDE, SIDE]: smooth, with
     * the input gradient through a first convolution, as in the paper's networks.
     */
    static StagedNetwork conv() {
        return initialized(StagedNetwork.builder()
                .stage("features", new SequentialBlock()
                        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                                .setFilters(FILTERS).build())
                        .add(Activation::tanh))
                .stage("logits", new SequentialBlock().add(Blocks.batchFlattenBlock())
                        .add(Linear.builder().setUnits(CLASSES).build()))
                .build(), new Shape(CHANNELS, SIDE, SIDE));
    }

    /** {@link #conv()}'s features tanh(W1 ∗ x + b1), [filter][i][j], in double precision. */
    private static double[][][] features(double[] x) {
        double[][][] a = new double[FILTERS][SIDE][SIDE];
        for (int f = 0; f < FILTERS; f++) {
            for (int i = 0; i < SIDE; i++) {
                for (int j = 0; j < SIDE; j++) {
                    int filter = f;
                    double[] s = {weight(0.1, f)};
                    taps(i, j, (c, u, v, element) -> s[0] += convWeight(filter, c, u, v) * x[element]);
                    a[f][i][j] = Math.tanh(s[0]);
                }
            }
        }
        return a;
    }

    /** One input element a 3 × 3 kernel tap at (u, v) of channel c reads. */
    private interface Tap {
        void at(int c, int u, int v, int element);
    }

    /** The taps of the convolution's output (i, j) that read an input element (padding reads none). */
    private static void taps(int i, int j, Tap tap) {
        for (int c = 0; c < CHANNELS; c++) {
            for (int u = 0; u < 3; u++) {
                for (int v = 0; v < 3; v++) {
                    int y = i + u - 1;
                    int z = j + v - 1;
                    if (y >= 0 && y < SIDE && z >= 0 && z < SIDE) {
                        tap.at(c, u, v, (c * SIDE + y) * SIDE + z);
                    }
                }
            }
        }
    }

    private static double convWeight(int f, int c, int u, int v) {
        return weight(0.5, ((f * CHANNELS + c) * 3 + u) * 3 + v);
    }

    private static double denseWeight(int cls, int f, int i, int j) {
        return weight(0.5, cls * FILTERS * SIDE * SIDE + (f * SIDE + i) * SIDE + j);
    }

    /** {@link #conv()}'s logit of class {@code cls}, in double precision. */
    static double convLogit(double[] x, int cls) {
        double[][][] a = features(x);
        double s = weight(0.1, cls);
        for (int f = 0; f < FILTERS; f++) {
            for (int i = 0; i < SIDE; i++) {
                for (int j = 0; j < SIDE; j++) {
                    s += denseWeight(cls, f, i, j) * a[f][i][j];
                }
            }
        }
        return s;
    }

    /** ∂ logit_cls / ∂x of {@link #conv()}, by the chain rule written out, channel-major like x. */
    static double[] convGradient(double[] x, int cls) {
        double[][][] a = features(x);
        double[] g = new double[x.length];
        for (int f = 0; f < FILTERS; f++) {
            for (int i = 0; i < SIDE; i++) {
                for (int j = 0; j < SIDE; j++) {
                    int filter = f;
                    double upstream = denseWeight(cls, f, i, j) * (1 - a[f][i][j] * a[f][i][j]);
                    taps(i, j, (c, u, v, element) -> g[element] += upstream * convWeight(filter, c, u, v));
                }
            }
        }
        return g;
    }

    /** A network without parameters whose one output is {@code function} of the input batch ([N, …] → [N, 1]). */
    static StagedNetwork ofFunction(Shape image, UnaryOperator<NDArray> function) {
        return StagedNetwork.builder()
                .stage("output", new LambdaBlock(list -> new NDList(function.apply(list.singletonOrThrow()))))
                .build().initialize(image);
    }

    /** f(x) = x₁·x₂ over [1, 1, 2] inputs. */
    static StagedNetwork product() {
        return ofFunction(new Shape(1, 1, 2), x -> {
            NDArray flat = x.reshape(x.getShape().get(0), 2);
            return flat.get(":, 0").mul(flat.get(":, 1")).reshape(-1, 1);
        });
    }

    /** f(x) = Σ_k a_k x_k² over [1, 1, a.length] inputs. */
    static StagedNetwork quadratic(float[] a) {
        return ofFunction(new Shape(1, 1, a.length), x -> {
            NDArray flat = x.reshape(x.getShape().get(0), a.length);
            return flat.square().mul(x.getManager().create(a)).sum(new int[] {1}).reshape(-1, 1);
        });
    }

    /** {@code count} images of {@code shape} ([C, H, W]) with values uniform in [−1, 1]. */
    static NDArray images(NDManager manager, int count, Shape shape, long seed) {
        Random random = new Random(seed);
        float[] pixels = new float[(int) (count * shape.size())];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) (2 * random.nextDouble() - 1);
        }
        return manager.create(pixels, new Shape(count).addAll(shape));
    }

    /** Image {@code image} of a batch as doubles. */
    static double[] image(NDArray images, int image) {
        float[] all = images.toFloatArray();
        int n = (int) (images.getShape().size() / images.getShape().get(0));
        double[] x = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = all[image * n + k];
        }
        return x;
    }
}
