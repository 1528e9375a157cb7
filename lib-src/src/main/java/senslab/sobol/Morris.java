package senslab.sobol;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import senslab.function.BatchFunction;

/**
 * Morris screening (Morris 1991; μ* of Campolongo, Cariboni &amp; Saltelli 2007): r trajectories of one-at-a-time
 * steps of Δ = p / (2(p − 1)) on a grid of p levels cost r·(d + 1) model runs, and per input give the mean μ of
 * the elementary effects, the mean μ* of their absolute values (importance) and their standard deviation σ
 * (non-linearity and interactions), each with a bootstrap interval over the trajectories. With
 * {@link #optimized(int)} the r trajectories are picked among more candidates to spread over the input space
 * (Campolongo et al.'s criterion, chosen greedily as in Ruano et al. 2012, SALib's {@code local_optimization}).
 *
 * <pre>{@code
 * Estimates e = Morris.of(problem).trajectories(20).optimized(200).run(model);
 * e.table();   // output, input, measure (mu, mu_star, sigma), value, conf
 * }</pre>
 */
public final class Morris {
    private static final Logger LOG = LoggerFactory.getLogger(Morris.class);
    public static final String MU = "mu";
    public static final String MU_STAR = "mu_star";
    public static final String SIGMA = "sigma";
    private static final int SMALLEST_PREFIX = 4;

    private final Problem problem;
    private final int trajectories;
    private final int levels;
    private final int candidates;
    private final SobolOptions options;

    private Morris(Problem problem, int trajectories, int levels, int candidates, SobolOptions options) {
        if (problem.grouped()) {
            throw new IllegalArgumentException("Morris screening here moves inputs one by one; analyse "
                    + "problem.ungrouped()");
        }
        this.problem = problem;
        this.trajectories = trajectories;
        this.levels = levels;
        this.candidates = candidates;
        this.options = options;
    }

    /** Screening of {@code problem}: 10 trajectories on 4 levels, not optimized, 100 resamples, 95 %, seed 42. */
    public static Morris of(Problem problem) {
        return new Morris(problem, 10, 4, 0, SobolOptions.DEFAULT);
    }

    /** r, the number of trajectories (at least 2, for σ): the model runs r·(d + 1) times. */
    public Morris trajectories(int r) {
        if (r < 2) {
            throw new IllegalArgumentException("Morris screening needs at least 2 trajectories (σ), not " + r);
        }
        return new Morris(problem, r, levels, candidates, options);
    }

    /** p, the number of grid levels: even, at least 2 (4 is usual). */
    public Morris levels(int p) {
        if (p < 2 || p % 2 != 0) {
            throw new IllegalArgumentException("the number of levels must be even and at least 2 (e.g. 4), not " + p
                    + ": with Δ = p / (2(p − 1)) only then does every step stay on the grid with equal probabilities");
        }
        return new Morris(problem, trajectories, p, candidates, options);
    }

    /** Picks the r trajectories among {@code count} random candidates to maximize their spread (0: no picking). */
    public Morris optimized(int count) {
        if (count != 0 && count <= trajectories) {
            throw new IllegalArgumentException("pick the " + trajectories + " trajectories among more candidates than "
                    + "that (e.g. " + 10 * trajectories + "), not " + count);
        }
        return new Morris(problem, trajectories, levels, count, options);
    }

    /** Resamples, confidence and the seed that draws trajectories and resamples. */
    public Morris options(SobolOptions value) {
        return new Morris(problem, trajectories, levels, candidates, value);
    }

    public Morris seed(long seed) {
        return options(options.withSeed(seed));
    }

    /** The trajectories this screening evaluates. */
    public MorrisSample sample() {
        int d = problem.inputs();
        SplittableRandom random = new SplittableRandom(options.seed());
        int drawn = Math.max(trajectories, candidates);
        List<double[][]> all = new ArrayList<>();
        List<int[]> moves = new ArrayList<>();
        for (int t = 0; t < drawn; t++) {
            int[] order = new int[d];
            all.add(trajectory(random, order));
            moves.add(order);
        }
        int[] chosen = candidates == 0 ? IntStream.range(0, trajectories).toArray() : spread(all);
        double[][] unit = new double[trajectories * (d + 1)][];
        int[][] moved = new int[trajectories][];
        for (int t = 0; t < trajectories; t++) {
            System.arraycopy(all.get(chosen[t]), 0, unit, t * (d + 1), d + 1);
            moved[t] = moves.get(chosen[t]);
        }
        return new MorrisSample(problem, levels, unit, moved);
    }

    /** One trajectory (Morris 1991): a random grid start, inputs moved in random order by ±Δ; fills the order. */
    private double[][] trajectory(SplittableRandom random, int[] order) {
        int d = problem.inputs();
        double delta = levels / (2.0 * (levels - 1));
        double[] start = new double[d];
        boolean[] up = new boolean[d];
        for (int j = 0; j < d; j++) {
            // grid values k / (p − 1) with k ≤ p/2 − 1, so that the point moved by Δ stays in [0, 1]
            double low = random.nextInt(levels / 2) / (double) (levels - 1);
            up[j] = random.nextBoolean();
            start[j] = up[j] ? low : low + delta;
            order[j] = j;
        }
        for (int j = d - 1; j > 0; j--) {
            int other = random.nextInt(j + 1);
            int swap = order[j];
            order[j] = order[other];
            order[other] = swap;
        }
        double[][] points = new double[d + 1][];
        points[0] = start;
        for (int s = 1; s <= d; s++) {
            points[s] = points[s - 1].clone();
            int j = order[s - 1];
            points[s][j] += up[j] ? delta : -delta;
        }
        return points;
    }

