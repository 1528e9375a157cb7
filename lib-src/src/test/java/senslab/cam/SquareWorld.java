package senslab.cam;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Random;
import senslab.models.StagedNetwork;

/**
 * Synthetic images whose class is decided only by a bright square: dark noise everywhere, and a bright
 * square at a random place whose colour is the class (0 red, 1 green, 2 blue, 3 white).
 * A small conv net trained on them inside the test gives CAM and AM tests a model with known evidence.
 */
public final class SquareWorld implements AutoCloseable {
    public static final int SIZE = 16;
    public static final int SQUARE = 4;
    public static final int CLASSES = 4;

    private final Model model;
    private final StagedNetwork network;
    private final double accuracy;

    /** A batch of images in pixel space, their classes and their squares' top-left corners. */
    public record Batch(NDArray images, int[] labels, int[][] corners) {
    }

    private SquareWorld(Model model, StagedNetwork network, double accuracy) {
        this.model = model;
        this.network = network;
        this.accuracy = accuracy;
    }

    public static Batch batch(NDManager manager, int n, Random random) {
        float[] pixels = new float[n * 3 * SIZE * SIZE];
        int[] labels = new int[n];
        int[][] corners = new int[n][2];
        for (int b = 0; b < n; b++) {
            int label = random.nextInt(CLASSES);
            int y0 = random.nextInt(SIZE - SQUARE + 1);
            int x0 = random.nextInt(SIZE - SQUARE + 1);
            labels[b] = label;
            corners[b] = new int[] {y0, x0};
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < SIZE; y++) {
                    for (int x = 0; x < SIZE; x++) {
                        boolean inside = y >= y0 && y < y0 + SQUARE && x >= x0 && x < x0 + SQUARE;
                        boolean lit = label == 3 || label == c;
                        pixels[((b * 3 + c) * SIZE + y) * SIZE + x] = inside
                                ? (lit ? 0.95f : 0.1f) : 0.3f * random.nextFloat();
                    }
                }
            }
        }
        return new Batch(manager.create(pixels, new Shape(n, 3, SIZE, SIZE)), labels, corners);
    }

    /** Trains the net (stages {@code features}, {@code logits}) for {@code iterations} batches of 32. */
    public static SquareWorld train(int iterations, long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
        StagedNetwork network = StagedNetwork.builder()
                .stage("features", new SequentialBlock()
                        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                                .setFilters(8).build())
                        .add(Activation.reluBlock())
                        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                                .setFilters(16).build())
                        .add(Activation.reluBlock()))
                .stage("logits", new SequentialBlock()
                        .add(Pool.globalAvgPool2dBlock())
                        .add(Blocks.batchFlattenBlock())
                        .add(Linear.builder().setUnits(CLASSES).build()))
                .build();
        Model model = Model.newInstance("square-world");
        model.setBlock(network.block());
        Random random = new Random(seed);
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build());
        try (Trainer trainer = model.newTrainer(config)) {
            trainer.initialize(new Shape(32, 3, SIZE, SIZE));
            for (int i = 0; i < iterations; i++) {
                try (NDManager step = model.getNDManager().newSubManager()) {
                    Batch batch = batch(step, 32, random);
                    try (GradientCollector collector = trainer.newGradientCollector()) {
                        NDArray out = trainer.forward(new NDList(SquareWorld.toNetwork(batch.images())))
                                .singletonOrThrow();
                        NDArray loss = trainer.getLoss().evaluate(new NDList(step.create(batch.labels())),
                                new NDList(out));
                        collector.backward(loss);
                    }
                    trainer.step();
                }
            }
        }
        double accuracy;
        try (NDManager check = model.getNDManager().newSubManager()) {
            Batch batch = batch(check, 256, new Random(seed + 1));
            NDArray predicted = network.forward(new ai.djl.training.ParameterStore(check, false),
                    SquareWorld.toNetwork(batch.images()), false).argMax(1);
            long[] p = predicted.toLongArray();
            int right = 0;
            for (int i = 0; i < p.length; i++) {
                right += p[i] == batch.labels()[i] ? 1 : 0;
            }
            accuracy = right / (double) p.length;
        }
        return new SquareWorld(model, network, accuracy);
    }

    /** What the net sees: the CIFAR-10 normalization (x − 0.5) / 0.5 of pixel-space images. */
    public static NDArray toNetwork(NDArray pixels) {
        return pixels.mul(2).sub(1);
    }

    public StagedNetwork network() {
        return network;
    }

    /** Accuracy on 256 fresh images. */
    public double accuracy() {
        return accuracy;
    }

    public NDManager manager() {
        return model.getNDManager();
    }

    @Override
    public void close() {
        model.close();
    }
}
