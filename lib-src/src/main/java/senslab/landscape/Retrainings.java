package senslab.landscape;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The same recording repeated over several seeds, and the comparison the seed paper makes: does each
 * quantity move, as the loss falls, in the direction of the input's Spearman correlation with the target?
 */
public record Retrainings(List<Recording> runs) {
    /** Inputs whose |ρ| is below this are left out of the agreement share: their sign means little. */
    public static final double MIN_ABS_RHO = 0.1;

    public Retrainings {
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs: give at least one seed");
        }
    }

    public List<String> inputs() {
        return runs.get(0).inputs();
    }

    /** Every run's long-form record, one after the other. */
    public Table table() {
        Table all = runs.get(0).table().copy();
        for (Recording run : runs.subList(1, runs.size())) {
            all.append(run.table());
        }
        return all.setName("Loss-landscape records, " + runs.size() + " seed(s)");
    }

    /** A quantity of each input after the last update, averaged over the retrainings. */
    public double[] meanAtEnd(Quantity quantity) {
        double[] mean = new double[inputs().size()];
        for (Recording run : runs) {
            double[] end = run.at(quantity, run.points() - 1);
            for (int j = 0; j < mean.length; j++) {
                mean[j] += end[j] / runs.size();
            }
        }
        return mean;
    }

    /**
     * Each input's {@link Recording#trend trend} averaged over the retrainings where it is defined (NaN where it
     * is defined in none: a constant series, such as the derivatives of an input that is 0 in every row).
     */
    public double[] meanTrend(Quantity quantity) {
        double[] mean = new double[inputs().size()];
        for (int j = 0; j < mean.length; j++) {
            int defined = 0;
            double sum = 0;
            for (Recording run : runs) {
                double t = run.trend(quantity, j);
                if (!Double.isNaN(t)) {
                    defined++;
                    sum += t;
                }
            }
            mean[j] = defined == 0 ? Double.NaN : sum / defined;
        }
        return mean;
    }

    /** Per seed, quantity and input: ρ with the target and the quantity's trend against −loss. */
    public Table trends(double[] rho) {
        check(rho);
        List<Integer> seed = new ArrayList<>();
        List<String> quantity = new ArrayList<>();
        List<String> input = new ArrayList<>();
        List<Double> rhoColumn = new ArrayList<>();
        List<Double> trend = new ArrayList<>();
        for (Recording run : runs) {
            for (Quantity q : Quantity.values()) {
                for (int j = 0; j < rho.length; j++) {
                    seed.add((int) run.seed());
                    quantity.add(q.name());
                    input.add(inputs().get(j));
                    rhoColumn.add(rho[j]);
                    trend.add(run.trend(q, j));
                }
            }
        }
        return Table.create("Trend of each quantity against −loss (Spearman), beside ρ with the target").addColumns(
                IntColumn.create("seed", seed.stream().mapToInt(Integer::intValue).toArray()),
                StringColumn.create("quantity", quantity), StringColumn.create("input", input),
                DoubleColumn.create("rho", rhoColumn), DoubleColumn.create("trend", trend));
    }

    /**
     * Per seed and quantity: among the inputs with |ρ| ≥ {@value #MIN_ABS_RHO}, the share whose trend has the
     * sign of ρ (a trend that is 0 or undefined does not agree). Chance is 0.5.
     */
    public Table agreement(double[] rho) {
        check(rho);
        List<Integer> seed = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        List<String> quantity = new ArrayList<>();
        List<Integer> considered = new ArrayList<>();
        List<Integer> agreeing = new ArrayList<>();
        List<Double> share = new ArrayList<>();
        for (Recording run : runs) {
            for (Quantity q : Quantity.values()) {
                int n = 0;
                int same = 0;
                for (int j = 0; j < rho.length; j++) {
                    if (Math.abs(rho[j]) >= MIN_ABS_RHO) {
                        n++;
                        double t = run.trend(q, j);
                        same += t * rho[j] > 0 ? 1 : 0;
                    }
                }
                seed.add((int) run.seed());
                order.add(q.order());
                quantity.add(q.name());
                considered.add(n);
                agreeing.add(same);
                share.add(n == 0 ? Double.NaN : (double) same / n);
            }
        }
        return Table.create("Share of inputs (|ρ| ≥ " + MIN_ABS_RHO + ") whose trend has the sign of ρ").addColumns(
                IntColumn.create("seed", seed.stream().mapToInt(Integer::intValue).toArray()),
                IntColumn.create("order", order.stream().mapToInt(Integer::intValue).toArray()),
                StringColumn.create("quantity", quantity),
                IntColumn.create("inputs", considered.stream().mapToInt(Integer::intValue).toArray()),
                IntColumn.create("agreeing", agreeing.stream().mapToInt(Integer::intValue).toArray()),
                DoubleColumn.create("share", share));
    }

    /** The agreement share of each quantity averaged over the seeds, with its minimum and maximum. */
    public Table agreementSummary(double[] rho) {
        Table perSeed = agreement(rho);
        List<String> quantity = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        List<Double> mean = new ArrayList<>();
        List<Double> min = new ArrayList<>();
        List<Double> max = new ArrayList<>();
        for (Quantity q : Quantity.values()) {
            DoubleColumn shares = perSeed.where(perSeed.stringColumn("quantity").isEqualTo(q.name()))
                    .doubleColumn("share");
            quantity.add(q.name());
            order.add(q.order());
            mean.add(shares.mean());
            min.add(shares.min());
            max.add(shares.max());
        }
        return Table.create("Agreement with the sign of ρ over " + runs.size() + " seed(s) (chance: 0.5)").addColumns(
                StringColumn.create("quantity", quantity),
                IntColumn.create("order", order.stream().mapToInt(Integer::intValue).toArray()),
                DoubleColumn.create("mean share", mean), DoubleColumn.create("min", min),
                DoubleColumn.create("max", max));
    }

    private void check(double[] rho) {
        if (rho.length != inputs().size()) {
            throw new IllegalArgumentException(rho.length + " correlations for " + inputs().size() + " inputs "
                    + inputs());
        }
    }
}
