package senslab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import senslab.data.Cifar10;
import senslab.data.ImageSet;
import senslab.data.Normalization;
import senslab.models.StagedNetwork;

@Tag("slow") // trains networks: not in make check
class TrainerTest {

    /** A small conv net with BatchNorm, to exercise the loop in seconds. */
    static StagedNetwork tinyNet() {
        return StagedNetwork.builder()
                .stage("block1", new SequentialBlock()
                        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                                .setFilters(8).build())
                        .add(BatchNorm.builder().build()).add(Activation.reluBlock())
                        .add(Pool.maxPool2dBlock(new Shape(4, 4), new Shape(4, 4))))
                .stage("logits",
                        new SequentialBlock().add(Blocks.batchFlattenBlock()).add(
                                Linear.builder().setUnits(10).build()))
                .build().initialize(new Shape(3, 32, 32));
    }

    /** Images whose class is written in their brightness: learnable, so accuracy must rise far above chance. */
    static ImageSet learnableImages(int n, long seed) {
        Random random = new Random(seed);
        int[] labels = IntStream.range(0, n).map(i -> i % 10).toArray();
        byte[] pixels = new byte[n * 3072];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < 3072; p++) {
                pixels[i * 3072 + p] = (byte) Math.max(0, Math.min(255, labels[i] * 25 + random.nextInt(30)));
            }
        }
        return new ImageSet(Cifar10.CLASSES, 3, 32, 32, pixels, labels);
    }

    @Test
    void learnsASimpleRuleAndTheOneCycleScheduleRisesThenFalls(@TempDir Path dir) {
        Engine.getInstance().setRandomSeed(3);
        ImageSet images = learnableImages(640, 1);
        try (StagedNetwork net = tinyNet()) {
            double before = Evaluation.accuracy(net, images, Normalization.CIFAR10);
            Recipe recipe = new Recipe("test", 0.01f, Recipe.Schedule.ONE_CYCLE, 0f, 0f, 32, 4, 0);
            List<Trainer.Epoch> history =
                    new Trainer(net, recipe, 1, Normalization.CIFAR10, dir).fit(images, images.first(100));
            assertEquals(4, history.size());
            double after = Evaluation.accuracy(net, images, Normalization.CIFAR10);
            assertTrue(after > 0.9 && after > before + 0.3, "accuracy " + before + " → " + after);
            assertTrue(history.get(3).loss() < history.get(0).loss());
        }
        Recipe cycle = new Recipe("c", 1f, Recipe.Schedule.ONE_CYCLE, 0f, 0f, 1, 1, 0);
        assertTrue(cycle.learningRateAt(0, 100) < 0.1f);
        assertEquals(1f, cycle.learningRateAt(30, 100), 1e-6);
        assertEquals(0f, cycle.learningRateAt(100, 100), 1e-6);
        assertEquals(1e-3f, Recipe.paper().learningRateAt(777, 1000));
        // a warm-up over the first of 4 epochs (25 of 100 steps), then the rate itself
        Recipe warmUp = new Recipe("w", 1f, Recipe.Schedule.WARM_UP, 0f, 0f, 1, 4, 0);
        assertEquals(0.04f, warmUp.learningRateAt(0, 100), 1e-6);
        assertEquals(0.04f + 0.96f * 12 / 25, warmUp.learningRateAt(12, 100), 1e-6);
        assertEquals(1f, warmUp.learningRateAt(25, 100), 1e-6);
        assertEquals(1f, warmUp.learningRateAt(99, 100), 1e-6);
        assertEquals("paper-adam0.001-constant-wd0-ls0-b64-e15-all", Recipe.paper().key());
    }

    @Test
    void anInterruptKeepsTheLastCheckpointAndTheNextRunResumesFromIt(@TempDir Path dir) {
        ImageSet images = learnableImages(200, 2);
        Recipe recipe = new Recipe("test", 0.01f, Recipe.Schedule.CONSTANT, 0f, 0f, 32, 3, 0);
        float[] afterEpoch1;
        Engine.getInstance().setRandomSeed(4);
        try (StagedNetwork net = tinyNet(); NDManager m = NDManager.newBaseManager()) {
            Trainer trainer = new Trainer(net, recipe, 9, Normalization.CIFAR10, dir)
                    .onEpoch(epoch -> Thread.currentThread().interrupt()); // the stop button, pressed during epoch 1
            CancellationException stop = assertThrows(CancellationException.class, () -> trainer.fit(images, null));
            assertFalse(Thread.currentThread().isInterrupted(), "the interrupt was handled");
            assertTrue(stop.getMessage().contains("after epoch 1"), stop.getMessage());
            afterEpoch1 = net.forward(images.batch(m, 0, 8, Normalization.CIFAR10)).toFloatArray();
        }
        Engine.getInstance().setRandomSeed(5);
        try (StagedNetwork fresh = tinyNet()) {
            int[] epochsRun = {0};
            Trainer again = new Trainer(fresh, recipe, 9, Normalization.CIFAR10, dir).onEpoch(epoch -> {
                if (epochsRun[0]++ == 0) {
                    // the first epoch of this run is epoch 2, started from epoch 1's weights
                    assertEquals(2, epoch.epoch());
                }
            });
            List<Trainer.Epoch> history = again.fit(images, null);
            assertEquals(3, history.size());
            assertEquals(2, epochsRun[0], "only epochs 2 and 3 ran again");
        }
        Engine.getInstance().setRandomSeed(6);
        try (StagedNetwork loaded = tinyNetLoaded(dir); NDManager m = NDManager.newBaseManager()) {
            assertFalse(java.util.Arrays.equals(afterEpoch1,
                    loaded.forward(images.batch(m, 0, 8, Normalization.CIFAR10)).toFloatArray()),
                    "the checkpoint moved on to epoch 3");
        }
        Recipe other = recipe.withEpochs(5);
        try (StagedNetwork net = tinyNet()) {
            assertThrows(IllegalStateException.class, () ->
                    new Trainer(net, other, 9, Normalization.CIFAR10, dir).fit(images, null));
        }
    }

    private static StagedNetwork tinyNetLoaded(Path dir) {
        return tinyNet().load(dir.resolve("checkpoint.params"));
    }

    @Test
    void memoryStaysFlatOverThousandsOfTrainingSteps(@TempDir Path dir) {
        Engine.getInstance().setRandomSeed(7);
        ImageSet images = learnableImages(64, 3);
        Recipe recipe =
                new Recipe("memory", 1e-3f, Recipe.Schedule.CONSTANT, 1e-4f, 0.1f, 2, 40, 0); // 32 steps an epoch
        try (StagedNetwork net = tinyNet()) {
            NDManager everything = net.parameterManager().getParentManager();
            long[] arrays = new long[41];
            new Trainer(net, recipe, 1, Normalization.CIFAR10, dir).onEpoch(epoch -> {
                arrays[epoch.epoch()] = everything.getManagedArrays().size();
            }).fit(images, null);
            // no array outlives its step (weights, gradients and optimizer moments stay); resident memory over
            // 3,000 steps is measured by senslab.bench.TrainMemoryBench, in a JVM with a fixed, pre-touched heap
            assertEquals(arrays[5], arrays[40], "live arrays after epoch 5 and epoch 40");
        }
    }
}
