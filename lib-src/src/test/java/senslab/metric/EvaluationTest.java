package senslab.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.hipparchus.distribution.continuous.TDistribution;
import org.junit.jupiter.api.Test;
import senslab.attribution.AttributionMaps;
import senslab.attribution.Target;
import senslab.axiomatic.Completeness;
import senslab.complexity.Complexity;
import senslab.complexity.Sparseness;
import senslab.faithfulness.Faithfulness;
import senslab.faithfulness.Infidelity;
import senslab.faithfulness.RandomAttribution;
import senslab.models.StagedNetwork;
import senslab.perturb.Delta;
import senslab.perturb.PixelSensitivity;
import senslab.randomisation.RandomLogit;
import senslab.robustness.InputNoise;
import senslab.robustness.MaxSensitivity;
import tech.tablesaw.api.Table;

class EvaluationTest {
    private static final int IMAGES = 7;
    private static final List<String> MEASURED = List.of("s per map", "metric s per map");

    private static Evaluation evaluation(StagedNetwork net) {
        List<Method> methods = List.of(Method.of("gradient", PixelSensitivity.of(net).delta(Delta.fixed(1))
                .firstOrder(64, 0)), Method.of("identity", new MetricNets.Identity()),
                Method.of("input × weights", new MetricNets.InputTimesWeights()),
                Method.of("random", new RandomAttribution(net, 4, 0)));
        List<Metric> metrics = new java.util.ArrayList<>(Faithfulness.of(net).grid(4).muFidelity(16, 0.25)
                .metrics());
        metrics.addAll(List.of(new Sparseness(), new Complexity(), Completeness.of(net),
                new MaxSensitivity(InputNoise.uniform(0.05, 2, 3)), Infidelity.gaussian(net, 0.1, 4, 5),
                new RandomLogit(5, 11)));
        return Evaluation.of(methods, metrics).batchSize(3);
    }

