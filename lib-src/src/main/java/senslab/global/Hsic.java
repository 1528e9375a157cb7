package senslab.global;

import java.util.Arrays;
import org.hipparchus.random.SobolSequenceGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import senslab.sobol.Saltelli;

/**
 * The Hilbert–Schmidt independence criterion between each cell's binary mask and the network's score
 * (Novello, Fel &amp; Vigouroux, "Making Sense of Dependence", NeurIPS 2022; Xplique's {@code HsicAttributionMethod}
 * with its defaults): masks are rounded Sobol points (each cell kept or replaced, independently), the input
 * kernel is the Dirac kernel of the binary mask values, the output kernel a Gaussian whose width is the median
 * distance between outputs (Gretton's heuristic). HSIC_j = tr(K_j H L H) / n², H = I − 11ᵀ/n: zero when the
 * score does not depend on cell j, larger the more it does.
 */
final class Hsic {
    private static final Logger LOG = LoggerFactory.getLogger(Hsic.class);

    private Hsic() {
    }

    /**
     * {@code samples} binary masks over {@code cells} cells, row-major: points of the {@code cells}-dimensional
     * Sobol sequence (Hipparchus, Joe–Kuo directions; leading points skipped as {@link Saltelli#defaultSkip}
     * does) rounded to 0 or 1.
     */
    static double[] binaryDesign(int cells, int samples) {
        SobolSequenceGenerator sobol = new SobolSequenceGenerator(cells);
        double[] point = sobol.skipTo(Saltelli.defaultSkip(samples));
        double[] masks = new double[samples * cells];
        for (int r = 0; r < samples; r++, point = sobol.nextVector()) {
            for (int j = 0; j < cells; j++) {
                masks[r * cells + j] = point[j] < 0.5 ? 0 : 1;
            }
        }
        return masks;
    }

    /**
     * HSIC of each cell with the output, from binary {@code masks} ({@code n × cells}, row-major) and the outputs
     * {@code y} of those n rows. With the Dirac kernel, tr(K_j H L H) = 2·sᵀ(HLH)s for s the indicator of the
     * rows where cell j is 0 (HLH has zero row sums), so each cell costs one pass over the n × n matrix.
     */
    static double[] perCell(double[] masks, int cells, double[] y) {
        int n = y.length;
        if (masks.length != (long) n * cells) {
            throw new IllegalArgumentException(masks.length + " mask values do not make " + n + " rows of " + cells
                    + " cells");
        }
        double width = medianDistance(y);
        double[] hsic = new double[cells];
        if (!(width > 0)) {
            LOG.warn("the score is constant over the {} masks: every HSIC is reported as 0", n);
            return hsic;
        }
        double[] centered = centeredGaussianGram(y, width);
        double[] removed = new double[n];
        for (int j = 0; j < cells; j++) {
            for (int r = 0; r < n; r++) {
                removed[r] = masks[r * cells + j] == 0 ? 1 : 0;
            }
            double quadratic = 0;
            for (int a = 0; a < n; a++) {
                if (removed[a] != 0) {
                    double row = 0;
                    for (int b = 0; b < n; b++) {
                        row += centered[a * n + b] * removed[b];
                    }
                    quadratic += row;
                }
            }
            hsic[j] = 2 * quadratic / ((double) n * n);
        }
        return hsic;
    }

    /** H L H for L_ab = exp(−(y_a − y_b)² / (2·width²)), n × n row-major. */
    private static double[] centeredGaussianGram(double[] y, double width) {
        int n = y.length;
        double[] gram = new double[n * n];
        double[] rowMean = new double[n];
        double grand = 0;
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double d = y[a] - y[b];
                double k = Math.exp(-d * d / (2 * width * width));
                gram[a * n + b] = k;
                rowMean[a] += k / n;
            }
            grand += rowMean[a] / n;
        }
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                gram[a * n + b] += grand - rowMean[a] - rowMean[b]; // L is symmetric: column means are row means
            }
        }
        return gram;
    }

    /** The median of |y_a − y_b| over pairs a &lt; b; its mean where more than half the pairs tie. */
    static double medianDistance(double[] y) {
        int n = y.length;
        double[] distances = new double[n * (n - 1) / 2];
        int k = 0;
        double sum = 0;
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                distances[k] = Math.abs(y[a] - y[b]);
                sum += distances[k++];
            }
        }
        if (distances.length == 0) {
            return 0;
        }
        Arrays.sort(distances);
        double median = distances.length % 2 == 1 ? distances[distances.length / 2]
                : (distances[distances.length / 2 - 1] + distances[distances.length / 2]) / 2;
        return median > 0 ? median : sum / distances.length;
    }
}
