package senslab.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import senslab.attribution.AttributionMaps;
import senslab.data.ImageSet;
import senslab.data.Normalization;
import senslab.models.StagedNetwork;
import tech.tablesaw.api.Table;

class SparkSensitivityTest extends LocalSparkTest {
    /** The library's maps of the whole set in one call: what Spark must reproduce. */
    static AttributionMaps direct(NetworkSource source, MapMethod method, ImageSet images) {
        try (StagedNetwork net = source.open(); NDManager manager = NDManager.newBaseManager()) {
            return method.maps(net, images.batch(manager, Normalization.CIFAR10), 0);
        }
    }

    static void assertSameMaps(AttributionMaps expected, AttributionMaps actual) {
        assertEquals(expected.images(), actual.images());
        assertEquals(expected.labels(), actual.labels());
        for (int i = 0; i < expected.images(); i++) {
            for (String stage : expected.labels()) {
                assertArrayEquals(expected.values(i, stage), actual.values(i, stage), 0f, "image " + i + ", " + stage);
            }
        }
    }

    @Test
    void mapsOnLocalSparkEqualTheDirectComputationExactly(@TempDir Path dir) {
        NetworkSource source = TestNets.saved(dir.resolve("small.params"), 3);
        ImageSet images = TestNets.images(7, 1);
        // random δ and random probes: a partition that drew another image's numbers would show
        for (MapMethod method : List.of(MapMethod.finiteDifferences().authorsDelta(4),
                MapMethod.gradient(6, 9).authorsDelta(4).stages("block2").cell(2))) {
            MapResults results = SparkSensitivity.of(spark, source, method).imagesPerPartition(3)
                    .output(dir.resolve("out")).run(images);
            assertEquals(3, results.parts().size());
            AttributionMaps expected = direct(source, method, images);
            assertSameMaps(expected, results.maps());
            // per image, stage and channel one row, with the stored map's mean
            assertEquals(7L * expected.labels().size() * 3, results.rows().count());
            Table means = results.imageTable();
            for (int r = 0; r < means.rowCount(); r++) {
                int image = means.intColumn("image").get(r);
                float[] values = expected.values(image, means.stringColumn("stage").get(r));
                double mean = 0;
                for (int c = 0; c < 3; c++) {
                    mean += MapRows.mean(java.util.Arrays.copyOfRange(values, c * values.length / 3,
                            (c + 1) * values.length / 3)) / 3;
                }
                assertEquals(mean, means.doubleColumn("mean").get(r), 1e-12);
                assertEquals(TestNets.CLASSES.get(image % 10), means.stringColumn("class").get(r));
            }
        }
    }

    @Test
    void statisticsPerStageAndClassMatchTheImageMeans(@TempDir Path dir) {
        NetworkSource source = TestNets.saved(dir.resolve("small.params"), 5);
        ImageSet images = TestNets.images(12, 2);
        MapResults results = SparkSensitivity.of(spark, source, MapMethod.finiteDifferences()).imagesPerPartition(5)
                .output(dir).run(images);
        Table perImage = results.imageTable();
        Table byClass = results.byClass();
        assertEquals(3 * 10, byClass.rowCount(), "3 stages × 10 classes");
        for (int r = 0; r < byClass.rowCount(); r++) {
            String stage = byClass.stringColumn("stage").get(r);
            String name = byClass.stringColumn("class").get(r);
            double[] values = perImage.where(perImage.stringColumn("stage").isEqualTo(stage)
                    .and(perImage.stringColumn("class").isEqualTo(name))).doubleColumn("mean").asDoubleArray();
            double mean = java.util.Arrays.stream(values).average().orElseThrow();
            assertEquals(values.length, byClass.intColumn("images").get(r));
            assertEquals(mean, byClass.doubleColumn("mean").get(r), 1e-12);
            if (values.length == 2) { // t(1) quantile 12.706: interval mean ± 12.706·|a − b|/2
                double half = 12.7062047361747 * Math.abs(values[0] - values[1]) / 2;
                assertEquals(mean + half, byClass.doubleColumn("high").get(r), 1e-9 * (1 + half));
            }
        }
        // class0 holds images 0 and 10: the first of them alone, and both
        double[] first = results.meanOfFirst("class0", 1);
        double[] both = results.meanOfFirst("class0", 2);
        for (int s = 0; s < 3; s++) {
            Table stageRows = perImage.where(
                    perImage.stringColumn("stage").isEqualTo(List.of("block1", "block2", "logits").get(s)));
            double image0 = stageRows.where(stageRows.intColumn("image").isEqualTo(0)).doubleColumn("mean").get(0);
            double image10 = stageRows.where(stageRows.intColumn("image").isEqualTo(10)).doubleColumn("mean").get(0);
            assertEquals(image0, first[s], 1e-15);
            assertEquals((image0 + image10) / 2, both[s], 1e-15);
        }
        Table drop = results.depthDrop();
        assertEquals(10, drop.rowCount());
        for (int r = 0; r < drop.rowCount(); r++) {
            assertEquals(drop.doubleColumn("logits").get(r) / drop.doubleColumn("block1").get(r),
                    drop.doubleColumn("ratio").get(r), 1e-15);
        }
        Table byStage = results.byStage();
        assertEquals(List.of("block1", "block2", "logits"), byStage.stringColumn("stage").asList());
        assertTrue(byStage.doubleColumn("low").get(0) < byStage.doubleColumn("mean").get(0));
    }

