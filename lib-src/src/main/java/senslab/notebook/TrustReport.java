package senslab.notebook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import senslab.metric.Better;
import senslab.metric.EvaluationScores;
import senslab.randomisation.RandomisationResult;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What notebook 09 reads out of its evaluations: one ranking table of every network's methods with the 95 %
 * interval of every metric, the randomisation cascades as one table, and the findings as sentences computed from
 * the values (the best method per metric and whether it is told apart from the next, the methods no better than
 * random cells, the methods whose maps survive the randomisation of the network, the cost).
 */
public final class TrustReport {
    private static final String MEAN = "mean";
    private static final String LOW = "95 % low";
    private static final String HIGH = "95 % high";
    /**
     * The families where random cells are a chance level to beat; elsewhere they are no contestant (their maps do not
     * move with the input, so they are "robust"; they do not depend on the network, so randomising it leaves them).
     */
    private static final Set<String> CHANCE_FAMILIES = Set.of("faithfulness", "localisation");

    private TrustReport() {
    }

    /**
     * One row per network and method: the mean rank over the metrics that rank it (1 = best; random cells are
     * ranked too, as the chance level), the seconds per map, then every metric as "mean [95 % interval]" over the
     * images (empty where a metric does not apply or was not run on that network); sorted by network, then mean rank.
     */
    public static Table ranking(Map<String, EvaluationScores> byNetwork) {
        Set<String> metrics = new LinkedHashSet<>();
        byNetwork.values().forEach(scores -> metrics.addAll(scores.metrics()));
        Table ranking = Table.create("which map to trust: every method and metric, mean [95 % interval] over images")
                .addColumns(StringColumn.create("network"), StringColumn.create("method"),
                        DoubleColumn.create("mean rank"), DoubleColumn.create("s per map"));
        metrics.forEach(metric -> ranking.addColumns(StringColumn.create(metric)));
        for (Map.Entry<String, EvaluationScores> entry : byNetwork.entrySet()) {
            Table perMetric = entry.getValue().table();
            Table rows = ranking.emptyCopy();
            for (String method : entry.getValue().methods()) {
                Table own = perMetric.where(perMetric.stringColumn("method").isEqualTo(method));
                rows.stringColumn("network").append(entry.getKey());
                rows.stringColumn("method").append(method);
                rows.doubleColumn("mean rank").append(own.intColumn("rank").removeMissing().mean());
                rows.doubleColumn("s per map").append(own.doubleColumn("s per map").get(0));
                for (String metric : metrics) {
                    Table cell = own.where(own.stringColumn("metric").isEqualTo(metric));
                    rows.stringColumn(metric).append(cell.rowCount() == 0 || cell.intColumn("rank").isMissing(0)
                            ? "" : interval(cell.row(0)));
                }
            }
            ranking.append(rows.sortAscendingOn("mean rank"));
        }
        return ranking;
    }

    /** Every method's cascade as one table: mean Spearman ρ and SSIM to the trained maps after each step. */
    public static Table cascades(Map<String, RandomisationResult> byMethod) {
        Table all = null;
        for (Map.Entry<String, RandomisationResult> entry : byMethod.entrySet()) {
            Table one = entry.getValue().table();
            StringColumn method = StringColumn.create("method");
            IntStream.range(0, one.rowCount()).forEach(r -> method.append(entry.getKey()));
            one.insertColumn(0, method);
            all = all == null ? one : all.append(one);
        }
        if (all == null) {
            throw new IllegalArgumentException("no cascades to tabulate");
        }
        return all.setName("cascading model-parameter randomisation, top down: similarity to the trained maps");
    }

