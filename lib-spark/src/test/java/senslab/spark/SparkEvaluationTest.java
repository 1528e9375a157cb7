package senslab.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import senslab.Profile;
import senslab.attribution.Target;
import senslab.data.ImageSet;
import senslab.data.Normalization;
import senslab.localisation.GroundTruth;
import senslab.metric.Evaluation;
import senslab.metric.EvaluationScores;
import senslab.models.StagedNetwork;
import senslab.notebook.MapTrust;
import tech.tablesaw.api.Table;

class SparkEvaluationTest extends LocalSparkTest {
    private static final int IMAGES = 7;

    /** Notebook 09's recipe in small batches, so that a few images make several partitions. */
    record Batched(EvaluationRecipe recipe, int size) implements EvaluationRecipe {
        @Override
        public Evaluation on(StagedNetwork net, NetworkSource source) {
            return recipe.on(net, source).batchSize(size);
        }
    }

    /** Every method and metric of notebook 09 (smoke settings) on the small network, with a true square per image. */
    static EvaluationRecipe trust(String camStage, GroundTruth truth) {
        return new EvaluationRecipe.Trust(new MapTrust.Settings("small", camStage, 10, Profile.SMOKE, truth));
    }

    /** A random 6 × 6 square of each 16 × 16 image: a localisation metric that read another image's would show. */
    static GroundTruth squares(int images, long seed) {
        Random random = new Random(seed);
        boolean[][][] masks = new boolean[images][TestNets.SIDE][TestNets.SIDE];
        for (boolean[][] mask : masks) {
            int row = random.nextInt(TestNets.SIDE - 6);
            int column = random.nextInt(TestNets.SIDE - 6);
            for (int y = row; y < row + 6; y++) {
                for (int x = column; x < column + 6; x++) {
                    mask[y][x] = true;
                }
            }
        }
        return GroundTruth.of(masks);
    }

    /** The evaluation's call on the whole set: what Spark must reproduce. */
    static EvaluationScores direct(NetworkSource source, EvaluationRecipe recipe, ImageSet images) {
        try (StagedNetwork net = source.open(); NDManager manager = NDManager.newBaseManager()) {
            return recipe.on(net, source).scores(images.batch(manager, Normalization.CIFAR10),
                    Target.classLogit(images.labels()));
        }
    }

    static void assertSameScores(EvaluationScores expected, EvaluationScores actual) {
        assertEquals(expected.methods(), actual.methods());
        assertEquals(expected.metrics(), actual.metrics());
        assertArrayEquals(expected.images(), actual.images());
        for (String method : expected.methods()) {
            for (String metric : expected.metrics()) {
                assertEquals(expected.applicable(method, metric), actual.applicable(method, metric));
                assertArrayEquals(expected.values(method, metric), actual.values(method, metric), 0,
                        method + " / " + metric);
            }
        }
        Table table = expected.table().removeColumns("s per map", "metric s per map");
        assertEquals(table.print(Integer.MAX_VALUE),
                actual.table().removeColumns("s per map", "metric s per map").print(Integer.MAX_VALUE));
    }

    @Test
    void scoresOnLocalSparkEqualTheDirectCallValueForValue(@TempDir Path dir) throws Exception {
        NetworkSource source = TestNets.saved(dir.resolve("small.params"), 3);
        ImageSet images = TestNets.images(IMAGES, 1);
        EvaluationRecipe recipe = new Batched(trust("block2", squares(IMAGES, 5)), 2);
        Jobs jobs = new Jobs();
        EvaluationScores scores = jobs.during(() -> SparkEvaluation.of(spark, source, recipe).batchesPerPartition(1)
                .output(dir.resolve("out")).run(images));
        assertEquals(4, jobs.count(), "partitions of 2, 2, 2 and 1 images");
        EvaluationScores expected = direct(source, recipe, images);
        assertSameScores(expected, scores);
        assertArrayEquals(IntStream.range(0, IMAGES).toArray(), scores.images());
        // every family is there, localisation against the squares too
        assertTrue(scores.metrics().containsAll(List.of("pointing game", "relevance mass")),
                scores.metrics().toString());
    }