    @Test
    void aStoppedRunResumesWithoutRecomputingFinishedPartitions(@TempDir Path dir) throws Exception {
        NetworkSource source = TestNets.saved(dir.resolve("small.params"), 7);
        ImageSet images = TestNets.images(6, 3);
        SparkSensitivity job = SparkSensitivity.of(spark, source, MapMethod.finiteDifferences().stages("block1"))
                .imagesPerPartition(2).output(dir.resolve("out"));
        MapResults first = job.run(images);
        Map<Path, FileTime> written = first.parts().stream().collect(Collectors.toMap(p -> p,
                p -> modified(p.resolve("_SUCCESS"))));
        // a run stopped while partition 2 was running: its folder has no _SUCCESS
        Path lost = first.parts().get(1);
        Files.delete(lost.resolve("_SUCCESS"));
        MapResults again = job.run(images);
        assertEquals(first.parts(), again.parts());
        assertEquals(written.get(first.parts().get(0)), modified(again.parts().get(0).resolve("_SUCCESS")));
        assertEquals(written.get(first.parts().get(2)), modified(again.parts().get(2).resolve("_SUCCESS")));
        assertTrue(Files.isRegularFile(lost.resolve("_SUCCESS")), "the unfinished partition is computed again");
        assertSameMaps(direct(source, MapMethod.finiteDifferences().stages("block1"), images), again.maps());
        // other weights, other settings: other folders, never mixed up with these results
        NetworkSource other = TestNets.saved(dir.resolve("other.params"), 8);
        assertTrue(
                !job.folder().equals(SparkSensitivity.of(spark, other, MapMethod.finiteDifferences().stages("block1"))
                .output(dir.resolve("out")).folder()));
        assertTrue(
                !job.folder().equals(SparkSensitivity.of(spark, source, MapMethod.finiteDifferences().stages("block2"))
                .output(dir.resolve("out")).folder()));
    }

    @Test
    void missingWeightsGetAClearErrorNamingThePath(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nowhere/vgg16.params");
        IllegalArgumentException early = assertThrows(IllegalArgumentException.class,
                () -> NetworkSource.of("small", TestNets::create, missing));
        assertTrue(early.getMessage().contains(missing.toString()), early.getMessage());
        // the file vanishes after the job was set up: the executor's error names it too
        Path file = dir.resolve("gone.params");
        NetworkSource source = TestNets.saved(file, 1);
        Files.delete(file);
        IllegalStateException late = assertThrows(IllegalStateException.class, () -> SparkSensitivity
                .of(spark, source, MapMethod.finiteDifferences()).output(dir.resolve("out"))
                .run(TestNets.images(2, 1)));
        assertTrue(late.getMessage().contains(file.toString()) && late.getMessage().contains("every worker"),
                late.getMessage());
        // shipped weights need no file on the workers
        NetworkSource shipped = TestNets.saved(file, 1).shipped();
        Files.delete(file);
        ImageSet images = TestNets.images(2, 1);
        assertSameMaps(direct(shipped, MapMethod.finiteDifferences(), images), SparkSensitivity
                .of(spark, shipped, MapMethod.finiteDifferences()).output(dir.resolve("out")).run(images).maps());
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
