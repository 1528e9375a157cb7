package senslab.global;

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
import ai.djl.nn.pooling.Pool;
import java.util.Random;
import senslab.engine.OwnedScalar;
import senslab.models.StagedNetwork;

/**
 * A staged "network" whose output is written down here, so its Sobol indices are known in closed form: stage
 * {@code cells} gives the mean u_j of every cell of the channel-summed image; stage {@code score} gives
 * f = Σ_j w_j u_j + γ·u_a·u_b, as one logit. Cells with w_j = 0 (other than a, b) are ignored by the model.
 */
final class CellModels {
    static final int CHANNELS = 3;

    private CellModels() {
    }

    static StagedNetwork additive(int side, int grid, float[] w, int a, int b, float gamma) {
        int cell = side / grid;
        StagedNetwork net = StagedNetwork.builder()
                .stage("cells", new LambdaBlock(in -> {
                    NDArray x = in.singletonOrThrow().sum(new int[] {1}, true);
                    NDArray means = Pool.avgPool2d(x, new Shape(cell, cell), new Shape(cell, cell), new Shape(0, 0),
                            false, true);
                    return new NDList(means.reshape(x.getShape().get(0), -1));
                }))
                .stage("score", new LambdaBlock(in -> {
                    NDArray u = in.singletonOrThrow();
                    NDArray linear = u.mul(u.getManager().create(w)).sum(new int[] {1}, true);
                    NDArray product = u.get(":, " + a + ":" + (a + 1)).mul(u.get(":, " + b + ":" + (b + 1)))
                            .mul(OwnedScalar.of(u, gamma));
                    return new NDList(linear.add(product));
                }))
                .build();
        net.initialize(new Shape(CHANNELS, side, side));
        return net;
    }

    /** A small real CNN, conv(3→4, 3×3) → ReLU → 2×2 max pool │ linear → 3 logits, with weights from a formula. */
    static StagedNetwork conv(int side) {
        StagedNetwork net = StagedNetwork.builder()
                .stage("features", new SequentialBlock()
                        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                                .setFilters(4).build())
                        .add(Activation::relu)
                        .add(Pool.maxPool2dBlock(new Shape(2, 2))))
                .stage("logits",
                        new SequentialBlock().add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(3).build()))
                .build();
        net.block().setInitializer((manager, shape, type) -> {
            float[] values = new float[(int) shape.size()];
            for (int t = 0; t < values.length; t++) {
                values[t] = (float) (0.3 * Math.sin(1.7 * t + 0.3));
            }
            return manager.create(values, shape).toType(type, false);
        }, Parameter.Type.WEIGHT);
        net.initialize(new Shape(CHANNELS, side, side));
        return net;
    }

    /** Images with pixels uniform in [0.2, 1], so every cell mean is clearly positive. */
    static NDArray images(NDManager manager, int count, int side, long seed) {
        Random random = new Random(seed);
        float[] pixels = new float[count * CHANNELS * side * side];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) (0.2 + 0.8 * random.nextDouble());
        }
        return manager.create(pixels, new Shape(count, CHANNELS, side, side));
    }

    /** u_j of image {@code image} unperturbed: the mean of cell j of the channel sum. */
    static double[] cellMeans(float[] pixels, int image, int side, int grid) {
        int cell = side / grid;
        double[] means = new double[grid * grid];
        int offset = image * CHANNELS * side * side;
        for (int c = 0; c < CHANNELS; c++) {
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    means[(y / cell) * grid + x / cell] += pixels[offset + (c * side + y) * side + x] / (cell * cell);
                }
            }
        }
        return means;
    }

    /**
     * The exact total indices of f under inpainting to 0 (u_j = m_j·μ_j, m_j ~ U[0, 1] independent):
     * f = Σ α'_j m_j + β (m_a − ½)(m_b − ½) + const with α_j = w_j μ_j, β = γ μ_a μ_b, α'_{a,b} = α_{a,b} + β/2;
     * V_j = α'_j² / 12, V_ab = β² / 144, ST_j = (V_j + [j ∈ {a, b}]·V_ab) / V.
     */
    static double[] totalIndices(double[] mu, float[] w, int a, int b, float gamma) {
        int d = mu.length;
        double beta = gamma * mu[a] * mu[b];
        double[] v = new double[d];
        double total = beta * beta / 144;
        for (int j = 0; j < d; j++) {
            double alpha = w[j] * mu[j] + (j == a || j == b ? beta / 2 : 0);
            v[j] = alpha * alpha / 12;
            total += v[j];
        }
        double[] st = new double[d];
        for (int j = 0; j < d; j++) {
            st[j] = (v[j] + (j == a || j == b ? beta * beta / 144 : 0)) / total;
        }
        return st;
    }
}
