package senslab.cam;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.stream.IntStream;
import senslab.attribution.Outputs;
import senslab.attribution.Target;
import senslab.models.FrozenParameters;
import senslab.models.StagedNetwork;

/**
 * The shared mechanism of the CAM methods: one forward pass gives a stage's activation; a leaf copy of it, with a
 * gradient attached, is run through the rest of the network as far as the {@link Target} reads, and the target's
 * score (one number per image: a class logit, a channel's mean, a later stage's norm…) is differentiated with
 * respect to it. Captured once, used by every weighting rule.
 *
 * @param activations the stage's output {@code [batch, channels, height, width]}
 * @param gradients   d(score of each image) / d(activations), same shape
 */
public record ActivationGradients(NDArray activations, NDArray gradients) {

    /**
     * Captures {@code stage}'s activations and the gradients of map {@code label} of {@code target} (row i explains
     * image i), every array created in {@code scope}. {@code inputs} are what the network sees (already normalized).
     */
    public static ActivationGradients capture(StagedNetwork network, String stage, NDArray inputs, Target target,
            int label, NDManager scope) {
        List<String> stages = network.stageNames();
        int index = network.indexOf(stage);
        if (index == stages.size() - 1) {
            throw new IllegalArgumentException("stage '" + stage + "' is the network's output; take a "
                    + "convolutional stage before it, one of " + stages);
        }
        String read = target.stageOf(stages, label);
        int deepest = network.indexOf(read);
        if (deepest < index) {
            throw new IllegalArgumentException(target + " reads stage '" + read + "', which comes before '" + stage
                    + "' and does not depend on it: take a CAM stage at or before '" + read + "'");
        }
        try (FrozenParameters frozen = new FrozenParameters(network.block())) {
            ParameterStore store = new ParameterStore(scope, false);
            NDArray in = inputs.duplicate();
            in.attach(scope);
            NDList before = network.forwardThrough(store, in, index, false);
            NDArray activation = before.get(index).stopGradient();
            if (activation.getShape().dimension() != 4) {
                throw new IllegalArgumentException("stage '" + stage + "' has output " + activation.getShape()
                        + "; CAM needs a convolutional stage [batch, channels, height, width]");
            }
            activation.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDList outputs = new NDList(before.subNDList(0, index));
                outputs.add(activation);
                outputs.addAll(network.forwardFrom(store, index, activation, deepest, false));
                int[] rows = IntStream.range(0, (int) activation.getShape().get(0)).toArray();
                collector.backward(target.score(new Outputs(stages, outputs), label, rows).sum());
            }
            return new ActivationGradients(activation.stopGradient(), activation.getGradient());
        }
    }
}
