package senslab.models;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;

/**
 * A small CNN for images whose class is a small pattern anywhere in them (the synthetic patch set of
 * {@code senslab.data.SyntheticPatches}): three 3×3 convolutions (padding 1) of 16, 32 and 64 channels, each with
 * BatchNorm and ReLU, the first two followed by a 2×2 max-pool (stages {@code block1} 16×16, {@code block2} 8×8,
 * {@code block3} 8×8, whose units see 18×18 pixels, more than a patch), then a global max-pool and a linear layer
 * (stage {@code logits}). The global max-pool makes the answer the same wherever the pattern is, and leaves
 * {@code block3} at 8×8 for Grad-CAM. About 24,000 parameters: it trains in seconds on a CPU.
 */
public final class PatchNet {
    private static final int[] CHANNELS = {8, 16, 32};

    private PatchNet() {
    }

    /** An initialized network for {@code 3×size×size} images and {@code classes} classes. */
    public static StagedNetwork create(int size, int classes) {
        return build(classes).initialize(new Shape(3, size, size));
    }

    /** The architecture without parameters. */
    public static StagedNetwork build(int classes) {
        Classifiers.requireClasses(classes);
        StagedNetwork.Builder builder = StagedNetwork.builder();
        for (int b = 0; b < CHANNELS.length; b++) {
            SequentialBlock block = new SequentialBlock()
                    .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                            .setFilters(CHANNELS[b]).build())
                    .add(BatchNorm.builder().build())
                    .add(Activation.reluBlock());
            if (b < CHANNELS.length - 1) {
                block.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
            }
            builder.stage("block" + (b + 1), block);
        }
        return Classifiers.pooledLogits(builder, Pool.globalMaxPool2dBlock(), classes);
    }
}
