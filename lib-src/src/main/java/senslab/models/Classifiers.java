package senslab.models;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

/** What the image classifiers here share: their check of the class count and a head of global pooling. */
final class Classifiers {
    private Classifiers() {
    }

    static void requireClasses(int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, not " + classes);
        }
    }

    /**
     * Ends {@code builder} with the stage {@code logits}: {@code globalPool} (one value per channel, wherever the
     * feature is), a linear layer to {@code classes}; builds it with PyTorch's default initialization.
     */
    static StagedNetwork pooledLogits(StagedNetwork.Builder builder, Block globalPool, int classes) {
        SequentialBlock head = new SequentialBlock()
                .add(globalPool)
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(classes).build());
        StagedNetwork network = builder.stage("logits", head).build();
        StagedNetwork.torchDefaultInit(network.block());
        return network;
    }
}
