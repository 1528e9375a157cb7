package senslab.sobol;

import senslab.function.BatchFunction;

/**
 * A test function whose Sobol indices are known in closed form, to check estimators against truth (the
 * role SALib's {@code test_functions} play in its own tests).
 */
public interface AnalyticFunction {
    /** Its inputs and their bounds. */
    Problem problem();

    /** The function as a batched model. */
    BatchFunction model();

    /** Exact first-order indices, one per input. */
    double[] firstOrder();

    /** Exact total indices, one per input. */
    double[] totalOrder();

    /** Exact second-order indices S2[j][k] for j &lt; k. */
    double[][] secondOrder();
}