    @Test
    void intervalsAreStudentTIntervalsOfThePerImageValues() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = MetricNets.cnn()) {
            NDArray x = MetricNets.images(manager, IMAGES, 1);
            EvaluationScores scores = evaluation(net).scores(x, Target.classLogit(0, 1, 2, 3, 4, 0, 1));
            Table table = scores.table();
            assertEquals(4 * 9, table.rowCount());
            double t = new TDistribution(IMAGES - 1).inverseCumulativeProbability(0.975);
            int checked = 0;
            for (int row = 0; row < table.rowCount(); row++) {
                String method = table.stringColumn("method").get(row);
                String metric = table.stringColumn("metric").get(row);
                if (!scores.applicable(method, metric)) {
                    assertEquals("not applicable", table.stringColumn("note").get(row));
                    continue;
                }
                double[] v = scores.values(method, metric);
                assertEquals(IMAGES, v.length);
                double mean = 0;
                for (double value : v) {
                    mean += value / IMAGES;
                }
                double squares = 0;
                for (double value : v) {
                    squares += (value - mean) * (value - mean);
                }
                double half = t * Math.sqrt(squares / (IMAGES - 1)) / Math.sqrt(IMAGES);
                double tolerance = 1e-12 * (1 + Math.abs(mean));
                assertEquals(mean, table.doubleColumn("mean").getDouble(row), tolerance, metric);
                assertEquals(mean - half, table.doubleColumn("95 % low").getDouble(row), tolerance, metric);
                assertEquals(mean + half, table.doubleColumn("95 % high").getDouble(row), tolerance, metric);
                checked++;
            }
            // completeness applies to the one method that claims it
            assertEquals(4 * 9 - 3, checked);
            assertTrue(scores.applicable("input × weights", "completeness gap"));
            // ranks by the mean in the metric's direction; a method a metric does not score has none
            Table gini = table.where(table.stringColumn("metric").isEqualTo("sparseness (Gini)"));
            Table best = gini.where(gini.intColumn("rank").isEqualTo(1));
            assertEquals(gini.doubleColumn("mean").max(), best.doubleColumn("mean").getDouble(0));
            Table entropy = table.where(table.stringColumn("metric").isEqualTo("complexity (entropy)"));
            assertEquals(entropy.doubleColumn("mean").min(),
                    entropy.where(entropy.intColumn("rank").isEqualTo(1)).doubleColumn("mean").getDouble(0));
            Table gaps = table.where(table.stringColumn("metric").isEqualTo("completeness gap"));
            assertEquals(3, gaps.intColumn("rank").countMissing());
            // the cost per map: passes where the method reports them (random maps need none), seconds always
            Table random = table.where(table.stringColumn("method").isEqualTo("random"));
            assertEquals(0, random.doubleColumn("forward passes per map").getDouble(0));
            assertTrue(Double.isNaN(table.doubleColumn("forward passes per map").getDouble(0)));
            assertTrue(table.doubleColumn("s per map").min() > 0);
        }
    }

    @Test
    void everyValueIsTheMetricsOwnScoreOfTheMapsOutsideAnEvaluation() {
        // inside an evaluation no input is scored twice (LogitMemo) and metrics share what they make per batch; each
        // value must still be what the metric gives alone, up to float rounding (other batches through the engine)
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = MetricNets.cnn()) {
            NDArray x = MetricNets.images(manager, IMAGES, 2);
            Target target = Target.classLogit(4, 3, 2, 1, 0, 4, 3);
            Evaluation evaluation = evaluation(net);
            EvaluationScores scores = evaluation.scores(x, target);
            int compared = 0;
            for (int from = 0; from < IMAGES; from += evaluation.batchSize()) {
                int to = Math.min(IMAGES, from + evaluation.batchSize());
                try (NDArray piece = x.get(new NDIndex(from + ":" + to))) {
                    for (Method method : evaluation.methods()) {
                        AttributionMaps maps = method.attribution().attribute(piece, target.slice(from, to));
                        for (Metric metric : evaluation.metrics()) {
                            if (!metric.appliesTo(method)) {
                                continue;
                            }
                            double[] alone;
                            try (Batch batch = new Batch(piece, target.slice(from, to), from)) {
                                alone = metric.score(method, maps, batch);
                            }
                            double[] evaluated = scores.values(method.name(), metric.name());
                            for (int image = from; image < to; image++) {
                                double expected = alone[image - from];
                                assertEquals(expected, evaluated[image], 1e-4 * (1 + Math.abs(expected)),
                                        method.name() + " / " + metric.name() + ", image " + image);
                                compared++;
                            }
                        }
                    }
                }
            }
            assertEquals(IMAGES * (4 * 9 - 3), compared);
        }
    }

    @Test
    void piecesEvaluatedApartGiveTheTableOfOneCall() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = MetricNets.cnn()) {
            NDArray x = MetricNets.images(manager, IMAGES, 2);
            Target target = Target.classLogit(0, 1, 2, 3, 4, 0, 1);
            Evaluation evaluation = evaluation(net);
            EvaluationScores whole = evaluation.scores(x, target);
            // pieces cut at the batches' borders, given out of order, as partitions arrive
            EvaluationScores late = evaluation.scores(x.get(new NDIndex("3:7")), target.slice(3, 7), 3);
            EvaluationScores early = evaluation.scores(x.get(new NDIndex("0:3")), target.slice(0, 3), 0);
            EvaluationScores combined = EvaluationScores.combine(List.of(late, early));
            Table a = whole.table().removeColumns(MEASURED.toArray(String[]::new));
            Table b = combined.table().removeColumns(MEASURED.toArray(String[]::new));
            assertEquals(a.print(a.rowCount()), b.print(b.rowCount()));
            for (String column : List.of("mean", "95 % low", "95 % high", "sd")) {
                for (int row = 0; row < a.rowCount(); row++) {
                    assertEquals(Double.doubleToLongBits(a.doubleColumn(column).getDouble(row)),
                            Double.doubleToLongBits(b.doubleColumn(column).getDouble(row)), column + " row " + row);
                }
            }
            assertThrows(IllegalArgumentException.class, () -> EvaluationScores.combine(List.of(whole, early)));
        }
    }

    @Test
    void anInterruptStopsItAndBadCallsAreNamed() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = MetricNets.cnn()) {
            NDArray x = MetricNets.images(manager, 2, 3);
            Evaluation evaluation = evaluation(net);
            Thread.currentThread().interrupt();
            assertThrows(CancellationException.class, () -> evaluation.scores(x, Target.classLogit(1)));
            assertFalse(Thread.interrupted(), "the interrupt is taken");
            Exception stages = assertThrows(IllegalArgumentException.class,
                    () -> evaluation.scores(x, Target.stages("block1", "block2")));
            assertTrue(stages.getMessage().contains("one label"), stages.getMessage());
            Method twice = Method.of("same", new MetricNets.Identity());
            assertThrows(IllegalArgumentException.class,
                    () -> Evaluation.of(List.of(twice, twice), List.of(new Sparseness())));
        }
    }
}
