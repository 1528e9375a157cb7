package senslab.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.SparkSession;
import senslab.data.ImageSet;
import senslab.data.Normalization;
import senslab.metric.Evaluation;
import senslab.metric.EvaluationScores;
import senslab.models.StagedNetwork;

/**
 * Methods × metrics × images ({@link Evaluation}) of a data set on Spark: the set is cut into partitions of
 * consecutive images, whole batches of the evaluation each, every partition evaluated by one task on an executor
 * (which opens the network and builds the evaluation from the {@link EvaluationRecipe} once for it), and its
 * {@link EvaluationScores} kept in a file of its own under a folder keyed by the network's weights, the recipe, the
 * target and the normalization. A run that was stopped resumes: partitions already written are not computed again.
 * The key covers settings, not the library's code: after a change to how a method or metric computes, delete the
 * folder (or {@code out/spark/}) so that the partitions are computed anew.
 *
 * <pre>{@code
 * EvaluationScores scores = SparkEvaluation.of(Spark.session(), NetworkSource.trained(vgg), EvaluationRecipe.of(trust))
 *         .run(images);
 * scores.table();   // every method and metric: mean and 95 % interval over the images, cost per map
 * }</pre>
 *
 * The scores equal those of the evaluation's call on the whole set ({@code recipe.on(net, source).scores(x,
 * Target.classLogit(labels))}) value for value, the seconds aside. DJL's PyTorch engine records gradients for one
 * task of a JVM at a time, so tasks sharing an executor (all of them in {@code local[*]}) take turns, each with the
 * driver's engine threads: on one machine Spark brings resuming and live progress, on a cluster the executors.
 */
public final class SparkEvaluation {
    private static final String SCORES = "scores.ser";

    private final SparkSession spark;
    private final NetworkSource source;
    private final EvaluationRecipe recipe;
    private final Options options;

    /** What a run may set besides the network and the recipe. */
    private record Options(LabelTarget target, Normalization normalization, int batchesPerPartition, Path output) {
    }

    private SparkEvaluation(SparkSession spark, NetworkSource source, EvaluationRecipe recipe, Options options) {
        this.spark = Objects.requireNonNull(spark, "spark");
        this.source = Objects.requireNonNull(source, "source");
        this.recipe = Objects.requireNonNull(recipe, "recipe");
        this.options = options;
    }

    /**
     * The evaluation {@code recipe} builds on the network {@code source} rebuilds, on {@code spark}: each image
     * explained for its own class, CIFAR-10 normalization, 2 batches per partition, results under
     * {@code out/spark/}.
     */
    public static SparkEvaluation of(SparkSession spark, NetworkSource source, EvaluationRecipe recipe) {
        return new SparkEvaluation(spark, source, recipe, new Options(LabelTarget.ownClass(), Normalization.CIFAR10, 2,
                senslab.Project.out().resolve("spark")));
    }

    /** What the maps explain, made from each partition's labels (default: each image's own class logit). */
    public SparkEvaluation target(LabelTarget value) {
        return with(new Options(Objects.requireNonNull(value, "target"), options.normalization(),
                options.batchesPerPartition(), options.output()));
    }

    /** How the images are normalized for the network (default: the paper's CIFAR-10 (x − 0.5)/0.5). */
    public SparkEvaluation normalization(Normalization value) {
        return with(new Options(options.target(), Objects.requireNonNull(value, "normalization"),
                options.batchesPerPartition(), options.output()));
    }

