package senslab.cam;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import senslab.models.FrozenParameters;
import senslab.models.StagedNetwork;

/**
 * The shared mechanism of the CAM methods: one forward pass gives a stage's activation; a leaf copy of
 * it, with a gradient attached, is run through the rest of the network, and the chosen logits are
 * differentiated with respect to it. Captured once, used by every weighting rule.
 *
 * @param activations the stage's output {@code [batch, channels, height, width]}
 * @param gradients   d(logit of each image's target) / d(activations), same shape
 * @param logits      the network's output {@code [batch, classes]}
 */
public record ActivationGradients(NDArray activations, NDArray gradients, NDArray logits) {

    /**
     * Captures {@code stage}'s activations and the gradients of logit {@code targets[i]} of image i, every
     * array created in {@code scope}. {@code inputs} are what the network sees (already normalized).
     */
    public static ActivationGradients capture(StagedNetwork network, String stage, NDArray inputs, int[] targets,
                                              NDManager scope) {
        int index = network.indexOf(stage);
        if (index == network.stageNames().size() - 1) {
            throw new IllegalArgumentException("stage '" + stage + "' is the network's output; take a "
                    + "convolutional stage before it, one of " + network.stageNames());
        }
        try (FrozenParameters frozen = new FrozenParameters(network.block())) {
            ParameterStore store = new ParameterStore(scope, false);
            NDArray in = inputs.duplicate();
            in.attach(scope);
            NDArray activation = network.forwardThrough(store, in, index, false).get(index).stopGradient();
            if (activation.getShape().dimension() != 4) {
                throw new IllegalArgumentException("stage '" + stage + "' has output " + activation.getShape()
                        + "; CAM needs a convolutional stage [batch, channels, height, width]");
            }
            activation.setRequiresGradient(true);
            NDArray logits;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                logits = network.forwardAfter(store, stage, activation, false);
                collector.backward(logits.mul(oneHot(logits, targets)).sum());
            }
            NDArray gradients = activation.getGradient();
            return new ActivationGradients(activation.stopGradient(), gradients, logits.stopGradient());
        }
    }

    private static NDArray oneHot(NDArray logits, int[] targets) {
        long batch = logits.getShape().get(0);
        long classes = logits.getShape().get(1);
        int[] perImage = targets.length == 1 && batch > 1 ? broadcast(targets[0], (int) batch) : targets;
        if (perImage.length != batch) {
            throw new IllegalArgumentException(targets.length + " targets for a batch of " + batch
                    + " images: give one target for all, or one per image");
        }
        for (int t : perImage) {
            if (t < 0 || t >= classes) {
                throw new IllegalArgumentException("target class " + t + " is out of range 0.." + (classes - 1));
            }
        }
        return logits.getManager().create(perImage).oneHot((int) classes).toType(logits.getDataType(), false);
    }

    private static int[] broadcast(int target, int batch) {
        int[] all = new int[batch];
        java.util.Arrays.fill(all, target);
        return all;
    }
}
