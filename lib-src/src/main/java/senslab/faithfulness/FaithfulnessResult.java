package senslab.faithfulness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import senslab.faithfulness.Faithfulness.CurveScores;
import senslab.metric.MethodRun;
import senslab.stats.Ranks;
import senslab.stats.Summary;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The faithfulness scores of several methods' maps of the same images: deletion and insertion curves with their
 * areas, and μ-fidelity, per method, image and label; as tables (one row per image, or the methods ranked) and
 * mean curves ({@code plot.FaithfulnessPlots} draws them).
 */
public final class FaithfulnessResult {
    private final FaithfulnessSettings settings;
    private final List<MethodRun> runs;
    private final List<String> labels;
    /** [method][image][label]. */
    private final CurveScores[][][] scores;

    FaithfulnessResult(FaithfulnessSettings settings, List<MethodRun> runs, List<String> labels,
            CurveScores[][][] scores) {
        this.settings = settings;
        this.runs = List.copyOf(runs);
        this.labels = List.copyOf(labels);
        this.scores = scores;
    }

    public FaithfulnessSettings settings() {
        return settings;
    }

    /** The methods' names, in the order given. */
    public List<String> methods() {
        return runs.stream().map(MethodRun::name).toList();
    }

    public List<String> labels() {
        return labels;
    }

    public int images() {
        return scores[0].length;
    }

    /** Area under the deletion curve (lower is more faithful). */
    public double deletionAuc(String method, int image, String label) {
        return scores(method, image, label).deletionAuc();
    }

    /** Area under the insertion curve (higher is more faithful). */
    public double insertionAuc(String method, int image, String label) {
        return scores(method, image, label).insertionAuc();
    }

    /** μ-fidelity (higher is more faithful, 1 at most). */
    public double muFidelity(String method, int image, String label) {
        return scores(method, image, label).muFidelity();
    }

    /** The score with the k most important cells removed, k = 0 … cells. */
    public double[] deletionCurve(String method, int image, String label) {
        return scores(method, image, label).deletion().clone();
    }

    /** The score with only the k most important cells revealed, k = 0 … cells. */
    public double[] insertionCurve(String method, int image, String label) {
        return scores(method, image, label).insertion().clone();
    }

    /** One row per method, image (and label): deletion AUC, insertion AUC, μ-fidelity. */
    public Table table() {
        Table table = Table.create("faithfulness per image: " + settings).addColumns(StringColumn.create("method"),
                IntColumn.create("image"));
        if (labels.size() > 1) {
            table.addColumns(StringColumn.create("label"));
        }
        table.addColumns(DoubleColumn.create("deletion AUC"), DoubleColumn.create("insertion AUC"),
                DoubleColumn.create("μ-fidelity"));
        for (int m = 0; m < runs.size(); m++) {
            for (int image = 0; image < images(); image++) {
                for (int q = 0; q < labels.size(); q++) {
                    CurveScores s = scores[m][image][q];
                    table.stringColumn("method").append(runs.get(m).name());
                    table.intColumn("image").append(image + 1);
                    if (labels.size() > 1) {
                        table.stringColumn("label").append(labels.get(q));
                    }
                    table.doubleColumn("deletion AUC").append(s.deletionAuc());
                    table.doubleColumn("insertion AUC").append(s.insertionAuc());
                    table.doubleColumn("μ-fidelity").append(s.muFidelity());
                }
            }
        }
        return table;
    }

