package senslab.sobol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import senslab.function.BatchFunction;

/**
 * Sobol analysis in one call: Saltelli sample, batched model evaluation, indices with intervals.
 *
 * <pre>{@code
 * SobolResult r = Sobol.of(problem).secondOrder(true).samples(65_536).run(model);
 * r.table();   // name, S1, S1_conf, ST, ST_conf
 * }</pre>
 */
public final class Sobol {
    private final Problem problem;
    private final boolean secondOrder;
    private final int samples;
    private final SobolOptions options;

    private Sobol(Problem problem, boolean secondOrder, int samples, SobolOptions options) {
        this.problem = problem;
        this.secondOrder = secondOrder;
        this.samples = samples;
        this.options = options;
    }

    /** An analysis of {@code problem}: second order on, N = 1,024, 100 resamples, 95 %. */
    public static Sobol of(Problem problem) {
        return new Sobol(problem, true, 1024, SobolOptions.DEFAULT);
    }

    public Sobol secondOrder(boolean on) {
        return new Sobol(problem, on, samples, options);
    }

    /** N, the number of base points (a power of two); the model runs N·(2D+2) or N·(D+2) times. */
    public Sobol samples(int n) {
        Saltelli.defaultSkip(n);
        return new Sobol(problem, secondOrder, n, options);
    }

    public Sobol options(SobolOptions value) {
        return new Sobol(problem, secondOrder, samples, value);
    }

    public Sobol resamples(int count) {
        return options(options.withResamples(count));
    }

    public Sobol seed(long seed) {
        return options(options.withSeed(seed));
    }

    /** The Saltelli sample this analysis evaluates (SALib's default Sobol sample). */
    public SaltelliSample sample() {
        return Saltelli.sample(problem, samples, secondOrder);
    }

    /** Samples, evaluates the model in batches and analyses. */
    public SobolResult run(BatchFunction model) {
        return analyze(sample().evaluate(model));
    }

    /** Indices from outputs already computed on {@link #sample()}. */
    public SobolResult analyze(double[] y) {
        return SobolAnalysis.analyze(problem, y, secondOrder, options);
    }

    /**
     * Indices of every output of a k-output model (a network's output and hidden units, a classifier's logits)
     * from one sample: the model runs once per row, not k times.
     */
    public SobolResults run(VectorFunction model) {
        return analyze(model.outputs(), sample().evaluate(model));
    }

    /** Indices of k outputs already computed on {@link #sample()}: {@code y[o]} is output o on every row. */
    public SobolResults analyze(List<String> outputs, double[][] y) {
        return SobolAnalysis.analyze(problem, outputs, y, secondOrder, options);
    }

    /** The convergence study of every output of a k-output model, from one evaluation of the largest sample. */
    public Map<String, Convergence> convergence(VectorFunction model, int smallest) {
        double[][] y = sample().evaluate(model);
        List<String> outputs = model.outputs();
        Map<String, List<SobolResult>> byOutput = new LinkedHashMap<>();
        for (long n = checkedSmallest(smallest); n <= samples; n *= 2) {
            SobolResults results = SobolAnalysis.analyze(problem, outputs, y, (int) n, secondOrder, options);
            for (SobolResult r : results.results()) {
                byOutput.computeIfAbsent(r.output(), o -> new ArrayList<>()).add(r);
            }
        }
        Map<String, Convergence> studies = new LinkedHashMap<>();
        byOutput.forEach((output, results) -> studies.put(output, new Convergence(results)));
        return studies;
    }

    /**
     * Indices for N = {@code smallest}, 2·smallest, … up to this analysis's N, all from nested prefixes of
     * one sample evaluated once (so it costs one evaluation at the largest N and about two analyses).
     */
    public Convergence convergence(BatchFunction model, int smallest) {
        SaltelliSample sample = sample();
        return convergence(sample.evaluate(model), smallest);
    }

    /** The convergence study from outputs already computed on {@link #sample()}. */
    public Convergence convergence(double[] y, int smallest) {
        checkedSmallest(smallest);
        int step = SaltelliSample.stepFor(problem.factors(), secondOrder);
        if (y.length != (long) samples * step) {
            throw new IllegalArgumentException(y.length + " outputs do not match N = " + samples + " with "
                    + step + " rows per base point");
        }
        List<SobolResult> results = new ArrayList<>();
        for (long n = smallest; n <= samples; n *= 2) {
            results.add(SobolAnalysis.analyze(problem, List.of("output"), new double[][] {y}, (int) n, secondOrder,
                    options).result("output"));
        }
        return new Convergence(results);
    }

    private int checkedSmallest(int smallest) {
        if (smallest < 2 || smallest > samples) {
            throw new IllegalArgumentException("the smallest N must lie in [2, " + samples + "], not " + smallest);
        }
        return smallest;
    }
}
