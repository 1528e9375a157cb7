package senslab.cam;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import java.nio.FloatBuffer;
import java.util.List;
import senslab.models.StagedNetwork;

/**
 * A two-layer conv net with weights set by hand, small enough to compute everything by hand:
 * stage {@code features} = 3×3 conv (1 → 2 channels, padding 1) + ReLU on 5×5 images;
 * stage {@code logits} = 1×1 conv (2 → 3 classes) + global average pool.
 */
public final class HandNet {
    public static final int SIZE = 5;
    /** W1[k][u][v], b1[k]. */
    public static final float[][][] W1 = {
        {{0.5f, -0.2f, 0.1f}, {0.3f, 0.8f, -0.4f}, {0.0f, 0.2f, 0.6f}},
        {{-0.3f, 0.4f, 0.2f}, {0.1f, -0.5f, 0.7f}, {0.6f, -0.1f, 0.3f}},
    };
    public static final float[] B1 = {0.05f, -0.1f};
    /** W2[c][k], b2[c]. */
    public static final float[][] W2 = {{1.0f, -0.5f}, {-0.7f, 1.2f}, {0.4f, 0.9f}};
    public static final float[] B2 = {0.1f, -0.2f, 0.3f};

    private HandNet() {
    }

    public static StagedNetwork build(NDManager manager) {
        StagedNetwork network = StagedNetwork.builder()
                .stage("features", new SequentialBlock()
                        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                                .setFilters(2).build())
                        .add(Activation.reluBlock()))
                .stage("logits", new SequentialBlock()
                        .add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(3).build())
                        .add(Pool.globalAvgPool2dBlock())
                        .add(Blocks.batchFlattenBlock()))
                .build();
        network.block().initialize(manager, DataType.FLOAT32, new Shape(1, 1, SIZE, SIZE));
        List<Parameter> parameters = network.block().getParameters().values();
        set(parameters.get(0), flatten(W1));
        set(parameters.get(1), B1);
        set(parameters.get(2), flatten(W2));
        set(parameters.get(3), B2);
        return network;
    }

    /** The features stage computed by hand: A[k][i][j]. */
    public static double[][][] features(float[][] image) {
        double[][][] a = new double[2][SIZE][SIZE];
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < SIZE; i++) {
                for (int j = 0; j < SIZE; j++) {
                    double s = B1[k];
                    for (int u = -1; u <= 1; u++) {
                        for (int v = -1; v <= 1; v++) {
                            int y = i + u;
                            int x = j + v;
                            if (y >= 0 && y < SIZE && x >= 0 && x < SIZE) {
                                s += W1[k][u + 1][v + 1] * image[y][x];
                            }
                        }
                    }
                    a[k][i][j] = Math.max(0, s);
                }
            }
        }
        return a;
    }

    /** The logit of class c computed by hand. */
    public static double logit(float[][] image, int c) {
        double[][][] a = features(image);
        double s = B2[c];
        for (int k = 0; k < 2; k++) {
            for (double[] row : a[k]) {
                for (double v : row) {
                    s += W2[c][k] * v / (SIZE * SIZE);
                }
            }
        }
        return s;
    }

    private static void set(Parameter parameter, float[] values) {
        parameter.getArray().set(FloatBuffer.wrap(values));
    }

    private static float[] flatten(float[][][] w) {
        float[] flat = new float[w.length * 9];
        for (int k = 0; k < w.length; k++) {
            for (int u = 0; u < 3; u++) {
                for (int v = 0; v < 3; v++) {
                    flat[k * 9 + u * 3 + v] = w[k][u][v];
                }
            }
        }
        return flat;
    }

    private static float[] flatten(float[][] w) {
        float[] flat = new float[w.length * w[0].length];
        for (int c = 0; c < w.length; c++) {
            System.arraycopy(w[c], 0, flat, c * w[0].length, w[0].length);
        }
        return flat;
    }
}
