package senslab.cam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.convolutional.Conv2d;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import senslab.attribution.AttributionMaps;
import senslab.attribution.Outputs;
import senslab.attribution.Target;
import senslab.models.StagedNetwork;

class GradCamTest {

    private static float[][] handImage() {
        float[][] image = new float[HandNet.SIZE][HandNet.SIZE];
        Random random = new Random(3);
        for (float[] row : image) {
            for (int j = 0; j < row.length; j++) {
                row[j] = random.nextFloat() * 2 - 1;
            }
        }
        return image;
    }

    /** {@code image} as the network's input, {@code [1, 1, 5, 5]}. */
    private static NDArray input(NDManager manager, float[][] image) {
        float[] flat = new float[HandNet.SIZE * HandNet.SIZE];
        for (int i = 0; i < HandNet.SIZE; i++) {
            System.arraycopy(image[i], 0, flat, i * HandNet.SIZE, HandNet.SIZE);
        }
        return manager.create(flat, new Shape(1, 1, HandNet.SIZE, HandNet.SIZE));
    }

    /**
     * On the hand-built net, d logit_c / d A_k[i][j] = W2[c][k] / 25 (average pool after a 1×1 conv),
     * so the CAM is known in closed form; the stage is 5×5 like the input, so upsampling is the identity.
     */
    private static void matchesHand(BiFunction<StagedNetwork, String, Cam> method,
                                    java.util.function.IntFunction<double[]> handWeights, double[][][] features) {
        try (NDManager manager = NDManager.newBaseManager()) {
            StagedNetwork network = HandNet.build(manager);
            float[][] image = handImage();
            NDArray input = input(manager, image);
            for (int c = 0; c < 3; c++) {
                float[][] cam =
                        method.apply(network, "features").attribute(input, Target.classLogit(c)).map(0, "class", 0);
                double[] weights = handWeights.apply(c);
                double[][] expected = new double[HandNet.SIZE][HandNet.SIZE];
                double min = Double.MAX_VALUE;
                double max = -Double.MAX_VALUE;
                for (int i = 0; i < HandNet.SIZE; i++) {
                    for (int j = 0; j < HandNet.SIZE; j++) {
                        double s = weights[0] * features[0][i][j] + weights[1] * features[1][i][j];
                        expected[i][j] = Math.max(0, s);
                        min = Math.min(min, expected[i][j]);
                        max = Math.max(max, expected[i][j]);
                    }
                }
                for (int i = 0; i < HandNet.SIZE; i++) {
                    for (int j = 0; j < HandNet.SIZE; j++) {
                        double value = (expected[i][j] - min) / (max - min);
                        assertEquals(value, cam[i][j], 1e-4, "class " + c + " at (" + i + ", " + j + ")");
                    }
                }
            }
        }
    }

    @Test
    void gradCamOnHandBuiltNetMatchesHandComputation() {
        double[][][] a = HandNet.features(handImage());
        matchesHand(GradCam::new, c -> new double[] {HandNet.W2[c][0] / 25.0, HandNet.W2[c][1] / 25.0}, a);
    }

    @Test
    void gradCamPlusPlusOnHandBuiltNetMatchesHandComputation() {
        double[][][] a = HandNet.features(handImage());
        matchesHand(GradCamPlusPlus::new, c -> {
            double[] weights = new double[2];
            for (int k = 0; k < 2; k++) {
                double g = HandNet.W2[c][k] / 25.0;
                double sumA = 0;
                for (double[] row : a[k]) {
                    for (double v : row) {
                        sumA += v;
                    }
                }
                double alpha = g == 0 ? 0 : g * g / (2 * g * g + sumA * g * g * g + 1e-7);
                weights[k] = 25 * alpha * Math.max(g, 0);
            }
            return weights;
        }, a);
    }

