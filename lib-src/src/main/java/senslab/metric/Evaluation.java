package senslab.metric;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import senslab.attribution.AttributionMaps;
import senslab.attribution.CountsPasses;
import senslab.attribution.Target;
import senslab.masking.LogitMemo;
import tech.tablesaw.api.Table;

/**
 * Methods × metrics × images in one call: every method maps a batch of images, every metric scores the maps per
 * image, and the {@link EvaluationScores} keep every per-image value with the cost of the maps, so that the
 * {@link EvaluationScores#table() table} (mean and 95 % Student-t interval over images for every method and metric,
 * and the cost per map) is computed from them, and a set evaluated in pieces ({@link EvaluationScores#combine})
 * gives the same table as one call on the whole set.
 *
 * <pre>{@code
 * Table ranking = Evaluation.of(methods, metrics).table(images, Target.classLogit(labels));
 * }</pre>
 *
 * <p>Immutable: every option returns a new evaluation. Batches of 16 images by default; a line of progress per
 * batch; an interrupt (a notebook's ■) stops it between methods and metrics. Within a batch, no input is scored for
 * a class logit twice ({@link LogitMemo}): the metrics perturb the same images alike for method after method.
 */
public final class Evaluation {
    private final List<Method> methods;
    private final List<Metric> metrics;
    private final int batchSize;
    private final Consumer<String> progress;

    private Evaluation(List<Method> methods, List<Metric> metrics, int batchSize, Consumer<String> progress) {
        if (methods.isEmpty() || metrics.isEmpty()) {
            throw new IllegalArgumentException("give at least one method and one metric (got " + methods.size()
                    + " methods, " + metrics.size() + " metrics)");
        }
        if (methods.stream().map(Method::name).distinct().count() != methods.size()) {
            throw new IllegalArgumentException("give every method its own name: " + methods);
        }
        if (metrics.stream().map(Metric::name).distinct().count() != metrics.size()) {
            throw new IllegalArgumentException("give every metric its own name: "
                    + metrics.stream().map(Metric::name).toList());
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1 image, got " + batchSize);
        }
        this.methods = List.copyOf(methods);
        this.metrics = List.copyOf(metrics);
        this.batchSize = batchSize;
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** Every method scored by every metric, in batches of 16 images. */
    public static Evaluation of(List<Method> methods, List<Metric> metrics) {
        return new Evaluation(methods, metrics, 16, message -> { });
    }

    /** Images per batch: every method maps them in one call, every metric scores them in one call. */
    public Evaluation batchSize(int images) {
        return new Evaluation(methods, metrics, images, progress);
    }

    /** Receives a line per batch. */
    public Evaluation progress(Consumer<String> sink) {
        return new Evaluation(methods, metrics, batchSize, sink);
    }

    public List<Method> methods() {
        return methods;
    }

    public List<Metric> metrics() {
        return metrics;
    }

    /** Images per batch: pieces of a set cut at multiples of it give the values of one call bit for bit. */
    public int batchSize() {
        return batchSize;
    }

    /** The mean and 95 % interval over the images of every method and metric, with the cost per map. */
    public Table table(NDArray inputs, Target target) {
        return scores(inputs, target).table();
    }

    /** Every per-image value of {@code inputs} ({@code [N, C, H, W]}), images numbered from 0. */
    public EvaluationScores scores(NDArray inputs, Target target) {
        return scores(inputs, target, 0);
    }

    /**
     * Every per-image value of {@code inputs}, a piece of a larger set whose first image has index
     * {@code firstImage} there ({@code target} names the values of these images only, e.g.
     * {@code target.slice(from, to)}): what a partition computes. Cut the pieces at multiples of the batch size:
     * then every image goes through the engine in the batch it has in one call on the whole set, and the combined
     * values equal that call's bit for bit (the engine's kernels may round differently for batches of other shapes).
     *
     * @throws CancellationException when the thread is interrupted
     */
    public EvaluationScores scores(NDArray inputs, Target target, int firstImage) {
        if (inputs.getShape().dimension() != 4) {
            throw new IllegalArgumentException("images must be shaped [N, C, H, W], got " + inputs.getShape());
        }
        int count = Math.toIntExact(inputs.getShape().get(0));
        if (count < 1) {
            throw new IllegalArgumentException("no images to evaluate: give inputs of at least one image");
        }
        target.checkImages(count);
        EvaluationScores.Builder scores = new EvaluationScores.Builder(methods, metrics, firstImage, count);
        long start = System.nanoTime();
        for (int from = 0; from < count; from += batchSize) {
            int to = Math.min(count, from + batchSize);
            try (NDArray x = inputs.get(new NDIndex(from + ":" + to)); LogitMemo.Scope memo = LogitMemo.open();
                    Batch batch = new Batch(x, target.slice(from, to), firstImage + from)) {
                for (int m = 0; m < methods.size(); m++) {
                    evaluate(m, batch, scores);
                }
            }
            progress.accept(String.format("evaluation: %d/%d images, %d methods × %d metrics, %.1f s", to, count,
                    methods.size(), metrics.size(), (System.nanoTime() - start) / 1e9));
        }
        return scores.build();
    }

    /** Method {@code m}'s maps of the batch, scored by every metric. */
    private void evaluate(int m, Batch batch, EvaluationScores.Builder scores) {
        Method method = methods.get(m);
        checkInterrupt(method.name());
        long start = System.nanoTime();
        AttributionMaps maps = method.attribution().attribute(batch.inputs(), batch.target());
        double seconds = (System.nanoTime() - start) / 1e9;
        if (maps.images() != batch.images() || maps.labels().size() != 1) {
            throw new IllegalArgumentException(method.name() + " made maps of " + maps.images() + " images × "
                    + maps.labels() + " for " + batch.images() + " images; evaluate a target with one label (a class"
                    + " logit, a channel, one stage), one target at a time");
        }
        int height = Math.toIntExact(batch.inputs().getShape().get(2));
        int width = Math.toIntExact(batch.inputs().getShape().get(3));
        scores.cost(m, seconds, maps.images(), method.attribution() instanceof CountsPasses counted
                ? new double[] {counted.forwardPassesPerMap(height, width), counted.backwardPassesPerMap(height, width)}
                : new double[] {Double.NaN, Double.NaN});
        for (int k = 0; k < metrics.size(); k++) {
            Metric metric = metrics.get(k);
            if (!metric.appliesTo(method)) {
                scores.notApplicable(m, k);
                continue;
            }
            checkInterrupt(method.name() + " / " + metric.name());
            long metricStart = System.nanoTime();
            double[] values = metric.score(method, maps, batch);
            if (values.length != batch.images()) {
                throw new IllegalStateException(metric.name() + " gave " + values.length + " values for "
                        + batch.images() + " images");
            }
            scores.values(m, k, batch.firstImage(), values, (System.nanoTime() - metricStart) / 1e9);
        }
    }

    private static void checkInterrupt(String where) {
        if (Thread.interrupted()) {
            throw new CancellationException("evaluation stopped by an interrupt at " + where);
        }
    }
}