    /**
     * The methods ranked: per method (and label) the mean and standard deviation over the images of the deletion
     * AUC, the insertion AUC and μ-fidelity, the seconds per image the maps took, each metric's rank (1 = most
     * faithful: lowest deletion, highest insertion and μ-fidelity) and the mean of the three ranks, by which the
     * rows are sorted.
     */
    public Table ranking() {
        Table table =
                Table.create("methods ranked by faithfulness: " + settings).addColumns(StringColumn.create("method"));
        if (labels.size() > 1) {
            table.addColumns(StringColumn.create("label"));
        }
        table.addColumns(DoubleColumn.create("deletion AUC"), DoubleColumn.create("deletion sd"),
                DoubleColumn.create("insertion AUC"), DoubleColumn.create("insertion sd"),
                DoubleColumn.create("μ-fidelity"), DoubleColumn.create("μ-fidelity sd"),
                DoubleColumn.create("s per image"), IntColumn.create("rank deletion"),
                IntColumn.create("rank insertion"),
                IntColumn.create("rank μ-fidelity"), DoubleColumn.create("mean rank"));
        List<Table> perLabel = new ArrayList<>();
        for (int q = 0; q < labels.size(); q++) {
            Table rows = table.emptyCopy();
            double[] deletion = new double[runs.size()];
            double[] insertion = new double[runs.size()];
            double[] fidelity = new double[runs.size()];
            for (int m = 0; m < runs.size(); m++) {
                int label = q;
                int method = m;
                Summary d = Summary.of(perImage(method, label, CurveScores::deletionAuc));
                Summary i = Summary.of(perImage(method, label, CurveScores::insertionAuc));
                Summary f = Summary.of(perImage(method, label, CurveScores::muFidelity));
                deletion[m] = d.mean();
                insertion[m] = i.mean();
                fidelity[m] = f.mean();
                rows.stringColumn("method").append(runs.get(m).name());
                if (labels.size() > 1) {
                    rows.stringColumn("label").append(labels.get(q));
                }
                rows.doubleColumn("deletion AUC").append(deletion[m]);
                rows.doubleColumn("deletion sd").append(d.sd());
                rows.doubleColumn("insertion AUC").append(insertion[m]);
                rows.doubleColumn("insertion sd").append(i.sd());
                rows.doubleColumn("μ-fidelity").append(fidelity[m]);
                rows.doubleColumn("μ-fidelity sd").append(f.sd());
                rows.doubleColumn("s per image").append(runs.get(m).secondsPerImage());
            }
            int[] rankDeletion = Ranks.of(deletion, true);
            int[] rankInsertion = Ranks.of(insertion, false);
            int[] rankFidelity = Ranks.of(fidelity, false);
            for (int m = 0; m < runs.size(); m++) {
                rows.intColumn("rank deletion").append(rankDeletion[m]);
                rows.intColumn("rank insertion").append(rankInsertion[m]);
                rows.intColumn("rank μ-fidelity").append(rankFidelity[m]);
                rows.doubleColumn("mean rank").append((rankDeletion[m] + rankInsertion[m] + rankFidelity[m]) / 3.0);
            }
            perLabel.add(rows.sortAscendingOn("mean rank"));
        }
        perLabel.forEach(table::append);
        return table;
    }

    /**
     * The {@link #ranking()}s of several networks (or settings) in one table, each row headed by the name it is
     * given under, in the map's order.
     */
    public static Table rankings(Map<String, FaithfulnessResult> results) {
        Table all = null;
        for (Map.Entry<String, FaithfulnessResult> result : results.entrySet()) {
            Table ranking = result.getValue().ranking();
            ranking.insertColumn(0,
                    StringColumn.create("network", Collections.nCopies(ranking.rowCount(), result.getKey())));
            all = all == null ? ranking : all.append(ranking);
        }
        if (all == null) {
            throw new IllegalArgumentException("give at least one result to rank");
        }
        return all.setName("methods ranked by faithfulness: " + results.values().iterator().next().settings());
    }

    /** The deletion curve of {@code method} averaged over the images, k = 0 … cells. */
    public double[] meanDeletionCurve(String method, String label) {
        return meanCurve(method, label, CurveScores::deletion);
    }

    /** The insertion curve of {@code method} averaged over the images, k = 0 … cells. */
    public double[] meanInsertionCurve(String method, String label) {
        return meanCurve(method, label, CurveScores::insertion);
    }

    private double[] meanCurve(String method, String label, java.util.function.Function<CurveScores, double[]> curve) {
        double[] mean = new double[curve.apply(scores(method, 0, label)).length];
        for (int image = 0; image < images(); image++) {
            double[] c = curve.apply(scores(method, image, label));
            for (int k = 0; k < mean.length; k++) {
                mean[k] += c[k] / images();
            }
        }
        return mean;
    }

    private double[] perImage(int method, int label, ToDoubleFunction<CurveScores> metric) {
        return Arrays.stream(scores[method]).mapToDouble(image -> metric.applyAsDouble(image[label])).toArray();
    }

    private CurveScores scores(String method, int image, String label) {
        int m = methods().indexOf(method);
        if (m < 0) {
            throw new IllegalArgumentException("no method named '" + method + "'; these scores have " + methods());
        }
        int q = labels.indexOf(label);
        if (q < 0) {
            throw new IllegalArgumentException("no label '" + label + "'; these scores have " + labels);
        }
        if (image < 0 || image >= images()) {
            throw new IndexOutOfBoundsException("image " + image + " of " + images());
        }
        return scores[m][image][q];
    }

    @Override
    public String toString() {
        return "FaithfulnessResult[" + methods() + " on " + images() + " images, " + settings + "]";
    }
}
