package senslab.gradient;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * How far Integrated Gradients' maps are from its completeness axiom, Σ_k a_k = f(x) − f(baseline), per image and
 * label: the gap is the error of the path integral (rule and steps), what Sundararajan et al. 2017 propose to check.
 *
 * @param atInput    f(x) [image][label]
 * @param atBaseline f(baseline) [image][label]
 * @param sums       Σ_k a_k, the map's sum over every channel and pixel [image][label]
 */
public record Completeness(double[][] atInput, double[][] atBaseline, double[][] sums) {

    /** |Σ_k a_k − (f(x) − f(baseline))| of one image and label. */
    public double gap(int image, int label) {
        return Math.abs(sums[image][label] - (atInput[image][label] - atBaseline[image][label]));
    }

    /** The gap relative to |f(x) − f(baseline)|, the scale of what is distributed. */
    public double relativeGap(int image, int label) {
        return gap(image, label) / Math.abs(atInput[image][label] - atBaseline[image][label]);
    }

    /** The largest gap over images and labels. */
    public double maxGap() {
        double max = 0;
        for (int image = 0; image < sums.length; image++) {
            for (int label = 0; label < sums[image].length; label++) {
                max = Math.max(max, gap(image, label));
            }
        }
        return max;
    }

    /** The gaps of every image, of one label. */
    public double[] gaps(int label) {
        return IntStream.range(0, sums.length).mapToDouble(image -> gap(image, label)).toArray();
    }

    @Override
    public String toString() {
        return String.format("completeness gap |Σ a − (f(x) − f(x0))| ≤ %.3g over %d images", maxGap(), sums.length);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Completeness c && Arrays.deepEquals(atInput, c.atInput)
                && Arrays.deepEquals(atBaseline, c.atBaseline) && Arrays.deepEquals(sums, c.sums);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(new Object[] {atInput, atBaseline, sums});
    }
}
