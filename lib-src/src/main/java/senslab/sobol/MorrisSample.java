package senslab.sobol;

import java.util.Arrays;

/**
 * Morris trajectories: r trajectories of d + 1 points each, every step moving one input by ±Δ on a grid of p
 * levels in the unit cube, the points scaled to the problem's bounds. The first t trajectories form a sample of
 * their own (nested prefixes, for the convergence verdict).
 */
public final class MorrisSample {
    private final Problem problem;
    private final int levels;
    /** Unit-cube points, trajectory by trajectory: [t * (d + 1) + s][j]. */
    private final double[][] unit;
    /** The input trajectory t moves at its step s (1 … d): moved[t][s − 1]. */
    private final int[][] moved;

    MorrisSample(Problem problem, int levels, double[][] unit, int[][] moved) {
        this.problem = problem;
        this.levels = levels;
        this.unit = unit;
        this.moved = moved;
    }

    public Problem problem() {
        return problem;
    }

    /** The number of grid levels p. */
    public int levels() {
        return levels;
    }

    /** r, the number of trajectories. */
    public int trajectories() {
        return moved.length;
    }

    /** The model rows, r·(d + 1) × d, in the problem's bounds (SALib's {@code morris.sample}). */
    public double[][] matrix() {
        double[][] rows = new double[unit.length][];
        for (int r = 0; r < unit.length; r++) {
            rows[r] = new double[unit[r].length];
            for (int j = 0; j < rows[r].length; j++) {
                rows[r][j] = problem.low(j) + unit[r][j] * (problem.high(j) - problem.low(j));
            }
        }
        return rows;
    }

    /** The unit-cube points, r·(d + 1) × d. */
    public double[][] unitMatrix() {
        return Arrays.stream(unit).map(double[]::clone).toArray(double[][]::new);
    }

    /** Every output of the model on every row, k arrays in row order (one model call). */
    public double[][] evaluate(VectorFunction model) {
        int d = problem.inputs();
        int k = model.outputs().size();
        double[][] rows = matrix();
        double[] x = new double[rows.length * d];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, x, r * d, d);
        }
        double[] out = new double[rows.length * k];
        Arrays.fill(out, Double.NaN);
        model.evaluate(x, rows.length, d, out);
        double[][] y = new double[k][rows.length];
        for (int r = 0; r < rows.length; r++) {
            for (int o = 0; o < k; o++) {
                double value = out[r * k + o];
                if (!Double.isFinite(value)) {
                    throw new IllegalStateException("the model returned " + value + " for output '"
                            + model.outputs().get(o) + "' at row " + r + " " + Arrays.toString(rows[r])
                            + "; Morris screening needs a finite output for every row");
                }
                y[o][r] = value;
            }
        }
        return y;
    }

    /**
     * The elementary effects of one output's values {@code y} (one per row): [trajectory][input], each
     * (f(x + Δe_j) − f(x)) / Δ in unit-cube steps, as SALib.
     */
    double[][] elementaryEffects(double[] y) {
        int d = problem.inputs();
        int r = trajectories();
        if (y.length != r * (d + 1)) {
            throw new IllegalArgumentException(y.length + " values do not fit " + r + " trajectories of " + (d + 1)
                    + " points");
        }
        double[][] effects = new double[r][d];
        for (int t = 0; t < r; t++) {
            for (int s = 1; s <= d; s++) {
                int row = t * (d + 1) + s;
                int j = moved[t][s - 1];
                effects[t][j] = (y[row] - y[row - 1]) / (unit[row][j] - unit[row - 1][j]);
            }
        }
        return effects;
    }
}
