package senslab.spark;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;
import senslab.sobol.SaltelliSample;
import senslab.sobol.Sobol;

/**
 * The model evaluations of a Saltelli sample on Spark: the sample travels to the executors once (a broadcast of
 * its base points), each task evaluates a range of base points with a model it rebuilds from a
 * {@link ModelSource}, and the outputs come back to the driver in row order, for the analysis done there:
 *
 * <pre>{@code
 * Sobol sobol = Sobol.of(problem).samples(65_536);
 * SobolResult r = sobol.analyze(SparkSobol.of(Spark.session(), ModelSource.torchScript(file))
 *         .evaluate(sobol.sample()));
 * }</pre>
 *
 * Ranges start at multiples of the sample's own chunk, so the model meets the rows in the same batches as in
 * {@link SaltelliSample#evaluate(senslab.sobol.BatchFunction)}: the outputs equal a direct run's exactly.
 */
public final class SparkSobol {
    private final JavaSparkContext context;
    private final ModelSource model;
    private final int chunksPerTask;

    private SparkSobol(JavaSparkContext context, ModelSource model, int chunksPerTask) {
        this.context = context;
        this.model = model;
        this.chunksPerTask = chunksPerTask;
    }

    /** Evaluations on {@code spark} of the model {@code model} rebuilds, one chunk of the sample per task. */
    public static SparkSobol of(org.apache.spark.sql.SparkSession spark, ModelSource model) {
        return new SparkSobol(JavaSparkContext.fromSparkContext(spark.sparkContext()),
                Objects.requireNonNull(model, "model"), 1);
    }

    /** Chunks of the sample ({@link SaltelliSample#basePointsPerChunk()}) per task: more for cheap models. */
    public SparkSobol chunksPerTask(int chunks) {
        if (chunks < 1) {
            throw new IllegalArgumentException("a task needs at least one chunk, got " + chunks);
        }
        return new SparkSobol(context, model, chunks);
    }

    /** The model's output on every row of {@code sample}, in row order ({@code Y} for {@link Sobol#analyze}). */
    public double[] evaluate(SaltelliSample sample) {
        int perTask = sample.basePointsPerChunk() * chunksPerTask;
        int n = sample.baseSize();
        int tasks = (n + perTask - 1) / perTask;
        int step = sample.step();
        String group = "senslab-sobol-" + UUID.randomUUID();
        Progress progress = new Progress(group, "rows", tasks, sample.rows());
        Broadcast<SaltelliSample> shared = context.broadcast(sample);
        ModelSource source = model;
        Inference inference = Inference.withDriverThreads();
        context.sc().addSparkListener(progress);
        try {
            context.setJobGroup(group, "senslab Saltelli sample, " + sample.rows() + " rows", true);
            context.setLocalProperty(Progress.ITEMS, Long.toString((long) perTask * step));
            List<Tuple2<Integer, double[]>> pieces =
                    context.parallelize(IntStream.range(0, tasks).boxed().toList(), tasks)
                    .map(task -> inference.run(() -> {
                        int first = task * perTask;
                        try (ModelSource.Loaded loaded = source.open()) {
                            return new Tuple2<>(first, shared.value().evaluate(loaded.model(), first,
                                    Math.min(perTask, n - first)));
                        }
                    }))
                    .collect();
            double[] y = new double[Math.toIntExact(sample.rows())];
            for (Tuple2<Integer, double[]> piece : pieces) {
                System.arraycopy(piece._2(), 0, y, piece._1() * step, piece._2().length);
            }
            return y;
        } finally {
            context.clearJobGroup();
            context.sc().removeSparkListener(progress);
            shared.destroy();
        }
    }
}
