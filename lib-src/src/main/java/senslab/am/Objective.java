package senslab.am;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import senslab.attribution.Outputs;
import senslab.attribution.Target;
import senslab.models.StagedNetwork;

/**
 * What activation maximization pushes up: a {@link Target}'s score, one number per image of the batch, so that every
 * image of a batch can chase a target of its own (ten class logits of Figure 11 optimized together as ten images).
 * Pick one with {@link #classLogit}, {@link #channel} (a channel's mean activation, Lucent's {@code channel}) or
 * {@link #neuron}, or climb any target with {@link #of}.
 */
public final class Objective {
    private final Target target;
    private final int batchSize;
    private final String description;

    private Objective(Target target, int batchSize, String description) {
        this.target = Objects.requireNonNull(target, "target");
        this.batchSize = batchSize;
        this.description = description;
        target.checkImages(batchSize);
    }

    /** Image {@code i} maximizes the logit of class {@code classes[i]} (the network's last stage, before softmax). */
    public static Objective classLogit(int... classes) {
        return new Objective(Target.classLogit(classes), classes.length, "class logit " + Arrays.toString(classes));
    }

    /** Image {@code i} maximizes the mean activation of channel {@code channels[i]} of {@code stage}. */
    public static Objective channel(String stage, int... channels) {
        return new Objective(Target.channel(stage, channels), channels.length,
                "mean of " + stage + " channel " + Arrays.toString(channels));
    }

    /**
     * Image {@code i} maximizes the single neuron at ({@code channels[i]}, {@code row}, {@code column}) of
     * {@code stage}.
     */
    public static Objective neuron(String stage, int row, int column, int... channels) {
        return new Objective(Target.neuron(stage, row, column, channels), channels.length,
                "neuron (" + row + ", " + column + ") of " + stage + " channel " + Arrays.toString(channels));
    }

    /** The score of any one-label {@code target} (of your own too), climbed by a batch of {@code images} images. */
    public static Objective of(Target target, int images) {
        return new Objective(target, images, target.toString());
    }

    /** The activation of every image's own target, shape {@code [batch]}. {@code input} is what the network sees. */
    public NDArray activation(StagedNetwork network, ParameterStore store, NDArray input) {
        List<String> stages = network.stageNames();
        int last = network.indexOf(target.stageOf(stages, 0));
        Outputs outputs = new Outputs(stages, network.forwardThrough(store, input, last, false));
        return target.score(outputs, 0, IntStream.range(0, outputs.rows()).toArray());
    }

    /** What the objective climbs; it also labels the maps of where a run changed the images. */
    public Target target() {
        return target;
    }

    /** How many images this objective expects in a batch (one per target). */
    public int batchSize() {
        return batchSize;
    }

    /** A short description for progress lines and chart titles. */
    public String describe() {
        return description;
    }

    @Override
    public String toString() {
        return description;
    }
}
