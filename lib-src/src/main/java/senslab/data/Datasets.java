package senslab.data;

import java.util.List;
import senslab.Project;

/** The data sets of notebook 06: a synthetic set with known effects, Pima diabetes, and a regression table. */
public final class Datasets {
    /** The synthetic set's inputs draw on the fractional parts of (k + 1)·√p for these primes. */
    private static final int[] PRIMES = {2, 3, 5, 7, 11, 13};
    private static final int SYNTHETIC_ROWS = 256;

    private Datasets() {
    }

    /**
     * 256 rows any language can rebuild: x_kj = 2·frac((k + 1)·√p_j) − 1 for p = 2, 3, 5, 7, 11, 13 and
     * y = tanh(2x1) − 0.7x2 + 0.9(x3² − 1/3) + 0.3x4 − 0.4x5³ + 0·x6 + 0.05(2·frac((k + 1)·√17) − 1):
     * x1 rises, x2 falls, x3 matters with ρ ≈ 0, x4 is weak, x5 falls non-linearly, x6 is irrelevant.
     */
    public static Dataset synthetic() {
        double[][] x = new double[SYNTHETIC_ROWS][PRIMES.length];
        double[] y = new double[SYNTHETIC_ROWS];
        for (int k = 0; k < SYNTHETIC_ROWS; k++) {
            for (int j = 0; j < PRIMES.length; j++) {
                x[k][j] = centred(k, PRIMES[j]);
            }
            double[] v = x[k];
            y[k] = StrictMath.tanh(2 * v[0]) - 0.7 * v[1] + 0.9 * (v[2] * v[2] - 1.0 / 3) + 0.3 * v[3]
                    - 0.4 * v[4] * v[4] * v[4] + 0.05 * centred(k, 17);
        }
        return new Dataset("synthetic", List.of("x1", "x2", "x3", "x4", "x5", "x6"), x, y);
    }

    /** 2·frac((k + 1)·√p) − 1, in [−1, 1). */
    private static double centred(int k, int p) {
        double v = (k + 1) * Math.sqrt(p);
        return 2 * (v - Math.floor(v)) - 1;
    }

    /**
     * Pima diabetes ({@code data/diabetes.csv}): the training rows 0–499, each feature z-scored with these
     * rows' mean and population standard deviation; target Outcome (0/1).
     */
    public static Dataset pimaDiabetes() {
        DiabetesData data = DiabetesData.load();
        return new Dataset("Pima diabetes (rows 0–499)", DiabetesData.FEATURES,
                data.trainFeatures(DiabetesData.FEATURES), data.trainOutcome()).zScored();
    }

    /**
     * The 8×8 handwritten digits ({@code data/digits.csv}): the images of two digits, pixels scaled to
     * [0, 1] (not z-scored: border pixels are blank in every image), target 1 for {@code positive} and 0
     * for {@code negative}.
     */
    public static Dataset digits(int positive, int negative) {
        Dataset all = Dataset.csv(Project.data().resolve("digits.csv"), "digit");
        List<double[]> x = new java.util.ArrayList<>();
        List<Double> y = new java.util.ArrayList<>();
        for (int k = 0; k < all.rows(); k++) {
            int digit = (int) all.y()[k];
            if (digit == positive || digit == negative) {
                double[] pixels = all.x()[k].clone();
                for (int j = 0; j < pixels.length; j++) {
                    pixels[j] /= 16;
                }
                x.add(pixels);
                y.add(digit == positive ? 1.0 : 0.0);
            }
        }
        if (x.isEmpty() || positive == negative) {
            throw new IllegalArgumentException("digits " + positive + " and " + negative
                    + ": give two different digits 0–9");
        }
        return new Dataset("digits " + positive + " against " + negative, all.inputs(), x.toArray(double[][]::new),
                y.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * The diabetes progression data of Efron et al. (2004) as shipped by scikit-learn
     * ({@code data/diabetes-regression.csv}, 442 rows × 10 raw inputs, target {@code progression}); inputs
     * and target z-scored.
     */
    public static Dataset diabetesRegression() {
        Dataset raw = Dataset.csv(Project.data().resolve("diabetes-regression.csv"), "progression");
        return new Dataset("diabetes progression (regression)", raw.inputs(), raw.x(), raw.y()).zScored()
                .targetZScored();
    }
}
