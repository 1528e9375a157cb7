package senslab.sobol;

import java.util.Arrays;
import senslab.function.BatchFunction;

/**
 * A Saltelli sample in SALib's arrangement, kept as its N base points (matrices A and B side by side) and
 * expanded into model rows on demand, so that N = 65,536 with d = 8 costs 8 MB instead of 75 MB.
 *
 * <p>For each base point the rows are A, AB<sub>1</sub> … AB<sub>D</sub>, [BA<sub>1</sub> … BA<sub>D</sub>
 * with second order], B: {@link #step()} = 2D + 2 or D + 2 rows, D = number of factors (inputs or groups).
 * AB<sub>k</sub> is A with the columns of factor k taken from B; BA<sub>k</sub> is B with them taken from A.
 * The first n base points of a sample form a sample of size n (nested prefixes, for convergence studies).
 * Serializable, so that its base points can be shipped to where a model is evaluated (e.g. Spark executors).
 */
public final class SaltelliSample implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** Model rows evaluated per call: big batches, ~9 MB of doubles for d = 8. */
    static final int CHUNK_ROWS = 1 << 17;

    private final Problem problem;
    private final int n;
    private final boolean secondOrder;
    /** n × 2d, row-major, already scaled to the bounds: columns 0..d-1 are A, d..2d-1 are B. */
    private final double[] base;

    SaltelliSample(Problem problem, int n, boolean secondOrder, double[] base) {
        this.problem = problem;
        this.n = n;
        this.secondOrder = secondOrder;
        this.base = base;
    }

    public Problem problem() {
        return problem;
    }

    /** N, the number of base points. */
    public int baseSize() {
        return n;
    }

    public boolean secondOrder() {
        return secondOrder;
    }

    /** Model rows per base point: 2D + 2 with second order, else D + 2. */
    public int step() {
        return stepFor(problem.factors(), secondOrder);
    }

    static int stepFor(int factors, boolean secondOrder) {
        return secondOrder ? 2 * factors + 2 : factors + 2;
    }

    /** Number of model rows, N·step. */
    public long rows() {
        return (long) n * step();
    }

    /** The first {@code size} base points as a sample of their own (they share storage). */
    public SaltelliSample prefix(int size) {
        if (size < 2 || size > n) {
            throw new IllegalArgumentException("a prefix needs between 2 and " + n + " base points, not " + size);
        }
        return new SaltelliSample(problem, size, secondOrder, base);
    }

    /**
     * Writes the model rows of base points {@code [first, first + count)} into {@code rows}, row-major with
     * d columns: {@code count · step()} rows.
     */
    public void fill(int first, int count, double[] rows) {
        int d = problem.inputs();
        int factors = problem.factors();
        int step = step();
        if (first < 0 || count < 0 || first + count > n) {
            throw new IndexOutOfBoundsException("base points [" + first + ", " + (first + count) + ") of " + n);
        }
        if (rows.length < (long) count * step * d) {
            throw new IllegalArgumentException("buffer of " + rows.length + " values is too small for "
                    + count * step + " rows of " + d);
        }
        int out = 0;
        for (int i = first; i < first + count; i++) {
            int a = i * 2 * d;
            int b = a + d;
            System.arraycopy(base, a, rows, out, d);
            out += d;
            for (int k = 0; k < factors; k++, out += d) {
                for (int j = 0; j < d; j++) {
                    rows[out + j] = base[(problem.factorOf(j) == k ? b : a) + j];
                }
            }
            if (secondOrder) {
                for (int k = 0; k < factors; k++, out += d) {
                    for (int j = 0; j < d; j++) {
                        rows[out + j] = base[(problem.factorOf(j) == k ? a : b) + j];
                    }
                }
            }
            System.arraycopy(base, b, rows, out, d);
            out += d;
        }
    }

    /**
     * The model's output on every row, in row order ({@code Y} for {@link SobolAnalysis}): rows are expanded
     * and evaluated in chunks of about {@value #CHUNK_ROWS} rows, so memory stays bounded.
     */
    public double[] evaluate(BatchFunction model) {
        return evaluate(model, 0, n);
    }

    /**
     * The model's output on the rows of base points {@code [first, first + count)}, in row order, in the same
     * chunks as {@link #evaluate(BatchFunction)} when {@code first} is a multiple of {@link #basePointsPerChunk()}
     * (so that pieces evaluated apart, e.g. on Spark, meet the model in the same batches as one whole run).
     */
    public double[] evaluate(BatchFunction model, int first, int count) {
        return evaluate(VectorFunction.of("output", model), first, count)[0];
    }

    /**
     * Every output of a k-output model on every row, from one model call per chunk of rows: k arrays in row order,
     * one per output ({@code Y} of each output for {@link SobolAnalysis}).
     */
    public double[][] evaluate(VectorFunction model) {
        return evaluate(model, 0, n);
    }

    /** The k outputs on the rows of base points {@code [first, first + count)}, chunked as the others. */
    public double[][] evaluate(VectorFunction model, int first, int count) {
        if (first < 0 || count < 1 || first + count > n) {
            throw new IndexOutOfBoundsException("base points [" + first + ", " + (first + count) + ") of " + n);
        }
        int d = problem.inputs();
        int k = model.outputs().size();
        int step = step();
        int perChunk = basePointsPerChunk();
        double[] rows = new double[perChunk * step * d];
        double[] out = new double[perChunk * step * k];
        double[][] y = new double[k][Math.toIntExact((long) count * step)];
        for (int from = first; from < first + count; from += perChunk) {
            int points = Math.min(perChunk, first + count - from);
            int rowCount = points * step;
            fill(from, points, rows);
            Arrays.fill(out, Double.NaN);
            model.evaluate(rows, rowCount, d, out);
            int at = (from - first) * step;
            for (int r = 0; r < rowCount; r++) {
                for (int o = 0; o < k; o++) {
                    double value = out[r * k + o];
                    if (!Double.isFinite(value)) {
                        throw new IllegalStateException("the model returned " + value
                                + (k > 1 ? " for output '" + model.outputs().get(o) + "'" : "") + " for sample row "
                                + ((long) from * step + r) + " " + Arrays.toString(Arrays.copyOfRange(rows, r * d,
                                (r + 1) * d)) + (Double.isNaN(value) ? " (or no value at all)" : "")
                                + "; Sobol indices need a finite output for every row");
                    }
                    y[o][at + r] = value;
                }
            }
        }
        return y;
    }

    /** Base points per model call in {@link #evaluate(BatchFunction)}: about {@value #CHUNK_ROWS} rows. */
    public int basePointsPerChunk() {
        return Math.max(1, Math.min(n, CHUNK_ROWS / step()));
    }

    /** Every model row as a matrix (N·step × d), as SALib's {@code sample} returns it; costly for large N. */
    public double[][] matrix() {
        int d = problem.inputs();
        if (rows() * d > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(rows() + " rows are too many for one matrix; use fill() in chunks");
        }
        double[] flat = new double[(int) rows() * d];
        fill(0, n, flat);
        double[][] m = new double[(int) rows()][];
        for (int r = 0; r < m.length; r++) {
            m[r] = Arrays.copyOfRange(flat, r * d, (r + 1) * d);
        }
        return m;
    }
}