    @Test
    void gradCamPutsItsMassOnTheSquareThatDecidesTheClass() {
        try (SquareWorld world = SquareWorld.train(200, 11)) {
            System.out.println("square net accuracy " + world.accuracy());
            assertTrue(world.accuracy() > 0.9, "the square net must learn its task first, accuracy "
                    + world.accuracy());
            try (NDManager manager = world.manager().newSubManager()) {
                SquareWorld.Batch batch = SquareWorld.batch(manager, 32, new Random(99));
                AttributionMaps maps = new GradCam(world.network(), "features")
                        .attribute(SquareWorld.toNetwork(batch.images()), Target.classLogit(batch.labels()));
                float[][][] cams = new float[maps.images()][][];
                java.util.Arrays.setAll(cams, b -> maps.map(b, "class", 0));
                double share = SquareWorld.SQUARE * SquareWorld.SQUARE / (double) (SquareWorld.SIZE * SquareWorld.SIZE);
                double inside = 0;
                for (int b = 0; b < cams.length; b++) {
                    double total = 0;
                    double in = 0;
                    int y0 = batch.corners()[b][0];
                    int x0 = batch.corners()[b][1];
                    for (int y = 0; y < SquareWorld.SIZE; y++) {
                        for (int x = 0; x < SquareWorld.SIZE; x++) {
                            total += cams[b][y][x];
                            if (y >= y0 && y < y0 + SquareWorld.SQUARE && x >= x0 && x < x0 + SquareWorld.SQUARE) {
                                in += cams[b][y][x];
                            }
                        }
                    }
                    inside += total > 0 ? in / total / cams.length : 0;
                }
                System.out.printf("Grad-CAM mass inside the square: %.3f (square's share of the area %.3f)%n",
                        inside, share);
                assertTrue(inside > 3 * share, "mass inside the square " + inside + " vs area share " + share);
            }
        }
    }

    @Test
    void outputStageIsRejectedWithAClearMessage() {
        try (NDManager manager = NDManager.newBaseManager()) {
            StagedNetwork network = HandNet.build(manager);
            NDArray input = manager.zeros(new Shape(1, 1, 5, 5));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new GradCam(network, "logits").attribute(input, Target.classLogit(0)));
            assertTrue(e.getMessage().contains("convolutional stage"), e.getMessage());
        }
    }

    @Test
    void everyTargetIsExplainedByTheGradientOfItsScore() {
        try (NDManager manager = NDManager.newBaseManager()) {
            StagedNetwork network = HandNet.build(manager);
            float[][] image = handImage();
            NDArray input = input(manager, image);
            // a channel's number is its mean: its gradient is 1/25 on that channel and 0 on the other, so Grad-CAM
            // of the channel at its own stage is the channel itself (ReLU'd already), normalised to [0, 1]
            double[][][] features = HandNet.features(image);
            for (int k = 0; k < 2; k++) {
                float[][] cam = new GradCam(network, "features").attribute(input, Target.channel("features", k))
                        .map(0, "features channel " + k, 0);
                double min = Double.MAX_VALUE;
                double max = -Double.MAX_VALUE;
                for (double[] row : features[k]) {
                    for (double v : row) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
                for (int i = 0; i < HandNet.SIZE; i++) {
                    for (int j = 0; j < HandNet.SIZE; j++) {
                        assertEquals((features[k][i][j] - min) / (max - min), cam[i][j], 1e-5, "channel " + k);
                    }
                }
            }
            // a target of one's own, read from the network's output, explains like the library's own
            Target second = new Target() {
                @Override
                public List<String> labels(List<String> stages) {
                    return List.of("logit 1");
                }

                @Override
                public String stageOf(List<String> stages, int label) {
                    return stages.get(stages.size() - 1);
                }

                @Override
                public NDArray vector(Outputs outputs, int label, int[] images) {
                    return outputs.output().get(":, 1:2");
                }

                @Override
                public NDArray score(Outputs outputs, int label, int[] images) {
                    return vector(outputs, label, images).reshape(-1); // the logit itself, signed
                }
            };
            assertArrayEquals(new GradCamPlusPlus(network, "features").attribute(input, Target.classLogit(1))
                    .values(0, "class"), new GradCamPlusPlus(network, "features").attribute(input, second)
                    .values(0, "logit 1"), 0f);
        }
    }

    @Test
    void aTargetBeforeTheStageIsRejectedWithAClearMessage() {
        try (NDManager manager = NDManager.newBaseManager();
                StagedNetwork network = StagedNetwork.builder()
                        .stage("first", Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(2).build())
                        .stage("second", Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(2).build())
                        .stage("logits", Blocks.batchFlattenBlock()).build()) {
            network.initialize(new Shape(1, HandNet.SIZE, HandNet.SIZE));
            NDArray input = manager.zeros(new Shape(1, 1, HandNet.SIZE, HandNet.SIZE));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new GradCam(network, "second").attribute(input, Target.stages("first")));
            assertTrue(e.getMessage().contains("comes before 'second'"), e.getMessage());
        }
    }
}
