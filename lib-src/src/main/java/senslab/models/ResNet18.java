package senslab.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.List;

/**
 * ResNet-18, CIFAR variant (as in the paper's code): a 3×3 stride-1 stem with BatchNorm and ReLU and no
 * max-pool, four stages of two BasicBlocks with 64, 128, 256, 512 channels (stages 2–4 start with
 * stride 2 and a 1×1 projection shortcut), global average pooling and a linear layer. Stages:
 * {@code layer1} (the stem and the first two blocks: 64×32×32 for CIFAR), {@code layer2} (128×16×16),
 * {@code layer3} (256×8×8), {@code layer4} (512×4×4), {@code logits}.
 */
public final class ResNet18 {
    private static final int[] CHANNELS = {64, 128, 256, 512};

    private ResNet18() {
    }

    /** CIFAR-10's ResNet-18 (3×32×32 inputs, 10 classes), initialized. */
    public static StagedNetwork cifar10() {
        return create(32, 10);
    }

    /** An initialized ResNet-18 for {@code 3×size×size} images and {@code classes} classes. */
    public static StagedNetwork create(int size, int classes) {
        return build(classes).initialize(new Shape(3, size, size));
    }

    /** The architecture without parameters. */
    public static StagedNetwork build(int classes) {
        Classifiers.requireClasses(classes);
        StagedNetwork.Builder builder = StagedNetwork.builder();
        for (int s = 0; s < CHANNELS.length; s++) {
            SequentialBlock stage = new SequentialBlock();
            if (s == 0) {
                stage.add(conv(64, 3, 1)).add(BatchNorm.builder().build()).add(Activation.reluBlock());
            }
            int stride = s == 0 ? 1 : 2;
            stage.add(basicBlock(CHANNELS[s], stride, stride != 1)).add(basicBlock(CHANNELS[s], 1, false));
            builder.stage("layer" + (s + 1), stage);
        }
        return Classifiers.pooledLogits(builder, Pool.globalAvgPool2dBlock(), classes);
    }

    /** relu(bn(conv(relu(bn(conv(x))))) + shortcut(x)). */
    private static Block basicBlock(int channels, int stride, boolean project) {
        SequentialBlock main = new SequentialBlock()
                .add(conv(channels, 3, stride)).add(BatchNorm.builder().build()).add(Activation.reluBlock())
                .add(conv(channels, 3, 1)).add(BatchNorm.builder().build());
        Block shortcut = project
                ? new SequentialBlock().add(conv(channels, 1, stride)).add(BatchNorm.builder().build())
                : Blocks.identityBlock();
        return new ParallelBlock(ResNet18::addThenRelu, List.of(main, shortcut));
    }

    private static NDList addThenRelu(List<NDList> branches) {
        NDArray sum = branches.get(0).singletonOrThrow().add(branches.get(1).singletonOrThrow());
        return new NDList(Activation.relu(sum));
    }

    private static Conv2d conv(int filters, int kernel, int stride) {
        return Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2)).setFilters(filters).optBias(false).build();
    }
}
