package senslab.metric;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import java.util.List;
import senslab.attribution.Attribution;
import senslab.attribution.AttributionMaps;
import senslab.attribution.Complete;
import senslab.attribution.MapSettings;
import senslab.attribution.Target;
import senslab.models.StagedNetwork;
import senslab.perturb.TinyNets;

/** Small networks with known weights and hand-written attributions, for the metric tests of every family. */
public final class MetricNets {
    public static final int CHANNELS = 3;
    public static final int SIDE = 8;
    public static final int SIZE = CHANNELS * SIDE * SIDE;

    private MetricNets() {
    }

    /** w_k = 0.2 + 0.1·sin(1.3·k): positive weights of {@link #linear}, so that |∂f/∂x| = w. */
    public static float[] weights() {
        float[] w = new float[SIZE];
        for (int k = 0; k < SIZE; k++) {
            w[k] = (float) (0.2 + 0.1 * Math.sin(1.3 * k));
        }
        return w;
    }

    /** f(x) = w·x + bias, one output, one stage "logits"; the weights are constants, not parameters. */
    public static StagedNetwork linear(float bias) {
        float[] w = weights();
        StagedNetwork net = StagedNetwork.builder()
                .stage("logits", new LambdaBlock(in -> {
                    NDArray x = in.singletonOrThrow();
                    NDArray flat = x.reshape(x.getShape().get(0), -1);
                    return new NDList(flat.mul(x.getManager().create(w)).sum(new int[] {1}, true).add(bias));
                }))
                .build();
        net.initialize(new Shape(CHANNELS, SIDE, SIDE));
        return net;
    }

    /**
     * {@link TinyNets#conv()}: conv(3→4) → ReLU │ conv(4→6) → tanh → max pool 2 │ linear → 5 classes, weights from a
     * formula; a new network of the same weights on every call (what model randomisation copies into).
     */
    public static StagedNetwork cnn() {
        return TinyNets.conv();
    }

    /** {@code count} images of values uniform in [−1, 1], from {@code seed}. */
    public static NDArray images(NDManager manager, int count, long seed) {
        return TinyNets.images(manager, count, seed);
    }

    /** Per-channel pixel maps computed from each image's values by {@code map}. */
    public static AttributionMaps maps(String method, Target target, NDArray inputs, ValueMap map) {
        int n = Math.toIntExact(inputs.getShape().get(0));
        float[] pixels = inputs.toFloatArray();
        float[][][] values = new float[n][1][SIZE];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < SIZE; k++) {
                values[i][0][k] = map.of(k, pixels[i * SIZE + k]);
            }
        }
        return AttributionMaps.of(method, MapSettings.described(method), target, List.of("class"),
                List.of("R", "G", "B"), SIDE, SIDE, 1, values);
    }

    /** The value of map element {@code k} from the image's value there. */
    public interface ValueMap {
        float of(int k, float x);
    }

    /** (x − 0)·w: input × gradient of {@link #linear}, complete against the baseline 0. */
    public static final class InputTimesWeights implements Complete {
        @Override
        public AttributionMaps attribute(NDArray inputs, Target target) {
            float[] w = weights();
            return maps("input × weights", target, inputs, (k, x) -> x * w[k]);
        }

        @Override
        public NDArray baseline(NDArray inputs) {
            return inputs.zerosLike();
        }
    }

    /** The image itself as its map: moves exactly as the input does. */
    public static final class Identity implements Attribution {
        @Override
        public AttributionMaps attribute(NDArray inputs, Target target) {
            return maps("identity", target, inputs, (k, x) -> x);
        }
    }
}