    /**
     * The r candidates of greatest spread: the pair farthest apart first, then one by one the candidate that adds the
     * most to Σ d², where d(m, l) is the sum of the distances between every point of m and every point of l.
     */
    private int[] spread(List<double[][]> all) {
        int m = all.size();
        double[][] distance = new double[m][m];
        IntStream.range(0, m).parallel().forEach(a -> {
            for (int b = a + 1; b < m; b++) {
                double sum = 0;
                for (double[] p : all.get(a)) {
                    for (double[] q : all.get(b)) {
                        double squares = 0;
                        for (int j = 0; j < p.length; j++) {
                            squares += (p[j] - q[j]) * (p[j] - q[j]);
                        }
                        sum += Math.sqrt(squares);
                    }
                }
                distance[a][b] = sum;
            }
        });
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < a; b++) {
                distance[a][b] = distance[b][a];
            }
        }
        int[] chosen = new int[trajectories];
        boolean[] taken = new boolean[m];
        double best = -1;
        for (int a = 0; a < m; a++) {
            for (int b = a + 1; b < m; b++) {
                if (distance[a][b] > best) {
                    best = distance[a][b];
                    chosen[0] = a;
                    chosen[1] = b;
                }
            }
        }
        taken[chosen[0]] = true;
        taken[chosen[1]] = true;
        double[] gain = new double[m];
        for (int c = 0; c < m; c++) {
            gain[c] = distance[c][chosen[0]] * distance[c][chosen[0]] + distance[c][chosen[1]] * distance[c][chosen[1]];
        }
        for (int t = 2; t < trajectories; t++) {
            int next = -1;
            for (int c = 0; c < m; c++) {
                if (!taken[c] && (next < 0 || gain[c] > gain[next])) {
                    next = c;
                }
            }
            chosen[t] = next;
            taken[next] = true;
            for (int c = 0; c < m; c++) {
                gain[c] += distance[c][next] * distance[c][next];
            }
        }
        return chosen;
    }

    /** Samples, evaluates the model once on every row, and analyses. */
    public Estimates run(BatchFunction model) {
        return run(VectorFunction.of("output", model));
    }

    /** Every output of a k-output model from the same trajectories. */
    public Estimates run(VectorFunction model) {
        MorrisSample sample = sample();
        return analyze(sample, model.outputs(), sample.evaluate(model));
    }

    /** μ, μ*, σ of every output from its values {@code y[o]} on the rows of {@code sample}. */
    public Estimates analyze(MorrisSample sample, List<String> outputs, double[][] y) {
        int d = problem.inputs();
        int k = outputs.size();
        int r = sample.trajectories();
        if (y.length != k) {
            throw new IllegalArgumentException(k + " output names for " + y.length + " outputs");
        }
        // terms per trajectory: for each output and input EE, |EE|, EE²
        int width = 3 * d * k;
        double[] terms = new double[r * width];
        Estimates.Builder builder = Estimates.builder("Morris screening", problem.names(), outputs,
                List.of(MU, MU_STAR, SIGMA), MU_STAR);
        for (int o = 0; o < k; o++) {
            double[][] effects = sample.elementaryEffects(y[o]);
            for (int t = 0; t < r; t++) {
                for (int j = 0; j < d; j++) {
                    double e = effects[t][j];
                    int at = t * width + (o * d + j) * 3;
                    terms[at] = e;
                    terms[at + 1] = Math.abs(e);
                    terms[at + 2] = e * e;
                }
            }
            double first = y[o][0];
            if (java.util.Arrays.stream(y[o]).allMatch(v -> v == first)) {
                String warning = String.format(Locale.ROOT, "output '%s' is constant (%s) on every trajectory: its "
                        + "effects are 0", outputs.get(o), first);
                LOG.warn(warning);
                builder.warn(warning);
            }
        }
        List<Integer> prefixes = new ArrayList<>();
        for (int m = r / 2; m >= SMALLEST_PREFIX; m /= 2) {
            prefixes.add(0, m);
        }
        for (int m : prefixes) {
            builder.at(m, measures(Bootstrap.totals(terms, m, width), m, d, k));
        }
        double[][][] full = measures(Bootstrap.totals(terms, r, width), r, d, k);
        double[][] sums = Bootstrap.weightedSums(terms, r, width, Bootstrap.counts(r, options.resamples(),
                options.seed()));
        double[][] resampled = new double[sums.length][];
        for (int b = 0; b < sums.length; b++) {
            resampled[b] = flat(measures(sums[b], r, d, k));
        }
        double z = new NormalDistribution(0, 1).inverseCumulativeProbability(0.5 + options.confidence() / 2);
        double[][][] conf = new double[k][3][d];
        for (int o = 0; o < k; o++) {
            for (int m = 0; m < 3; m++) {
                for (int j = 0; j < d; j++) {
                    conf[o][m][j] = z * Bootstrap.std(resampled, (o * 3 + m) * d + j);
                }
            }
        }
        return builder.at(r, full).conf(conf).build();
    }

    private static double[] flat(double[][][] m) {
        return java.util.Arrays.stream(m).flatMap(java.util.Arrays::stream).flatMapToDouble(java.util.Arrays::stream)
                .toArray();
    }

    /** μ, μ*, σ (n − 1) per output and input from the sums of the terms over r trajectories. */
    private static double[][][] measures(double[] sums, int r, int d, int k) {
        double[][][] m = new double[k][3][d];
        for (int o = 0; o < k; o++) {
            for (int j = 0; j < d; j++) {
                int at = (o * d + j) * 3;
                double mean = sums[at] / r;
                m[o][0][j] = mean;
                m[o][1][j] = sums[at + 1] / r;
                m[o][2][j] = Math.sqrt(Math.max(0, (sums[at + 2] - r * mean * mean) / (r - 1)));
            }
        }
        return m;
    }
}
