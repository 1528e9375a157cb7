package senslab.landscape;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import senslab.data.Dataset;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The seed paper's study on one data set: Spearman's ρ of each input with the target, retrainings of a
 * one-hidden-layer tanh network with recording, and NeuralSens' metrics of the first retraining's network.
 *
 * @param data   the rows
 * @param rho    ρ of each input with the target
 * @param runs   the recorded retrainings
 * @param sens   NeuralSens' metrics of the first retraining's trained network on the rows
 */
public record LandscapeStudy(Dataset data, double[] rho, Retrainings runs, NeuralSens sens) {

    /** Retrains {@code inputs → hidden tanh → 1} by {@code descent} from Xavier weights of each seed. */
    public static LandscapeStudy run(Dataset data, int hidden, GradientDescent descent, long[] seeds,
                                     Consumer<String> progress) {
        int d = data.inputCount();
        Retrainings runs = descent.retrain(seed -> Mlp.xavier(seed, d, hidden, 1), data, seeds, progress);
        return new LandscapeStudy(data, data.spearmanWithTarget(), runs,
                NeuralSens.of(runs.runs().get(0).trained(), data));
    }

    /** ρ per input. */
    public Table spearmanTable() {
        return Table.create("Spearman's ρ with the target, " + data.name()).addColumns(
                StringColumn.create("input", data.inputs()), DoubleColumn.create("rho", rho));
    }

    /** {@link Retrainings#agreement} for this study's ρ. */
    public Table agreement() {
        return runs.agreement(rho);
    }

    /**
     * The share a trend of one sign for every input would reach: the larger of the shares of positive and
     * negative ρ among the inputs with |ρ| ≥ {@value Retrainings#MIN_ABS_RHO}. When most ρ share a sign,
     * a quantity that merely rises (or falls) for every input beats 0.5 without reading anything.
     */
    public double oneSignBaseline() {
        int positive = 0;
        int considered = 0;
        for (double r : rho) {
            if (Math.abs(r) >= Retrainings.MIN_ABS_RHO) {
                considered++;
                positive += r > 0 ? 1 : 0;
            }
        }
        return considered == 0 ? Double.NaN : Math.max(positive, considered - positive) / (double) considered;
    }

    /**
     * Per data set and quantity: the agreement share's mean over the retrainings, how many retrainings beat
     * chance (share > 0.5), the reading ("holds" when every retraining beats chance, "fails" when none does,
     * "mixed" otherwise), and the {@link #oneSignBaseline()} to hold it against.
     */
    public static Table verdict(List<LandscapeStudy> studies) {
        List<String> data = new ArrayList<>();
        List<String> quantity = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        List<Double> mean = new ArrayList<>();
        List<String> above = new ArrayList<>();
        List<String> reading = new ArrayList<>();
        List<Double> baseline = new ArrayList<>();
        for (LandscapeStudy study : studies) {
            Table perSeed = study.agreement();
            for (Quantity q : Quantity.values()) {
                DoubleColumn shares = perSeed.where(perSeed.stringColumn("quantity").isEqualTo(q.name()))
                        .doubleColumn("share");
                int better = (int) shares.asList().stream().filter(v -> v > 0.5).count();
                data.add(study.data().name());
                quantity.add(q.name());
                order.add(q.order());
                mean.add(shares.mean());
                above.add(better + " of " + shares.size());
                reading.add(better == shares.size() ? "holds" : better == 0 ? "fails" : "mixed");
                baseline.add(study.oneSignBaseline());
            }
        }
        return Table.create("Does the quantity's trend follow the sign of ρ? (share of inputs with |ρ| ≥ "
                + Retrainings.MIN_ABS_RHO + "; chance 0.5)").addColumns(StringColumn.create("data", data),
                StringColumn.create("quantity", quantity),
                IntColumn.create("order", order.stream().mapToInt(Integer::intValue).toArray()),
                DoubleColumn.create("mean share", mean), StringColumn.create("retrainings > 0.5", above),
                StringColumn.create("reading", reading), DoubleColumn.create("one-sign baseline", baseline));
    }
}
