package senslab.spark;

import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import senslab.data.ImageSet;
import senslab.models.StagedNetwork;

/** A small staged CNN for 3×16×16 images, its saved weights, and random labelled images: cheap Spark jobs. */
final class TestNets {
    static final int SIDE = 16;
    static final List<String> CLASSES = IntStream.range(0, 10).mapToObj(i -> "class" + i).toList();

    private TestNets() {
    }

    /** conv(3→4) → ReLU │ conv(4→6) → tanh → max pool 2 │ linear → 10, freshly initialized. */
    static StagedNetwork create() {
        StagedNetwork net = StagedNetwork.builder()
                .stage("block1", new SequentialBlock()
                        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                                .setFilters(4).build())
                        .add(Activation::relu))
                .stage("block2", new SequentialBlock()
                        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                                .setFilters(6).build())
                        .add(Activation::tanh)
                        .add(Pool.maxPool2dBlock(new Shape(2, 2))))
                .stage("logits",
                        new SequentialBlock().add(Blocks.batchFlattenBlock()).add(
                                Linear.builder().setUnits(10).build()))
                .build();
        return net.initialize(new Shape(3, SIDE, SIDE));
    }

    /** Weights drawn from {@code seed}, saved to {@code file}. */
    static NetworkSource saved(Path file, int seed) {
        Engine.getInstance().setRandomSeed(seed);
        try (StagedNetwork net = create()) {
            net.save(file);
        }
        return NetworkSource.of("small", TestNets::create, file);
    }

    /** {@code count} random images, labels 0, 1, … 9, 0, …. */
    static ImageSet images(int count, long seed) {
        byte[] pixels = new byte[count * 3 * SIDE * SIDE];
        new Random(seed).nextBytes(pixels);
        return new ImageSet(CLASSES, 3, SIDE, SIDE, pixels, IntStream.range(0, count).map(i -> i % 10).toArray());
    }
}