    @Test
    void aSecondRunComputesNothingAndALostPartitionAloneIsComputedAgain(@TempDir Path dir) throws Exception {
        NetworkSource source = TestNets.saved(dir.resolve("small.params"), 7);
        ImageSet images = TestNets.images(IMAGES, 2);
        EvaluationRecipe recipe = new Batched(trust("block2", null), 2);
        SparkEvaluation job = SparkEvaluation.of(spark, source, recipe).batchesPerPartition(2)
                .output(dir.resolve("out"));
        EvaluationScores first = job.run(images);
        List<Path> files;
        try (var walk = Files.walk(job.folder())) {
            files = walk.filter(f -> f.getFileName().toString().equals("scores.ser")).sorted().toList();
        }
        assertEquals(2, files.size(), "partitions of 4 and 3 images, each in a file of its own");
        FileTime kept = Files.getLastModifiedTime(files.get(0));

        Jobs again = new Jobs();
        assertSameScores(first, again.during(() -> job.run(images)));
        assertEquals(0, again.count(), "a second run computes no partition");

        Files.delete(files.get(1));
        Jobs lost = new Jobs();
        assertSameScores(first, lost.during(() -> job.run(images)));
        assertEquals(1, lost.count(), "only the deleted partition is computed again");
        assertEquals(kept, Files.getLastModifiedTime(files.get(0)));
        assertTrue(Files.isRegularFile(files.get(1)));
        try (var walk = Files.list(files.get(1).getParent())) {
            assertEquals(List.of(files.get(1)), walk.toList(), "no partial file is left behind");
        }

        // other weights, another recipe, another target: other folders, never mixed up with these results
        NetworkSource other = TestNets.saved(dir.resolve("other.params"), 8);
        assertNotEquals(job.folder(), SparkEvaluation.of(spark, other, recipe).output(dir.resolve("out")).folder());
        assertNotEquals(job.folder(), SparkEvaluation.of(spark, source, new Batched(trust("block1", null), 2))
                .output(dir.resolve("out")).folder());
        assertNotEquals(job.folder(), job.target(labels -> Target.classLogit(0)).folder());
    }

    @Test
    void aRecipeThatDoesNotFitTheNetworkOrCannotTravelGetsAClearError(@TempDir Path dir) {
        NetworkSource source = TestNets.saved(dir.resolve("small.params"), 1);
        ImageSet images = TestNets.images(2, 1);
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> SparkEvaluation.of(spark, source, trust("block3", null)).output(dir).run(images));
        assertTrue(mismatch.getMessage().contains("does not fit the network")
                && mismatch.getMessage().contains("no stage named 'block3'"), mismatch.getMessage());

        // a method reference on a data set, as a notebook might write it: the set does not travel
        GroundTruth byReference = image -> new boolean[TestNets.SIDE + images.label(image) * 0][TestNets.SIDE];
        IllegalArgumentException travel = assertThrows(IllegalArgumentException.class,
                () -> SparkEvaluation.of(spark, source, trust("block2", byReference)).output(dir).run(images));
        assertTrue(travel.getMessage().contains("cannot travel to the executors")
                && travel.getMessage().contains(ImageSet.class.getName()), travel.getMessage());

        assertThrows(IllegalArgumentException.class, () -> SparkEvaluation.of(spark, source, trust("block2", null))
                .batchesPerPartition(0));
        // a class the network does not have: the executor's error comes back named
        IllegalStateException label = assertThrows(IllegalStateException.class,
                () -> SparkEvaluation.of(spark, source, trust("block2", null)).target(labels -> Target.classLogit(12))
                        .output(dir).run(images));
        assertTrue(label.getMessage().contains("evaluation job failed"), label.getMessage());
    }

    /** Counts the Spark jobs started while it listens. */
    static final class Jobs extends SparkListener {
        private final AtomicInteger started = new AtomicInteger();

        @Override
        public void onJobStart(SparkListenerJobStart start) {
            started.incrementAndGet();
        }

        <T> T during(java.util.function.Supplier<T> work) throws java.util.concurrent.TimeoutException {
            spark.sparkContext().addSparkListener(this);
            try {
                return work.get();
            } finally {
                spark.sparkContext().listenerBus().waitUntilEmpty();
                spark.sparkContext().removeSparkListener(this);
            }
        }

        int count() {
            return started.get();
        }
    }
}
