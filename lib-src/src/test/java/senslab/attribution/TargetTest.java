package senslab.attribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import senslab.models.StagedNetwork;

class TargetTest {
    private static final int SIDE = 4;

    /** conv(2→3, 3×3) → ReLU │ linear → 5, with formula-given weights. */
    private static StagedNetwork net() {
        StagedNetwork net = StagedNetwork.builder()
                .stage("features", new SequentialBlock()
                        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                                .setFilters(3).build())
                        .add(Activation::relu))
                .stage("logits", new SequentialBlock().add(Blocks.batchFlattenBlock())
                        .add(Linear.builder().setUnits(5).build()))
                .build();
        net.block().setInitializer((manager, shape, type) -> {
            float[] v = new float[(int) shape.size()];
            for (int t = 0; t < v.length; t++) {
                v[t] = (float) (0.4 * Math.sin(1.3 * t + 0.2));
            }
            return manager.create(v, shape);
        }, Parameter.Type.WEIGHT);
        net.initialize(new Shape(2, SIDE, SIDE));
        return net;
    }

    private static NDArray inputs(NDManager manager, int rows) {
        Random random = new Random(5);
        float[] x = new float[rows * 2 * SIDE * SIDE];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return manager.create(x, new Shape(rows, 2, SIDE, SIDE));
    }

    @Test
    void labelsAndStagesFollowTheNetwork() {
        try (StagedNetwork net = net()) {
            List<String> stages = net.stageNames();
            assertEquals(List.of("features", "logits"), Target.stages().labels(stages));
            assertEquals(List.of("features"), Target.stages("features").labels(stages));
            assertEquals(0, Target.stages("features").deepestStage(stages));
            assertEquals(1, Target.stages("logits", "features").deepestStage(stages));
            assertEquals(List.of("features channel 2"), Target.channel("features", 2).labels(stages));
            assertEquals(0, Target.channel("features", 2).deepestStage(stages));
            assertEquals(List.of("class"), Target.classLogit(3).labels(stages));
            assertEquals(1, Target.classLogit(3).deepestStage(stages));
        }
    }

    @Test
    void outputsAndScoresAreTheNamedPartsOfTheStageOutputs() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = net()) {
            Outputs all = new Outputs(net.stageNames(), net.forwardAll(inputs(manager, 2)));
            int[] rows = {0, 1};
            float[] features = all.stage("features").toFloatArray(); // [2, 3, 4, 4]
            float[] logits = all.output().toFloatArray(); // [2, 5]
            int plane = SIDE * SIDE;

            NDArray whole = Target.stages("features").vector(all, 0, rows);
            assertEquals(new Shape(2, 3 * plane), whole.getShape());
            assertArrayEquals(features, whole.toFloatArray(), 0f);
            float[] norms = Target.stages("features").score(all, 0, rows).toFloatArray();
            for (int r = 0; r < 2; r++) {
                double sum = 0;
                for (int k = 0; k < 3 * plane; k++) {
                    sum += features[r * 3 * plane + k] * (double) features[r * 3 * plane + k];
                }
                assertEquals(Math.sqrt(sum), norms[r], 1e-5 * Math.sqrt(sum));
            }

            float[] channel = Target.channel("features", 1).vector(all, 0, rows).toFloatArray();
            assertEquals(2 * plane, channel.length);
            for (int r = 0; r < 2; r++) {
                for (int k = 0; k < plane; k++) {
                    assertEquals(features[(r * 3 + 1) * plane + k], channel[r * plane + k], 0f);
                }
            }

            NDArray logit = Target.classLogit(3).vector(all, 0, rows);
            assertEquals(new Shape(2, 1), logit.getShape());
            float[] score = Target.classLogit(3).score(all, 0, rows).toFloatArray();
            assertArrayEquals(new float[] {logits[3], logits[5 + 3]}, score, 0f); // signed, not a norm
        }
    }

    @Test
    void channelsAndNeuronsArePerImageAndAChannelsNumberIsItsMean() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = net()) {
            Outputs all = new Outputs(net.stageNames(), net.forwardAll(inputs(manager, 2)));
            float[] features = all.stage("features").toFloatArray(); // [2, 3, 4, 4]
            int plane = SIDE * SIDE;
            int[] rows = {0, 1};
            Target perImage = Target.channel("features", 2, 0);
            assertEquals(List.of("features channels [2, 0]"), perImage.labels(net.stageNames()));
            float[] vector = perImage.vector(all, 0, rows).toFloatArray();
            float[] score = perImage.score(all, 0, rows).toFloatArray();
            int[] channelOf = {2, 0};
            for (int r = 0; r < 2; r++) {
                double sum = 0;
                for (int k = 0; k < plane; k++) {
                    float v = features[(r * 3 + channelOf[r]) * plane + k];
                    assertEquals(v, vector[r * plane + k], 0f);
                    sum += v;
                }
                assertEquals(sum / plane, score[r], 1e-6, "a channel's number is its mean");
            }
            float[] unit = Target.neuron("features", 1, 2, 1).score(all, 0, rows).toFloatArray();
            for (int r = 0; r < 2; r++) {
                assertEquals(features[(r * 3 + 1) * plane + SIDE + 2], unit[r], 0f);
            }
            IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                    () -> perImage.checkImages(3));
            assertTrue(count.getMessage().contains("one per image"), count.getMessage());
        }
    }

    @Test
    void aPassThatStoppedEarlyNamesTheStageItDidNotReach() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = net()) {
            Outputs first = new Outputs(net.stageNames(),
                    net.forwardThrough(net.parameterStore(), inputs(manager, 1), 0, false));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Target.classLogit(0).vector(first, 0, new int[] {0}));
            assertTrue(e.getMessage().contains("stopped at stage 'features', before 'logits'"), e.getMessage());
        }
    }

    @Test
    void gradientsFlowThroughTheTarget() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = net()) {
            float[][] gradients = new float[2][];
            for (int way = 0; way < 2; way++) {
                try (NDManager scope = manager.newSubManager();
                        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray x = inputs(scope, 1);
                    x.setRequiresGradient(true);
                    NDList all = net.forwardAll(net.parameterStore(), x, false);
                    NDArray objective = way == 0
                            ? Target.classLogit(2).score(new Outputs(net.stageNames(), all), 0, new int[] {0}).sum()
                            : all.get(1).mul(scope.create(new float[] {0, 0, 1, 0, 0})).sum();
                    collector.backward(objective);
                    gradients[way] = x.getGradient().toFloatArray();
                }
            }
            assertArrayEquals(gradients[1], gradients[0], 0f);
            assertTrue(java.util.stream.IntStream.range(0, gradients[0].length).anyMatch(k -> gradients[0][k] != 0));
        }
    }

    @Test
    void badTargetsGetClearErrors() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = net()) {
            Outputs all = new Outputs(net.stageNames(), net.forwardAll(inputs(manager, 1)));
            int[] row = {0};
            IllegalArgumentException stage = assertThrows(IllegalArgumentException.class,
                    () -> Target.stages("block9").labels(net.stageNames()));
            assertTrue(stage.getMessage().contains("[features, logits]"), stage.getMessage());
            IllegalArgumentException channel = assertThrows(IllegalArgumentException.class,
                    () -> Target.channel("features", 3).vector(all, 0, row));
            assertTrue(channel.getMessage().contains("0..2"), channel.getMessage());
            IllegalArgumentException logit = assertThrows(IllegalArgumentException.class,
                    () -> Target.classLogit(5).vector(all, 0, row));
            assertTrue(logit.getMessage().contains("0..4"), logit.getMessage());
            IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                    () -> Target.classLogit(1, 2, 3).checkImages(2));
            assertTrue(count.getMessage().contains("one per image"), count.getMessage());
            assertEquals(2, Target.classLogit(1, 2).classOf(1));
            assertEquals(-1, Target.stages().classOf(0));
        }
    }
}