    /**
     * The findings of one network's evaluation, each a sentence from the values: per metric the best method and
     * whether its interval clears the next one's; where random cells are the chance level (faithfulness,
     * localisation), the methods that do no better than them, elsewhere random cells left out; the methods
     * whose maps stay correlated with their trained maps once every stage is randomised (Grad-CAM named either way);
     * the cheapest and the dearest map.
     */
    public static List<String> findings(String network, EvaluationScores scores) {
        Table table = scores.table();
        List<String> lines = new ArrayList<>();
        for (String metric : scores.metrics()) {
            Table ranked = table.where(table.stringColumn("metric").isEqualTo(metric)
                    .and(table.intColumn("rank").isNotMissing())).sortAscendingOn("rank");
            boolean againstChance = ranked.rowCount() > 0
                    && CHANCE_FAMILIES.contains(ranked.stringColumn("family").get(0));
            if (!againstChance) {
                ranked = ranked.where(ranked.stringColumn("method").isNotEqualTo(MapTrust.RANDOM));
            }
            if (ranked.rowCount() == 0) {
                continue;
            }
            Better better = Better.named(ranked.stringColumn("better").get(0));
            Row best = ranked.row(0);
            String sentence = String.format(Locale.ROOT, "%s, %s (%s is better): best %s, %s", network, metric,
                    better, best.getString("method"), interval(best));
            if (ranked.rowCount() > 1) {
                Row next = ranked.row(1);
                boolean apart = better.worstMerit(best.getDouble(LOW), best.getDouble(HIGH))
                        > better.bestMerit(next.getDouble(LOW), next.getDouble(HIGH));
                sentence += String.format(Locale.ROOT, "; %s next, %s: %s", next.getString("method"), interval(next),
                        apart ? "the intervals are apart" : "the intervals overlap, so the two are not told apart");
            }
            List<String> chance = againstChance ? noBetterThanRandom(ranked, better) : List.of();
            if (!chance.isEmpty()) {
                sentence += "; no better than random cells (interval reaching random's): " + String.join(", ", chance);
            }
            lines.add(sentence);
        }
        lines.add(survivors(network, table));
        Table costs = table.where(table.stringColumn("method").isNotEqualTo(MapTrust.RANDOM)
                .and(table.stringColumn("metric").isEqualTo(scores.metrics().get(0)))).sortAscendingOn("s per map");
        lines.add(String.format(Locale.ROOT, "%s, cost: the cheapest map is %s (%.3g s), the dearest %s (%.3g s)",
                network, costs.stringColumn("method").get(0), costs.doubleColumn("s per map").get(0),
                costs.stringColumn("method").get(costs.rowCount() - 1),
                costs.doubleColumn("s per map").get(costs.rowCount() - 1)));
        return lines;
    }

    /** The methods whose interval reaches random cells' mean, in rank order (empty when random is not scored). */
    private static List<String> noBetterThanRandom(Table ranked, Better better) {
        int random = ranked.stringColumn("method").indexOf(MapTrust.RANDOM);
        if (random < 0) {
            return List.of();
        }
        double chance = ranked.doubleColumn(MEAN).get(random);
        return IntStream.range(0, ranked.rowCount()).filter(r -> r != random)
                .filter(r -> better.worstMerit(ranked.doubleColumn(LOW).get(r), ranked.doubleColumn(HIGH).get(r))
                        <= better.merit(chance))
                .mapToObj(r -> ranked.stringColumn("method").get(r)).toList();
    }

    /**
     * Which methods' maps stay rank-correlated (either sign) with their trained maps after the whole network is
     * randomised.
     */
    private static String survivors(String network, Table table) {
        Table rho = table.where(table.stringColumn("family").isEqualTo("randomisation")
                .and(table.stringColumn("metric").startsWith("model randomisation"))
                .and(table.intColumn("rank").isNotMissing()));
        Map<String, String> survive = new LinkedHashMap<>();
        Map<String, String> pass = new LinkedHashMap<>();
        for (Row row : rho) {
            // a map that turns into its negative (ρ near −1) still follows the input, not what was learned
            (row.getDouble(LOW) > 0 || row.getDouble(HIGH) < 0 ? survive : pass).put(row.getString("method"),
                    interval(row));
        }
        String camNote = rho.stringColumn("method").asList().stream().filter(m -> m.startsWith("Grad-CAM"))
                .map(m -> String.format(Locale.ROOT, " %s %s.", m, survive.containsKey(m)
                        ? "survives it: its maps keep the trained network's layout with every weight random"
                        : "does not survive it"))
                .findFirst().orElse("");
        return String.format(Locale.ROOT, "%s, model randomisation (Spearman ρ of each map to the trained network's,"
                + " every stage randomised): still correlated, ρ ≠ 0 at 95 %% (the map follows the input more than"
                + " what the network learned; a negative ρ is a map turned upside down): %s; not told apart from 0:"
                + " %s.%s", network, survive.isEmpty() ? "none" : survive.toString(),
                pass.isEmpty() ? "none" : pass.toString(), camNote);
    }

    private static String interval(Row row) {
        return String.format(Locale.ROOT, "%.3g [%.3g, %.3g]", row.getDouble(MEAN), row.getDouble(LOW),
                row.getDouble(HIGH));
    }
}
