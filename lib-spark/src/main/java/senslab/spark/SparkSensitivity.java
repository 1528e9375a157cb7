package senslab.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import senslab.data.ImageSet;
import senslab.data.Normalization;

/**
 * Sensitivity maps of a data set of images on Spark: the set is cut into partitions of consecutive images,
 * each mapped by one task on an executor (which loads the network once for it) and written to Parquet in a
 * folder of its own, under a folder keyed by the network's weights, the method and the normalization. A run
 * that was stopped resumes: partitions already written are not computed again.
 *
 * <pre>{@code
 * MapResults maps = SparkSensitivity.of(Spark.session(), NetworkSource.trained(vgg), MapMethod.finiteDifferences())
 *         .imagesPerPartition(8).output(Project.out().resolve("spark")).run(images);
 * maps.byClass();   // per stage and class: mean sensitivity with its 95 % interval
 * }</pre>
 *
 * Maps equal those of the library's call on the whole set ({@link MapMethod#on} at image 0), bit for bit.
 */
public final class SparkSensitivity {
    private final SparkSession spark;
    private final NetworkSource source;
    private final MapMethod method;
    private final Normalization normalization;
    private final int imagesPerPartition;
    private final Path output;

    private SparkSensitivity(SparkSession spark, NetworkSource source, MapMethod method, Normalization normalization,
            int imagesPerPartition, Path output) {
        this.spark = spark;
        this.source = source;
        this.method = method;
        this.normalization = normalization;
        this.imagesPerPartition = imagesPerPartition;
        this.output = output;
    }

    /**
     * Maps by {@code method} of the network {@code source} rebuilds, on {@code spark}; CIFAR-10 normalization,
     * 8 images per partition, results under {@code out/spark/}.
     */
    public static SparkSensitivity of(SparkSession spark, NetworkSource source, MapMethod method) {
        return new SparkSensitivity(Objects.requireNonNull(spark, "spark"), Objects.requireNonNull(source, "source"),
                Objects.requireNonNull(method, "method"), Normalization.CIFAR10, 8,
                senslab.Project.out().resolve("spark"));
    }

    /** How the images are normalized for the network (default: the paper's CIFAR-10 (x − 0.5)/0.5). */
    public SparkSensitivity normalization(Normalization value) {
        return new SparkSensitivity(spark, source, method, Objects.requireNonNull(value, "normalization"),
                imagesPerPartition, output);
    }

    /** Images per task: the network is loaded once per partition, and a stop loses at most the running ones. */
    public SparkSensitivity imagesPerPartition(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a partition needs at least one image, got " + count);
        }
        return new SparkSensitivity(spark, source, method, normalization, count, output);
    }

    /** The folder results go to (on a cluster, one every worker and the driver can reach, e.g. HDFS or S3). */
    public SparkSensitivity output(Path folder) {
        return new SparkSensitivity(spark, source, method, normalization, imagesPerPartition,
                Objects.requireNonNull(folder, "folder"));
    }

    /** Where the results of these settings go: a folder named by the network and a digest of the settings. */
    public Path folder() {
        return PartitionJobs.folder(output, source.name(), settings());
    }

    /**
     * Maps every image of {@code images} (ids: indices in the set), skipping partitions already written by an
     * earlier run with the same settings, and returns all of them. Progress prints live; an interrupt cancels
     * the running tasks and keeps the finished partitions.
     */
    public MapResults run(ImageSet images) {
        Path folder = folder();
        PartitionJobs.writeSettings(folder, settings());
        List<ImageChunk> chunks = ImageChunk.of(images, imagesPerPartition);
        List<Path> parts = new ArrayList<>();
        List<ImageChunk> pending = new ArrayList<>();
        for (ImageChunk chunk : chunks) {
            Path part = folder.resolve(chunk.name());
            parts.add(part);
            if (!Files.isRegularFile(part.resolve("_SUCCESS"))) {
                pending.add(chunk);
            }
        }
        int pendingImages = pending.stream().mapToInt(ImageChunk::count).sum();
        System.out.printf("[spark] %s, %s: %d of %d partitions already in %s; mapping %d images on %s%n", source,
                method, chunks.size() - pending.size(), chunks.size(), folder, pendingImages,
                spark.sparkContext().master());
        if (!pending.isEmpty()) {
            PartitionMaps task = new PartitionMaps(source, method, normalization);
            PartitionJobs.run(spark, "maps", pending, folder, (context, chunk) -> {
                JavaRDD<Row> rows = context.parallelize(List.of(chunk), 1).flatMap(task);
                spark.createDataFrame(rows, MapRows.SCHEMA).write().mode(SaveMode.Overwrite)
                        .parquet(folder.resolve(chunk.name()).toString());
            });
        }
        return new MapResults(spark, method, parts);
    }

    private String settings() {
        return "network: " + source.name() + ", weights sha-256 " + source.fingerprint() + "\nmethod: " + method
                + "\nnormalization: mean " + Arrays.toString(normalization.mean()) + ", std "
                + Arrays.toString(normalization.std()) + "\n";
    }
}
