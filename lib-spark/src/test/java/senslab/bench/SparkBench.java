package senslab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.spark.sql.SparkSession;
import senslab.data.Cifar10;
import senslab.data.ImageSet;
import senslab.data.Normalization;
import senslab.models.CifarNet;
import senslab.models.StagedNetwork;
import senslab.attribution.AttributionMaps;
import senslab.spark.MapMethod;
import senslab.spark.MapResults;
import senslab.spark.NetworkSource;
import senslab.spark.Spark;
import senslab.spark.SparkSensitivity;

/**
 * Finite-difference maps of 64 images by VGG-16 (block 1, the R channel: 1,024 perturbed copies per image, passes
 * stopped after block 1, about 0.5 s an image; all blocks cost about 8× more and weigh Spark's overhead less),
 * measured in one run: directly in this JVM (one library call), on Spark local[1] and on local[2]. Goals:
 * Spark's overhead against the direct call at most 15 % on local[2], and throughput growing from 1 to 2 cores.
 */
public final class SparkBench {
    private static final int IMAGES = 64;

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("spark-bench");
        Engine.getInstance().setRandomSeed(1);
        try (StagedNetwork vgg = CifarNet.VGG16.create()) {
            vgg.save(dir.resolve("vgg16.params"));
        }
        NetworkSource source = NetworkSource.of(CifarNet.VGG16, dir.resolve("vgg16.params"));
        MapMethod method = MapMethod.finiteDifferences().authorsDelta(0).stages("block1").channels(0);
        ImageSet images = images();
        System.out.printf("%d images, VGG-16 with random weights, %s; %d cores; timings are noisy when other processes "
                + "share the machine%n", IMAGES, method, Runtime.getRuntime().availableProcessors());

        long start = System.nanoTime();
        AttributionMaps direct;
        try (StagedNetwork net = source.open(); NDManager manager = NDManager.newBaseManager()) {
            direct = method.maps(net, images.batch(manager, Normalization.CIFAR10), 0);
        }
        double directRate = IMAGES / ((System.nanoTime() - start) / 1e9);
        double oneCore = onSpark("local[1]", source, method, images, dir, direct);
        double twoCores = onSpark("local[2]", source, method, images, dir, direct);
        System.out.printf("direct (one call, this JVM): %.2f images/s%n", directRate);
        System.out.printf("Spark local[1]: %.2f images/s; local[2]: %.2f images/s%n", oneCore, twoCores);
        System.out.printf("Spark's overhead on local[2]: %+.1f %% of the direct time (goal: at most 15 %%)%n",
                100 * (directRate / twoCores - 1));
        System.out.printf("throughput from 1 to 2 executor cores: ×%.2f%n", twoCores / oneCore);
    }

    private static double onSpark(String master, NetworkSource source, MapMethod method, ImageSet images, Path dir,
            AttributionMaps direct) {
        SparkSession spark = Spark.session(master);
        try {
            long start = System.nanoTime();
            MapResults results = SparkSensitivity.of(spark, source, method).imagesPerPartition(8)
                    .output(dir.resolve(master.replaceAll("\\W", ""))).run(images);
            double rate = IMAGES / ((System.nanoTime() - start) / 1e9);
            AttributionMaps maps = results.maps();
            boolean same = IntStream.range(0, IMAGES).allMatch(i -> direct.labels().stream()
                    .allMatch(s -> Arrays.equals(direct.values(i, s), maps.values(i, s))));
            System.out.printf("%s: maps equal to the direct ones bit for bit: %s%n", master, same);
            return rate;
        } finally {
            spark.stop();
        }
    }

    /** Random pixels: the cost of the maps does not depend on what the images show. */
    private static ImageSet images() {
        byte[] pixels = new byte[IMAGES * 3 * 32 * 32];
        new Random(0).nextBytes(pixels);
        return new ImageSet(Cifar10.CLASSES, 3, 32, 32, pixels, IntStream.range(0, IMAGES).map(i -> i % 10).toArray());
    }
}
