package senslab.sobol;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The bootstrap every estimator here shares. Estimators that are ratios of sums over independent units (base
 * points, rows, trajectories) of per-unit terms need no resampled copies: a resample is the term matrix's column
 * sums weighted by how often the resample draws each unit. The counts come from one split of the seed per
 * resample, so results repeat exactly on any thread count.
 */
final class Bootstrap {
    /**
     * Units per parallel block: a block's terms stay in cache while every resample sums over them. Fixed, not
     * scaled to the width, so that one output's sums come out the same alone or stacked with others.
     */
    private static final int BLOCK = 128;

    private Bootstrap() {
    }

    /** counts[r][i]: how often resample r draws unit i of n (multinomial; never near Short.MAX_VALUE). */
    static short[][] counts(int n, int resamples, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom[] streams = new SplittableRandom[resamples];
        for (int r = 0; r < resamples; r++) {
            streams[r] = root.split();
        }
        short[][] counts = new short[resamples][];
        IntStream.range(0, resamples).parallel().forEach(r -> {
            short[] c = new short[n];
            for (int t = 0; t < n; t++) {
                c[streams[r].nextInt(n)]++;
            }
            counts[r] = c;
        });
        return counts;
    }

    /** Column sums of the n × width term matrix (row-major), in unit order. */
    static double[] totals(double[] terms, int n, int width) {
        double[] sums = new double[width];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < width; k++) {
                sums[k] += terms[i * width + k];
            }
        }
        return sums;
    }

    /**
     * For each resample r, the column sums of the term matrix with unit i weighted by counts[r][i]: resamples ×
     * width. Blocks of units run in parallel and are added in block order, and within a block every column is
     * summed in unit order, so the sums do not depend on threads (nor on how many columns there are beside them).
     * Four resamples go through a block together, so each term is read once for four of them (an added 0 · term
     * changes no sum).
     */
    static double[][] weightedSums(double[] terms, int n, int width, short[][] counts) {
        int resamples = counts.length;
        int blocks = (n + BLOCK - 1) / BLOCK;
        double[][] partial = new double[blocks][];
        IntStream.range(0, blocks).parallel().forEach(b -> {
            int from = b * BLOCK;
            int to = Math.min(n, from + BLOCK);
            double[] acc = new double[resamples * width];
            int r = 0;
            for (; r + 4 <= resamples; r += 4) {
                short[] c0 = counts[r];
                short[] c1 = counts[r + 1];
                short[] c2 = counts[r + 2];
                short[] c3 = counts[r + 3];
                // four separate accumulators, so that the compiler can keep the loop in vector registers
                double[] s0 = new double[width];
                double[] s1 = new double[width];
                double[] s2 = new double[width];
                double[] s3 = new double[width];
                for (int i = from; i < to; i++) {
                    int w0 = c0[i];
                    int w1 = c1[i];
                    int w2 = c2[i];
                    int w3 = c3[i];
                    if ((w0 | w1 | w2 | w3) != 0) {
                        int row = i * width;
                        for (int k = 0; k < width; k++) {
                            double t = terms[row + k];
                            s0[k] += w0 * t;
                            s1[k] += w1 * t;
                            s2[k] += w2 * t;
                            s3[k] += w3 * t;
                        }
                    }
                }
                System.arraycopy(s0, 0, acc, r * width, width);
                System.arraycopy(s1, 0, acc, (r + 1) * width, width);
                System.arraycopy(s2, 0, acc, (r + 2) * width, width);
                System.arraycopy(s3, 0, acc, (r + 3) * width, width);
            }
            for (; r < resamples; r++) {
                short[] c = counts[r];
                int base = r * width;
                for (int i = from; i < to; i++) {
                    int weight = c[i];
                    if (weight != 0) {
                        int row = i * width;
                        for (int k = 0; k < width; k++) {
                            acc[base + k] += weight * terms[row + k];
                        }
                    }
                }
            }
            partial[b] = acc;
        });
        double[][] sums = new double[resamples][width];
        for (int r = 0; r < resamples; r++) {
            for (double[] acc : partial) {
                for (int k = 0; k < width; k++) {
                    sums[r][k] += acc[r * width + k];
                }
            }
        }
        return sums;
    }

    /** The sample standard deviation (n − 1) of one component over the resampled estimates. */
    static double std(double[][] values, int component) {
        double mean = 0;
        for (double[] v : values) {
            mean += v[component];
        }
        mean /= values.length;
        double squares = 0;
        for (double[] v : values) {
            squares += (v[component] - mean) * (v[component] - mean);
        }
        return Math.sqrt(squares / (values.length - 1));
    }
}
