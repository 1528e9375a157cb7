package senslab.sobol;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sobol indices from model outputs on a Saltelli sample, exactly as SALib's {@code sobol.analyze}: the
 * outputs are first standardized ((Y − mean) / std over all of Y), then S1 by Saltelli (2010), ST by
 * Jansen (1999), S2 by Saltelli (2002), each with a bootstrap interval over the base points.
 *
 * <p>All estimators are ratios of sums over base points of per-point terms, so the terms are computed once
 * and every bootstrap resample is a sum of them weighted by how often the resample draws each point
 * ({@link Bootstrap}). A model with k outputs has its k term matrices side by side, and every output is
 * resampled with the same draws in one pass: the indices of one output are the same alone or among others.
 * Besides the intervals at N, each output's point indices at the nested prefixes N/2, N/4, … (down to
 * {@value #SMALLEST_PREFIX} base points) feed {@link Estimates#verdict}.
 */
public final class SobolAnalysis {
    private static final Logger LOG = LoggerFactory.getLogger(SobolAnalysis.class);
    static final String S1 = "S1";
    static final String ST = "ST";
    private static final int SMALLEST_PREFIX = 32;
    /** Terms held at once (128 MB): a model with many outputs is analysed a group of outputs at a time. */
    private static final long TERMS_IN_MEMORY = 1L << 24;

    private SobolAnalysis() {
    }

    /** Indices for the outputs {@code y} of the model on a sample drawn for {@code problem}. */
    public static SobolResult analyze(Problem problem, double[] y, boolean secondOrder, SobolOptions options) {
        return analyze(problem, List.of("output"), new double[][] {y}, secondOrder, options).result("output");
    }

    /** Indices with the default options (100 resamples, 95 %). */
    public static SobolResult analyze(Problem problem, double[] y, boolean secondOrder) {
        return analyze(problem, y, secondOrder, SobolOptions.DEFAULT);
    }

    /**
     * Indices of every output of a k-output model: {@code y[o]} holds output o on every sample row (as
     * {@link SaltelliSample#evaluate(VectorFunction)} returns them).
     */
    public static SobolResults analyze(Problem problem, List<String> outputs, double[][] y, boolean secondOrder,
            SobolOptions options) {
        if (outputs.size() != y.length) {
            throw new IllegalArgumentException(outputs.size() + " output names for " + y.length + " outputs");
        }
        int step = SaltelliSample.stepFor(problem.factors(), secondOrder);
        for (int o = 0; o < y.length; o++) {
            if (y[o].length == 0 || y[o].length % step != 0 || y[o].length != y[0].length) {
                throw new IllegalArgumentException(y[o].length + " values of output '" + outputs.get(o)
                        + "' do not fit a sample of " + problem.factors() + " factors " + (secondOrder ? "with"
                        : "without") + " second order (" + step + " rows per base point, the same number for every "
                        + "output); check that secondOrder matches the sampling");
            }
        }
        return analyze(problem, outputs, y, y[0].length / step, secondOrder, options);
    }

    /** Indices from the first {@code n} base points' outputs in {@code y} (a nested prefix of the sample). */
    static SobolResults analyze(Problem problem, List<String> outputs, double[][] y, int n, boolean secondOrder,
            SobolOptions options) {
        if (n < 2) {
            throw new IllegalArgumentException("N = " + n + " base points are too few; use N ≥ 2");
        }
        int factors = problem.factors();
        int k = outputs.size();
        Kernel kernel = new Kernel(factors, secondOrder);
        int count = kernel.estimateCount();
        double[][] value = new double[k][];
        double[][] conf = new double[k][count];
        List<String> warnings = new ArrayList<>();
        double z = new NormalDistribution(0, 1).inverseCumulativeProbability(0.5 + options.confidence() / 2);
        short[][] counts = null;
        // outputs in groups whose terms fit in about TERMS_IN_MEMORY doubles, all resampled with the same draws
        int group = (int) Math.max(1, Math.min(k, TERMS_IN_MEMORY / ((long) n * kernel.width)));
        for (int first = 0; first < k; first += group) {
            int size = Math.min(group, k - first);
            int width = kernel.width * size;
            double[] terms = new double[Math.toIntExact((long) n * width)];
            for (int g = 0; g < size; g++) {
                int o = first + g;
                kernel.fillTerms(standardized(y[o], n * kernel.step(), outputs.get(o)), n, terms, width,
                        g * kernel.width);
            }
            double[] totals = Bootstrap.totals(terms, n, width);
            boolean anyVaries = false;
            for (int g = 0; g < size; g++) {
                int o = first + g;
                value[o] = kernel.estimates(totals, g * kernel.width, n);
                if (value[o] == null) {
                    String warning = String.format(Locale.ROOT, "output '%s' is constant (%s) over the sample: its "
                            + "indices are reported as 0", outputs.get(o), y[o][0]);
                    LOG.warn(warning);
                    warnings.add(warning);
                    value[o] = new double[count];
                } else {
                    anyVaries = true;
                }
            }
            if (!anyVaries) {
                continue;
            }
            if (counts == null) {
                counts = Bootstrap.counts(n, options.resamples(), options.seed());
            }
            double[][] sums = Bootstrap.weightedSums(terms, n, width, counts);
            for (int g = 0; g < size; g++) {
                double[][] resampled = new double[sums.length][];
                for (int r = 0; r < sums.length; r++) {
                    double[] e = kernel.estimates(sums[r], g * kernel.width, n);
                    resampled[r] = e == null ? new double[count] : e;
                }
                for (int c = 0; c < count; c++) {
                    conf[first + g][c] = z * Bootstrap.std(resampled, c);
                }
            }
        }
        List<SobolResult> results = new ArrayList<>();
        Estimates estimates = estimates(problem, outputs, y, n, secondOrder, value, conf, warnings);
        for (int o = 0; o < k; o++) {
            results.add(SobolResult.from(problem.factorNames(), n, secondOrder, value[o], conf[o], estimates,
                    outputs.get(o)));
        }
        return new SobolResults(results, estimates);
    }

    /** S1 and ST of every output in long form, with their point values at nested prefixes for the verdict. */
    private static Estimates estimates(Problem problem, List<String> outputs, double[][] y, int n,
            boolean secondOrder, double[][] value, double[][] conf, List<String> warnings) {
        int factors = problem.factors();
        Estimates.Builder builder = Estimates.builder("Sobol indices (Saltelli sample)", problem.factorNames(),
                outputs, List.of(S1, ST), ST);
        List<Integer> prefixes = new ArrayList<>();
        for (int m = n / 2; m >= SMALLEST_PREFIX; m /= 2) {
            prefixes.add(0, m);
        }
        Kernel kernel = new Kernel(factors, secondOrder);
        for (int m : prefixes) {
            double[][][] at = Estimates.grid(outputs.size(), 2, factors);
            for (int o = 0; o < outputs.size(); o++) {
                double[] terms = new double[m * kernel.width];
                kernel.fillTerms(standardized(y[o], m * kernel.step(), outputs.get(o)), m, terms, kernel.width, 0);
                double[] e = kernel.estimates(Bootstrap.totals(terms, m, kernel.width), 0, m);
                if (e != null) {
                    System.arraycopy(e, 0, at[o][0], 0, factors);
                    System.arraycopy(e, factors, at[o][1], 0, factors);
                }
            }
            builder.at(m, at);
        }
        double[][][] full = Estimates.grid(outputs.size(), 2, factors);
        double[][][] half = Estimates.grid(outputs.size(), 2, factors);
        for (int o = 0; o < outputs.size(); o++) {
            System.arraycopy(value[o], 0, full[o][0], 0, factors);
            System.arraycopy(value[o], factors, full[o][1], 0, factors);
            System.arraycopy(conf[o], 0, half[o][0], 0, factors);
            System.arraycopy(conf[o], factors, half[o][1], 0, factors);
        }
        warnings.forEach(builder::warn);
        return builder.at(n, full).conf(half).build();
    }

    private static double[] standardized(double[] y, int length, String output) {
        double sum = 0;
        for (int i = 0; i < length; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("value " + i + " of output '" + output + "' is " + y[i]
                        + "; Sobol indices need finite outputs everywhere on the sample");
            }
            sum += y[i];
        }
        double mean = sum / length;
        double squares = 0;
        for (int i = 0; i < length; i++) {
            squares += (y[i] - mean) * (y[i] - mean);
        }
        double std = Math.sqrt(squares / length);
        double[] z = new double[length];
        double scale = std == 0 ? 0 : 1 / std;
        for (int i = 0; i < length; i++) {
            z[i] = (y[i] - mean) * scale;
        }
        return z;
    }

    /**
     * The per-point terms of one output and the estimates from their sums. Terms per point: A, B, A², B², A·B, then
     * per factor j B(AB_j − A), then per factor (A − AB_j)², then per pair j &lt; k BA_j·AB_k. Estimates: S1 (D
     * values), ST (D values), then S2 for pairs j &lt; k in row order.
     */
    private static final class Kernel {
        private final int factors;
        private final boolean second;
        final int width;

        Kernel(int factors, boolean second) {
            this.factors = factors;
            this.second = second;
            this.width = 5 + 2 * factors + (second ? factors * (factors - 1) / 2 : 0);
        }

        /** Writes the terms of n base points of the standardized outputs z at column offset {@code at}. */
        void fillTerms(double[] z, int n, double[] terms, int stride, int at) {
            int step = step();
            int blocks = (n + 1023) / 1024;
            IntStream.range(0, blocks).parallel().forEach(block -> {
                for (int i = block * 1024; i < Math.min(n, (block + 1) * 1024); i++) {
                    fillPoint(z, i * step, step, terms, i * stride + at);
                }
            });
        }

        private void fillPoint(double[] z, int base, int step, double[] terms, int out) {
            double a = z[base];
            double b = z[base + step - 1];
            terms[out] = a;
            terms[out + 1] = b;
            terms[out + 2] = a * a;
            terms[out + 3] = b * b;
            terms[out + 4] = a * b;
            for (int j = 0; j < factors; j++) {
                double ab = z[base + 1 + j];
                terms[out + 5 + j] = b * (ab - a);
                terms[out + 5 + factors + j] = (a - ab) * (a - ab);
            }
            if (second) {
                int p = out + 5 + 2 * factors;
                for (int j = 0; j < factors; j++) {
                    double ba = z[base + 1 + factors + j];
                    for (int k = j + 1; k < factors; k++) {
                        terms[p++] = ba * z[base + 1 + k];
                    }
                }
            }
        }

        /** Sample rows per base point. */
        int step() {
            return SaltelliSample.stepFor(factors, second);
        }

        int estimateCount() {
            return 2 * factors + (second ? factors * (factors - 1) / 2 : 0);
        }

        /**
         * The estimates from the sums of one output's terms (starting at {@code at}) over n (drawn) points; null
         * when the output is constant.
         */
        double[] estimates(double[] sums, int at, int n) {
            int dd = factors;
            double mean = (sums[at] + sums[at + 1]) / (2.0 * n);
            double variance = (sums[at + 2] + sums[at + 3]) / (2.0 * n) - mean * mean;
            if (!(variance > 1e-300)) {
                return null;
            }
            double[] e = new double[estimateCount()];
            for (int j = 0; j < dd; j++) {
                e[j] = sums[at + 5 + j] / n / variance;
                e[dd + j] = 0.5 * sums[at + 5 + dd + j] / n / variance;
            }
            if (second) {
                int p = at + 5 + 2 * dd;
                int q = 2 * dd;
                for (int j = 0; j < dd; j++) {
                    for (int k = j + 1; k < dd; k++) {
                        e[q++] = (sums[p++] / n - sums[at + 4] / n) / variance - e[j] - e[k];
                    }
                }
            }
            return e;
        }
    }
}
