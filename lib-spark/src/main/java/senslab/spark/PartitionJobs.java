package senslab.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * What the partitioned runs on images share: results under a folder keyed by a digest of their settings (kept
 * beside them in {@code settings.txt}), and one Spark job per partition still to compute, so that each partition's
 * result is kept as soon as it is done; progress prints live, and an interrupt cancels the running jobs and keeps
 * the finished partitions.
 */
final class PartitionJobs {
    /** What the driver does for one partition: run its Spark job and keep its result. */
    @FunctionalInterface
    interface Job {
        void run(JavaSparkContext context, ImageChunk chunk) throws Exception;
    }

    private PartitionJobs() {
    }

    /** The folder of the results of {@code settings}: named by the network and a digest of the settings. */
    static Path folder(Path output, String network, String settings) {
        return output.resolve(network + "-" + Digest.of(settings.getBytes(StandardCharsets.UTF_8)).substring(0, 12));
    }

    /** Creates {@code folder} and writes {@code settings} in it, for a reader of the folder. */
    static void writeSettings(Path folder, String settings) {
        try {
            Files.createDirectories(folder);
            Path file = folder.resolve("settings.txt");
            if (!Files.exists(file)) {
                Files.writeString(file, settings);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write in " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code job} for every chunk of {@code pending}, as many at once as the cluster runs tasks (Spark schedules
     * their tasks), and returns when all are done; {@code what} names the work in Spark's UI and in errors.
     */
    static void run(SparkSession spark, String what, List<ImageChunk> pending, Path folder, Job job) {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        String group = "senslab-" + what.replace(' ', '-') + "-" + UUID.randomUUID();
        Progress progress = new Progress(group, "images", pending.size(),
                pending.stream().mapToInt(ImageChunk::count).sum());
        spark.sparkContext().addSparkListener(progress);
        ExecutorService submitters = Executors.newFixedThreadPool(Math.min(pending.size(),
                Math.max(1, context.defaultParallelism())));
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (ImageChunk chunk : pending) {
                jobs.add(submitters.submit(() -> {
                    context.setJobGroup(group, "senslab " + what + " " + chunk.name(), true);
                    context.setLocalProperty(Progress.ITEMS, Integer.toString(chunk.count()));
                    job.run(context, chunk);
                    return null;
                }));
            }
            for (Future<?> running : jobs) {
                running.get();
            }
        } catch (InterruptedException e) {
            context.cancelJobGroup(group);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: the partitions finished so far are kept in " + folder
                    + "; run again to resume", e);
        } catch (ExecutionException e) {
            context.cancelJobGroup(group);
            Throwable cause = e.getCause();
            throw new IllegalStateException("the " + what + " job failed: " + cause.getMessage(), cause);
        } finally {
            submitters.shutdownNow();
            spark.sparkContext().removeSparkListener(progress);
        }
    }
}
