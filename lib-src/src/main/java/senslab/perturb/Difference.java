package senslab.perturb;

import ai.djl.ndarray.NDArray;
import java.io.Serializable;
import java.util.Random;

/**
 * How a block's output on a perturbed input is compared with its output on the original input, and the
 * first-order (δ → 0) limit of that comparison used by {@link FirstOrderSensitivity}. Two variants:
 * {@link #OF_OUTPUTS} (the authors' code) and {@link #OF_NORMS} (the formula printed in the paper). By the
 * triangle inequality |{@code OF_NORMS}| ≤ {@code OF_OUTPUTS} for the same δ. Serializable, to travel with settings.
 */
public interface Difference extends Serializable {

    /** s = ‖B(x + δ·e) − B(x)‖₂, as the authors' code computes it; never negative. */
    Difference OF_OUTPUTS = new DifferenceOfOutputs();

    /** s = ‖B(x + δ·e)‖₂ − ‖B(x)‖₂, the paper's printed formula; signed. */
    Difference OF_NORMS = new DifferenceOfNorms();

    /**
     * s for each row of {@code perturbed} ([copies, m], one perturbed input per row) against {@code base}
     * ([1, m], the unperturbed output); returns [copies].
     */
    NDArray between(NDArray perturbed, NDArray base);

    /** How many copies of x the first-order limit needs for a block with {@code outputSize} elements. */
    int copies(long outputSize, int probes);

    /**
     * Per copy, the value whose gradient with respect to that copy gives the first-order limit, for the copies
     * {@code first} … {@code first + outputs.size(0) − 1} of {@code copies} of one image ({@code outputs}:
     * [rows, m]; returns [rows]); random draws come from {@code random}, one stream per image and block.
     */
    NDArray objective(NDArray outputs, int first, int copies, Random random);

    /**
     * The first-order map from δ per element and, per element, the sum and the sum of squares of the
     * objective's gradients over all {@code copies}.
     */
    float[] limit(float[] delta, double[] sum, double[] sumOfSquares, int copies);
}