    /**
     * Batches of the evaluation per task: partitions start at multiples of the batch size, so every image meets
     * the engine in the batch it has in one call on the whole set; a stop loses at most the running partitions.
     */
    public SparkEvaluation batchesPerPartition(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a partition needs at least one batch, got " + count);
        }
        return with(new Options(options.target(), options.normalization(), count, options.output()));
    }

    /** The folder results go to (the driver writes them: on a cluster, the driver's disk is enough). */
    public SparkEvaluation output(Path folder) {
        return with(new Options(options.target(), options.normalization(), options.batchesPerPartition(),
                Objects.requireNonNull(folder, "folder")));
    }

    private SparkEvaluation with(Options changed) {
        return new SparkEvaluation(spark, source, recipe, changed);
    }

    /** Where the results of these settings go: a folder named by the network and a digest of the settings. */
    public Path folder() {
        return PartitionJobs.folder(options.output(), source.name(), settings());
    }

    /**
     * Every method × metric on every image of {@code images} (image indices: those in the set), skipping the
     * partitions an earlier run with the same settings wrote. Progress prints live; an interrupt cancels the
     * running tasks and keeps the finished partitions.
     *
     * @throws IllegalArgumentException when the recipe does not fit the network (checked on the driver first)
     */
    public EvaluationScores run(ImageSet images) {
        if (images.size() < 1) {
            throw new IllegalArgumentException("no images to evaluate: give a set of at least one image");
        }
        Path folder = folder();
        PartitionJobs.writeSettings(folder, settings());
        List<ImageChunk> chunks = ImageChunk.of(images, options.batchesPerPartition() * batchSize());
        List<Path> files = chunks.stream().map(chunk -> folder.resolve(chunk.name()).resolve(SCORES)).toList();
        List<ImageChunk> pending = new ArrayList<>();
        for (int c = 0; c < chunks.size(); c++) {
            if (!Files.isRegularFile(files.get(c))) {
                pending.add(chunks.get(c));
            }
        }
        System.out.printf("[spark] %s, %s: %d of %d partitions already in %s; evaluating %d images on %s%n", source,
                recipe, chunks.size() - pending.size(), chunks.size(), folder,
                pending.stream().mapToInt(ImageChunk::count).sum(), spark.sparkContext().master());
        if (!pending.isEmpty()) {
            PartitionEvaluation task =
                    new PartitionEvaluation(source, recipe, options.target(), options.normalization());
            PartitionJobs.run(spark, "evaluation", pending, folder, (context, chunk) ->
                    write(context.parallelize(List.of(chunk), 1).map(task).first(),
                            folder.resolve(chunk.name()).resolve(SCORES)));
        }
        return EvaluationScores.combine(files.stream().map(SparkEvaluation::read).toList());
    }

    /**
     * The evaluation's batch size, from the recipe built once on the driver: which also shows, before any task
     * runs, that the recipe fits the network.
     */
    private int batchSize() {
        try (StagedNetwork net = source.open()) {
            return recipe.on(net, source).batchSize();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the recipe " + recipe + " does not fit the network " + source + ": "
                    + e.getMessage(), e);
        }
    }

    /** The settings the results depend on, in words, with a digest of the recipe's and the target's serialized form. */
    private String settings() {
        return "network: " + source.name() + ", weights sha-256 " + source.fingerprint() + "\nrecipe: " + recipe
                + ", sha-256 " + Digest.of(serialized(recipe)) + "\ntarget: " + options.target() + ", sha-256 "
                + Digest.of(serialized(options.target()))
                + "\nnormalization: mean " + Arrays.toString(options.normalization().mean()) + ", std "
                + Arrays.toString(options.normalization().std()) + "\n";
    }

    private static byte[] serialized(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException(value + " cannot travel to the executors: it holds a "
                    + e.getMessage() + ", which is not serializable; build it from settings and values (e.g. true "
                    + "masks as GroundTruth.of(masks), not a method reference on a data set)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize " + value + ": " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    /** Writes to a temporary file renamed into place, so that a stopped run never leaves half a file. */
    private static void write(EvaluationScores scores, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path partial = Files.createTempFile(file.getParent(), SCORES, ".partial");
        try {
            Files.write(partial, serialized(scores));
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static EvaluationScores read(Path file) {
        try (InputStream in = Files.newInputStream(file); ObjectInputStream objects = new ObjectInputStream(in)) {
            return (EvaluationScores) objects.readObject();
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw new IllegalStateException("cannot read the scores in " + file + " (" + e.getMessage()
                    + "); delete the file and run again to compute that partition anew", e);
        }
    }
}
