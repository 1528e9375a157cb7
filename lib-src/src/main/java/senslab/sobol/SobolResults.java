package senslab.sobol;

import java.util.List;
import tech.tablesaw.api.Table;

/**
 * Sobol indices of every output of a k-output model from one sample: a {@link SobolResult} per output (S1, ST, S2
 * with intervals) and all of them in long form ({@link #estimates()}).
 */
public final class SobolResults {
    private final List<SobolResult> results;
    private final Estimates estimates;

    SobolResults(List<SobolResult> results, Estimates estimates) {
        this.results = List.copyOf(results);
        this.estimates = estimates;
    }

    public List<String> outputs() {
        return estimates.outputs();
    }

    /** The indices of one output. */
    public SobolResult result(String output) {
        return results.get(estimates.outputs().indexOf(checked(output)));
    }

    /** One result per output, in output order. */
    public List<SobolResult> results() {
        return results;
    }

    /** S1 and ST of every output, input by input, with intervals and their history over N. */
    public Estimates estimates() {
        return estimates;
    }

    /** Long form: output, input, measure (S1, ST), value, conf. */
    public Table table() {
        return estimates.table();
    }

    /** Per output, whether N was enough for its ranking by ST. */
    public Table verdicts() {
        return estimates.verdicts();
    }

    /** Every output's second-order indices in long form: output, first, second, S2, S2_conf. */
    public Table secondOrderTable() {
        Table all = null;
        for (SobolResult r : results) {
            Table t = r.secondOrderTable();
            t.insertColumn(0, tech.tablesaw.api.StringColumn.create("output", java.util.Collections.nCopies(
                    t.rowCount(), r.output())));
            all = all == null ? t : all.append(t);
        }
        return all.setName("Second-order Sobol indices (N = " + estimates.size() + ")");
    }

    private String checked(String output) {
        if (!estimates.outputs().contains(output)) {
            throw new IllegalArgumentException("no output named '" + output + "'; outputs: " + estimates.outputs());
        }
        return output;
    }

    @Override
    public String toString() {
        return table().printAll();
    }
}
