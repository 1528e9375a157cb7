package senslab.landscape;

import java.util.List;
import senslab.stats.Correlation;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * One training run's record: the loss and every per-input {@link Quantity} at each of epochs + 1 points
 * (before each update, and after the last).
 */
public final class Recording {
    private final long seed;
    private final String data;
    private final List<String> inputs;
    private final Mlp start;
    private final Mlp trained;
    private final double learningRate;
    private final double[] loss;
    /** values[quantity][epoch * inputs + j]. */
    private final double[][] values;

    Recording(long seed, String data, List<String> inputs, Mlp start, Mlp trained, double learningRate, double[] loss,
              double[][] values) {
        this.seed = seed;
        this.data = data;
        this.inputs = inputs;
        this.start = start;
        this.trained = trained;
        this.learningRate = learningRate;
        this.loss = loss;
        this.values = values;
    }

    public long seed() {
        return seed;
    }

    public List<String> inputs() {
        return inputs;
    }

    public Mlp start() {
        return start;
    }

    /** The network after the last update. */
    public Mlp trained() {
        return trained;
    }

    public double learningRate() {
        return learningRate;
    }

    /** Number of records (epochs + 1). */
    public int points() {
        return loss.length;
    }

    /** The loss at each record, as a copy. */
    public double[] loss() {
        return loss.clone();
    }

    /** A quantity of one input at each record. */
    public double[] series(Quantity quantity, int input) {
        double[] s = new double[points()];
        double[] v = values[quantity.ordinal()];
        for (int e = 0; e < s.length; e++) {
            s[e] = v[e * inputs.size() + input];
        }
        return s;
    }

    /** A quantity of every input at one record. */
    public double[] at(Quantity quantity, int epoch) {
        return java.util.Arrays.copyOfRange(values[quantity.ordinal()], epoch * inputs.size(),
                (epoch + 1) * inputs.size());
    }

    /**
     * How the quantity moves as the loss falls: Spearman's ρ of its series against −loss (+1: it rises
     * steadily while the loss falls); NaN when the series or the loss is constant.
     */
    public double trend(Quantity quantity, int input) {
        double[] falling = new double[points()];
        for (int e = 0; e < falling.length; e++) {
            falling[e] = -loss[e];
        }
        return Correlation.spearman(series(quantity, input), falling);
    }

    /** Long form: seed, epoch, loss, quantity, input, value; one row per epoch, quantity and input. */
    public Table table() {
        int d = inputs.size();
        Quantity[] quantities = Quantity.values();
        int rows = points() * quantities.length * d;
        int[] epoch = new int[rows];
        double[] lossColumn = new double[rows];
        String[] quantity = new String[rows];
        String[] input = new String[rows];
        double[] value = new double[rows];
        int r = 0;
        for (int e = 0; e < points(); e++) {
            for (Quantity q : quantities) {
                for (int j = 0; j < d; j++) {
                    epoch[r] = e;
                    lossColumn[r] = loss[e];
                    quantity[r] = q.name();
                    input[r] = inputs.get(j);
                    value[r] = values[q.ordinal()][e * d + j];
                    r++;
                }
            }
        }
        int[] seeds = new int[rows];
        java.util.Arrays.fill(seeds, (int) seed);
        return Table.create("Loss-landscape record, " + data + ", seed " + seed).addColumns(
                IntColumn.create("seed", seeds), IntColumn.create("epoch", epoch),
                DoubleColumn.create("loss", lossColumn), StringColumn.create("quantity", quantity),
                StringColumn.create("input", input), DoubleColumn.create("value", value));
    }
}
