package senslab.metric;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import senslab.stats.Ranks;
import senslab.stats.Summary;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Every per-image value of an {@link Evaluation}: per method, metric and image (by its index in the whole set), and
 * what the maps cost. The {@link #table()} is computed from the values, image by image in index order, so pieces
 * of a set evaluated apart (batches, Spark partitions) and {@link #combine combined} give exactly the table of one
 * call on the whole set (the seconds aside, which are measured). Plain JVM values, serializable.
 */
public final class EvaluationScores implements Serializable {
    private static final long serialVersionUID = 2L;
    private static final double CONFIDENCE = 0.95;

    private final List<String> methods;
    private final List<String> metrics;
    private final List<String> families;
    private final Better[] better;
    /** Indices of the images in the whole set, ascending. */
    private final int[] images;
    /** [method][metric][image position]. */
    private final double[][][] values;
    private final boolean[][] applicable;
    /** Per method: seconds making maps, maps made, forward and backward passes per map (NaN: not reported). */
    private final double[] mapSeconds;
    private final long[] maps;
    private final double[][] passes;
    /** [method][metric]: seconds scoring. */
    private final double[][] metricSeconds;

    private EvaluationScores(List<String> methods, List<String> metrics, List<String> families,
            Better[] better, int[] images, double[][][] values, boolean[][] applicable, double[] mapSeconds,
            long[] maps, double[][] passes, double[][] metricSeconds) {
        this.methods = List.copyOf(methods);
        this.metrics = List.copyOf(metrics);
        this.families = List.copyOf(families);
        this.better = better;
        this.images = images;
        this.values = values;
        this.applicable = applicable;
        this.mapSeconds = mapSeconds;
        this.maps = maps;
        this.passes = passes;
        this.metricSeconds = metricSeconds;
    }

    public List<String> methods() {
        return methods;
    }

    public List<String> metrics() {
        return metrics;
    }

    /** The indices of the images scored, ascending. */
    public int[] images() {
        return images.clone();
    }

    /** The values of one method and metric, image by image in {@link #images()} order (empty: not applicable). */
    public double[] values(String method, String metric) {
        int m = index(methods, method, "method");
        int k = index(metrics, metric, "metric");
        return applicable[m][k] ? values[m][k].clone() : new double[0];
    }

    /** Whether {@code metric} applies to {@code method} (completeness only to methods that claim it). */
    public boolean applicable(String method, String metric) {
        return applicable[index(methods, method, "method")][index(metrics, metric, "metric")];
    }

    /** The summary of one method and metric over the images where the value is defined. */
    public Summary summary(String method, String metric) {
        return Summary.of(Arrays.stream(values(method, metric)).filter(v -> !Double.isNaN(v)).toArray());
    }

    /**
     * The pieces of one set evaluated apart (by the same evaluation, on disjoint images) as one: the values of
     * every image in index order, the costs added.
     */
    public static EvaluationScores combine(List<EvaluationScores> pieces) {
        if (pieces.isEmpty()) {
            throw new IllegalArgumentException("give at least one piece to combine");
        }
        EvaluationScores first = pieces.get(0);
        for (EvaluationScores piece : pieces) {
            if (!piece.methods.equals(first.methods) || !piece.metrics.equals(first.metrics)) {
                throw new IllegalArgumentException("pieces of different evaluations: " + first.methods + " × "
                        + first.metrics + " against " + piece.methods + " × " + piece.metrics);
            }
        }
        int[] all = pieces.stream().flatMapToInt(piece -> Arrays.stream(piece.images)).toArray();
        Integer[] order = IntStream.range(0, all.length).boxed().sorted((a, b) -> Integer.compare(all[a], all[b]))
                .toArray(Integer[]::new);
        for (int j = 1; j < order.length; j++) {
            if (all[order[j]] == all[order[j - 1]]) {
                throw new IllegalArgumentException("image " + all[order[j]] + " is in two pieces");
            }
        }
        int nm = first.methods.size();
        int nk = first.metrics.size();
        double[][][] values = new double[nm][nk][all.length];
        boolean[][] applicable = new boolean[nm][nk];
        double[] mapSeconds = new double[nm];
        long[] maps = new long[nm];
        double[][] passes = new double[nm][];
        double[][] metricSeconds = new double[nm][nk];
        for (int m = 0; m < nm; m++) {
            passes[m] = first.passes[m].clone();
            for (int k = 0; k < nk; k++) {
                double[] joined = new double[all.length];
                int at = 0;
                for (EvaluationScores piece : pieces) {
                    System.arraycopy(piece.values[m][k], 0, joined, at, piece.images.length);
                    at += piece.images.length;
                    applicable[m][k] = piece.applicable[m][k];
                    metricSeconds[m][k] += piece.metricSeconds[m][k];
                }
                for (int j = 0; j < order.length; j++) {
                    values[m][k][j] = joined[order[j]];
                }
            }
            for (EvaluationScores piece : pieces) {
                mapSeconds[m] += piece.mapSeconds[m];
                maps[m] += piece.maps[m];
            }
        }
        int[] sorted = Arrays.stream(order).mapToInt(j -> all[j]).toArray();
        return new EvaluationScores(first.methods, first.metrics, first.families, first.better, sorted, values,
                applicable, mapSeconds, maps, passes, metricSeconds);
    }

    /**
     * One row per method and metric: the images with a defined value (and those without), the mean, the 95 %
     * Student-t interval of the mean and the standard deviation over the images, the method's rank among the methods
     * by the mean (1 = best, by the metric's direction), then the cost per map: the seconds
     * the method took, its forward and backward passes (NaN where the method does not report them), and the seconds
     * the metric took (metrics that share one evaluation, as deletion, insertion and μ-fidelity do, or max-sensitivity
     * and average sensitivity, charge it to the first of them; infidelity charges its passes of a batch's perturbed
     * copies, which every method shares, to the first method). A metric that does not apply to a method is noted
     * so, not scored.
     */
    public Table table() {
        Table table = Table.create("methods × metrics over " + images.length + " images (95 % intervals)")
                .addColumns(StringColumn.create("method"), StringColumn.create("metric"), StringColumn.create("family"),
                        StringColumn.create("better"), IntColumn.create("images"), IntColumn.create("undefined"),
                        DoubleColumn.create("mean"), DoubleColumn.create("95 % low"), DoubleColumn.create("95 % high"),
                        DoubleColumn.create("sd"), IntColumn.create("rank"), DoubleColumn.create("s per map"),
                        DoubleColumn.create("forward passes per map"), DoubleColumn.create("backward passes per map"),
                        DoubleColumn.create("metric s per map"), StringColumn.create("note"));
        int[][] ranks = ranks();
        for (int m = 0; m < methods.size(); m++) {
            for (int k = 0; k < metrics.size(); k++) {
                Summary summary = summary(methods.get(m), metrics.get(k));
                double half = summary.halfWidth(CONFIDENCE);
                table.stringColumn("method").append(methods.get(m));
                table.stringColumn("metric").append(metrics.get(k));
                table.stringColumn("family").append(families.get(k));
                table.stringColumn("better").append(better[k].toString());
                table.intColumn("images").append((int) summary.n());
                table.intColumn("undefined").append(applicable[m][k] ? images.length - (int) summary.n() : 0);
                table.doubleColumn("mean").append(summary.mean());
                table.doubleColumn("95 % low").append(summary.mean() - half);
                table.doubleColumn("95 % high").append(summary.mean() + half);
                table.doubleColumn("sd").append(summary.n() > 1 ? summary.sd() : Double.NaN);
                if (ranks[m][k] > 0) {
                    table.intColumn("rank").append(ranks[m][k]);
                } else {
                    table.intColumn("rank").appendMissing();
                }
                table.doubleColumn("s per map").append(mapSeconds[m] / maps[m]);
                table.doubleColumn("forward passes per map").append(passes[m][0]);
                table.doubleColumn("backward passes per map").append(passes[m][1]);
                table.doubleColumn("metric s per map").append(metricSeconds[m][k] / maps[m]);
                table.stringColumn("note").append(applicable[m][k] ? "" : "not applicable");
            }
        }
        return table;
    }

    /** [method][metric]: the method's rank by its mean among the methods the metric scores (1 = best; 0: none). */
    private int[][] ranks() {
        int[][] ranks = new int[methods.size()][metrics.size()];
        for (int k = 0; k < metrics.size(); k++) {
            int metric = k;
            int[] scored = IntStream.range(0, methods.size())
                    .filter(m -> !Double.isNaN(summary(methods.get(m), metrics.get(metric)).mean())).toArray();
            double[] merits = Arrays.stream(scored)
                    .mapToDouble(m -> better[metric].merit(summary(methods.get(m), metrics.get(metric)).mean()))
                    .toArray();
            int[] order = Ranks.of(merits, false);
            for (int j = 0; j < scored.length; j++) {
                ranks[scored[j]][k] = order[j];
            }
        }
        return ranks;
    }

    /** One row per method, metric and image: the values the table summarizes. */
    public Table perImage() {
        Table table = Table.create("methods × metrics per image").addColumns(StringColumn.create("method"),
                StringColumn.create("metric"), IntColumn.create("image"), DoubleColumn.create("value"));
        for (int m = 0; m < methods.size(); m++) {
            for (int k = 0; k < metrics.size(); k++) {
                if (!applicable[m][k]) {
                    continue;
                }
                for (int j = 0; j < images.length; j++) {
                    table.stringColumn("method").append(methods.get(m));
                    table.stringColumn("metric").append(metrics.get(k));
                    table.intColumn("image").append(images[j]);
                    table.doubleColumn("value").append(values[m][k][j]);
                }
            }
        }
        return table;
    }

    private static int index(List<String> names, String name, String what) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no " + what + " named '" + name + "'; these scores have " + names);
        }
        return i;
    }

    @Override
    public String toString() {
        return "EvaluationScores[" + methods + " × " + metrics + " on " + images.length + " images]";
    }

    /** Collects the values of one call, batch by batch, into scores whose arrays it fills. */
    static final class Builder {
        private final EvaluationScores scores;
        private final int firstImage;

        Builder(List<Method> methods, List<Metric> metrics, int firstImage, int images) {
            int nm = methods.size();
            int nk = metrics.size();
            Better[] better = metrics.stream().map(Metric::better).toArray(Better[]::new);
            boolean[][] applicable = new boolean[nm][nk];
            for (boolean[] row : applicable) {
                Arrays.fill(row, true);
            }
            this.scores = new EvaluationScores(methods.stream().map(Method::name).toList(),
                    metrics.stream().map(Metric::name).toList(), metrics.stream().map(Metric::family).toList(), better,
                    IntStream.range(firstImage, firstImage + images).toArray(), new double[nm][nk][images], applicable,
                    new double[nm], new long[nm], new double[nm][], new double[nm][nk]);
            this.firstImage = firstImage;
        }

        void cost(int method, double seconds, int mapsMade, double[] passesPerMap) {
            scores.mapSeconds[method] += seconds;
            scores.maps[method] += mapsMade;
            scores.passes[method] = passesPerMap;
        }

        void notApplicable(int method, int metric) {
            scores.applicable[method][metric] = false;
        }

        void values(int method, int metric, int first, double[] batch, double seconds) {
            System.arraycopy(batch, 0, scores.values[method][metric], first - firstImage, batch.length);
            scores.metricSeconds[method][metric] += seconds;
        }

        EvaluationScores build() {
            return scores;
        }
    }
}
