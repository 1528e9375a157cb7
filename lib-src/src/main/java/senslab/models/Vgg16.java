package senslab.models;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;

/**
 * The paper's VGG-16 with BatchNorm after every convolution: five blocks of 2, 2, 3, 3, 3 convolutions
 * (3×3, padding 1) of 64, 128, 256, 512, 512 channels, each block ending in a 2×2 max-pool (stages
 * {@code block1} … {@code block5}), then the classifier 512·(s/32)²→4096→4096→classes with ReLU and
 * dropout 0.5 (stage {@code logits}). CIFAR-10 is s = 32 and 10 classes; the ultrasound network of the
 * paper's section 4 is s = 224 and 3 classes.
 */
public final class Vgg16 {
    /** Convolutions per block and their channel counts. */
    private static final int[] CONVS = {2, 2, 3, 3, 3};
    private static final int[] CHANNELS = {64, 128, 256, 512, 512};

    private Vgg16() {
    }

    /** CIFAR-10's VGG-16 (3×32×32 inputs, 10 classes), initialized. */
    public static StagedNetwork cifar10() {
        return create(32, 10);
    }

    /**
     * An initialized VGG-16 for {@code 3×size×size} images ({@code size} a multiple of 32) and {@code classes} classes.
     */
    public static StagedNetwork create(int size, int classes) {
        return build(size, classes).initialize(new Shape(3, size, size));
    }

    /** The architecture without parameters (initialize it yourself, e.g. to choose the manager). */
    public static StagedNetwork build(int size, int classes) {
        if (size <= 0 || size % 32 != 0) {
            throw new IllegalArgumentException(
                    "VGG-16 halves the image 5 times: the size must be a positive multiple of 32, not " + size);
        }
        Classifiers.requireClasses(classes);
        StagedNetwork.Builder builder = StagedNetwork.builder();
        for (int b = 0; b < CONVS.length; b++) {
            SequentialBlock block = new SequentialBlock();
            for (int c = 0; c < CONVS[b]; c++) {
                block.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                                .setFilters(CHANNELS[b]).build())
                        .add(BatchNorm.builder().build())
                        .add(Activation.reluBlock());
            }
            block.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
            builder.stage("block" + (b + 1), block);
        }
        SequentialBlock classifier = new SequentialBlock()
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(4096).build())
                .add(Activation.reluBlock())
                .add(Dropout.builder().optRate(0.5f).build())
                .add(Linear.builder().setUnits(4096).build())
                .add(Activation.reluBlock())
                .add(Dropout.builder().optRate(0.5f).build())
                .add(Linear.builder().setUnits(classes).build());
        StagedNetwork network = builder.stage("logits", classifier).build();
        StagedNetwork.torchDefaultInit(network.block());
        return network;
    }
}
