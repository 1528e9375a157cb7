package senslab.am;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import senslab.attribution.Target;
import senslab.models.StagedNetwork;

/**
 * What activation maximization pushes up: one number per image of the batch, so that every image of a
 * batch can chase a target of its own (ten class logits of Figure 11 optimized together as ten images).
 * Pick one with {@link #classLogit}, {@link #channel} or {@link #neuron}.
 */
public interface Objective {

    /** The activation of every image's own target, shape {@code [batch]}. {@code input} is what the network sees. */
    NDArray activation(StagedNetwork network, ParameterStore store, NDArray input);

    /** How many images this objective expects in a batch (one per target). */
    int batchSize();

    /** A short description for progress lines and chart titles. */
    String describe();

    /**
     * What the objective climbs, as an attribution {@link Target} (it labels the maps of where a run changed the
     * images): the class logits; a stage's channel when every image climbs the same one, else the stage.
     */
    Target target();

    /** Image {@code i} maximizes the logit of class {@code classes[i]} (the network's last stage, before softmax). */
    static Objective classLogit(int... classes) {
        int[] targets = classes.clone();
        return new PerImage("class logit " + Arrays.toString(targets), targets, Target::classLogit) {
            @Override
            public NDArray activation(StagedNetwork network, ParameterStore store, NDArray input) {
                return pick(network.forward(store, input, false), targets);
            }
        };
    }

    /** Image {@code i} maximizes the mean activation of channel {@code channels[i]} of {@code stage}. */
    static Objective channel(String stage, int... channels) {
        int[] targets = channels.clone();
        return new PerImage("mean of " + stage + " channel " + Arrays.toString(targets), targets,
                t -> PerImage.stageTarget(stage, t)) {
            @Override
            public NDArray activation(StagedNetwork network, ParameterStore store, NDArray input) {
                NDArray out = forwardTo(network, store, stage, input);
                NDArray perChannel = out.getShape().dimension() > 2
                        ? out.reshape(out.getShape().get(0), out.getShape().get(1), -1).mean(new int[] {2}) : out;
                return pick(perChannel, targets);
            }
        };
    }

    /**
     * Image {@code i} maximizes the single neuron at ({@code channels[i]}, {@code row}, {@code column}) of
     * {@code stage}.
     */
    static Objective neuron(String stage, int row, int column, int... channels) {
        int[] targets = channels.clone();
        return new PerImage("neuron (" + row + ", " + column + ") of " + stage + " channel "
                + Arrays.toString(targets), targets, t -> PerImage.stageTarget(stage, t)) {
            @Override
            public NDArray activation(StagedNetwork network, ParameterStore store, NDArray input) {
                NDArray out = forwardTo(network, store, stage, input);
                if (out.getShape().dimension() != 4) {
                    throw new IllegalArgumentException("stage '" + stage + "' has output shape " + out.getShape()
                            + ", not [batch, channels, height, width]: use Objective.channel for flat stages");
                }
                long height = out.getShape().get(2);
                long width = out.getShape().get(3);
                if (row < 0 || row >= height || column < 0 || column >= width) {
                    throw new IllegalArgumentException("neuron (" + row + ", " + column + ") is outside stage '"
                            + stage + "' of " + height + "x" + width + " positions");
                }
                return pick(out.get(":, :, " + row + ", " + column), targets);
            }
        };
    }

    /** Shared plumbing of the per-image objectives. */
    abstract class PerImage implements Objective {
        private final String description;
        private final int[] targets;
        private final Target target;

        PerImage(String description, int[] targets, Function<int[], Target> targetOf) {
            if (targets.length == 0) {
                throw new IllegalArgumentException("an objective needs at least one target (one per image)");
            }
            this.description = description;
            this.targets = targets;
            this.target = targetOf.apply(targets);
        }

        /** One channel of {@code stage} if every image climbs the same one, else the whole stage. */
        static Target stageTarget(String stage, int[] channels) {
            return Arrays.stream(channels).distinct().count() == 1 ? Target.channel(stage, channels[0])
                    : Target.stages(stage);
        }

        @Override
        public Target target() {
            return target;
        }

        @Override
        public int batchSize() {
            return targets.length;
        }

        @Override
        public String describe() {
            return description;
        }

        /** {@code values[i, targets[i]]} for every row i of a {@code [batch, n]} array. */
        static NDArray pick(NDArray values, int[] targets) {
            long n = values.getShape().get(1);
            for (int t : targets) {
                if (t < 0 || t >= n) {
                    throw new IllegalArgumentException("target " + t + " is out of range: the layer has " + n
                            + " units (0.." + (n - 1) + ")");
                }
            }
            NDManager manager = values.getManager();
            NDArray mask = manager.create(targets).oneHot((int) n).toType(values.getDataType(), false);
            return values.mul(mask).sum(new int[] {1});
        }

        /** Runs the stages up to and including {@code stage} only (no work spent on later stages). */
        static NDArray forwardTo(StagedNetwork network, ParameterStore store, String stage, NDArray input) {
            int last = network.indexOf(stage);
            List<Block> blocks = network.block().getChildren().values();
            NDList current = new NDList(input);
            for (int i = 0; i <= last; i++) {
                current = blocks.get(i).forward(store, current, false);
            }
            return current.singletonOrThrow();
        }
    }
}
