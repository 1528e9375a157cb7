package senslab.sobol;

import java.util.List;
import tech.tablesaw.api.Table;

/** Sobol indices at growing N (the paper's Figure 4), smallest N first. */
public final class Convergence {
    private final List<SobolResult> results;

    Convergence(List<SobolResult> results) {
        this.results = List.copyOf(results);
    }

    public List<SobolResult> results() {
        return results;
    }

    /** The base sizes N, in order. */
    public int[] sizes() {
        return results.stream().mapToInt(SobolResult::baseSize).toArray();
    }

    /** The result at the largest N. */
    public SobolResult last() {
        return results.get(results.size() - 1);
    }

    /**
     * One line: whether the largest N was enough for the ranking by ST (its intervals, and the order at the
     * smaller N of this study).
     */
    public String verdict() {
        int[] sizes = sizes();
        double[][] history = results.stream().map(SobolResult::st).toArray(double[][]::new);
        return Verdict.of(last().names(), sizes, history, last().stConf(), SobolAnalysis.ST);
    }

    /** One row per N and factor: N, name, S1, S1_conf, ST, ST_conf. */
    public Table table() {
        Table all = results.get(0).tableWithN();
        for (SobolResult r : results.subList(1, results.size())) {
            all.append(r.tableWithN());
        }
        return all.setName("Sobol indices against N");
    }
}
