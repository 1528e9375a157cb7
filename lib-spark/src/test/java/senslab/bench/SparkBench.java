package senslab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.spark.sql.SparkSession;
import senslab.attribution.AttributionMaps;
import senslab.data.Cifar10;
import senslab.data.ImageSet;
import senslab.data.Normalization;
import senslab.models.CifarNet;
import senslab.models.StagedNetwork;
import senslab.spark.MapMethod;
import senslab.spark.MapResults;
import senslab.spark.NetworkSource;
import senslab.spark.Spark;
import senslab.spark.SparkSensitivity;

/**
 * Finite-difference maps of {@value #IMAGES} images by VGG-16 (block 1, the R channel: 1,024 perturbed copies per
 * image, passes stopped after block 1, about 0.5 s an image; all blocks cost about 8× more and weigh Spark's overhead
 * less), on Spark local[2] and local[1], each against the direct call (one library call in this JVM) with the same
 * cores: as many intra-op threads as Spark has task slots. Every side warms up, then the two are timed in
 * alternation ({@link SideBySide}). Goals: Spark's overhead against the direct call at most 10 % on local[2], and
 * throughput growing from 1 to 2 cores.
 */
public final class SparkBench {
    private static final int IMAGES = 32;

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        Path dir = Files.createTempDirectory("spark-bench");
        Engine.getInstance().setRandomSeed(1);
        try (StagedNetwork vgg = CifarNet.VGG16.create()) {
            vgg.save(dir.resolve("vgg16.params"));
        }
        NetworkSource source = NetworkSource.of(CifarNet.VGG16, dir.resolve("vgg16.params"));
        MapMethod method = MapMethod.finiteDifferences().authorsDelta(0).stages("block1").channels(0);
        ImageSet images = images();
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("SparkBench: %d images, VGG-16 with random weights, %s; load average before: %s%n", IMAGES,
                method, Files.readString(Path.of("/proc/loadavg")).trim());
        Report.side("direct call", Report.engine());
        Report.side("Spark", "the same JVM and engine (local mode); each task slot runs spark.task.cpus = 1 intra-op"
                + " thread");
        double[] rate = new double[3];
        for (int slots : new int[] {Math.min(2, cores), 1}) {
            String master = "local[" + slots + "]";
            SparkSession spark = Spark.session(master);
            int threads = JniUtils.getNumThreads();
            int[] run = {0};
            AttributionMaps[] direct = new AttributionMaps[1];
            MapResults[] distributed = new MapResults[1];
            try (StagedNetwork net = source.open(); NDManager manager = NDManager.newBaseManager()) {
                SideBySide.Times times = SideBySide.time(1, () -> {
                    JniUtils.setNumThreads(slots);
                    try (NDManager scope = manager.newSubManager()) {
                        long start = System.nanoTime();
                        direct[0] = method.maps(net, images.batch(scope, Normalization.CIFAR10), 0);
                        return (System.nanoTime() - start) / 1e9;
                    } finally {
                        JniUtils.setNumThreads(threads);
                    }
                }, () -> {
                    long start = System.nanoTime();
                    distributed[0] = SparkSensitivity.of(spark, source, method).imagesPerPartition(8)
                            .output(dir.resolve(master.replaceAll("\\W", "") + "-" + run[0]++)).run(images);
                    return (System.nanoTime() - start) / 1e9;
                });
                AttributionMaps maps = distributed[0].maps();
                boolean same = IntStream.range(0, IMAGES).allMatch(i -> direct[0].labels().stream()
                        .allMatch(s -> Arrays.equals(direct[0].values(i, s), maps.values(i, s))));
                double overhead = times.peerMedian() / times.ourMedian() - 1;
                Report.line("SparkBench/" + master.replaceAll("\\W", "") + "-overhead", String.format("maps of %d"
                        + " images on Spark %s against the direct call with %d intra-op thread%s", IMAGES, master,
                        slots, slots == 1 ? "" : "s"),
                        String.format("direct %.2f images/s", IMAGES / times.ourMedian()),
                        String.format("Spark %s %.2f images/s", master, IMAGES / times.peerMedian()),
                        String.format("Spark's overhead %+.1f %%", 100 * overhead)
                                + (slots > 1 ? " (goal ≤ 10 %: " + (overhead <= 0.10 ? "met" : "MISSED") + ")" : ""));
                System.out.printf("  (%s; the maps equal the direct ones bit for bit: %s)%n",
                        Report.statistic(1, times), same);
                rate[slots] = IMAGES / times.peerMedian();
            } finally {
                spark.stop();
            }
        }
        if (cores >= 2) {
            System.out.printf("throughput on Spark from 1 to 2 task slots: ×%.2f%n", rate[2] / rate[1]);
        }
    }

    /** Random pixels: the cost of the maps does not depend on what the images show. */
    private static ImageSet images() {
        byte[] pixels = new byte[IMAGES * 3 * 32 * 32];
        new Random(0).nextBytes(pixels);
        return new ImageSet(Cifar10.CLASSES, 3, 32, 32, pixels, IntStream.range(0, IMAGES).map(i -> i % 10).toArray());
    }
}
