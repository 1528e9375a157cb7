package senslab.perturb;

import ai.djl.ndarray.NDArray;
import java.util.Random;

/**
 * ‖B(x + δ·e_k)‖₂ − ‖B(x)‖₂. Its first-order limit is δ·∂‖B(x)‖₂/∂x_k: exact from one backward pass of
 * ‖B(x)‖₂ per block, on one copy of x.
 */
record DifferenceOfNorms() implements Difference {

    @Override
    public NDArray between(NDArray perturbed, NDArray base) {
        // ‖p‖ − ‖b‖ = Σ(p − b)(p + b) / (‖p‖ + ‖b‖): only the outputs the perturbation changed contribute, where
        // the plain difference of two float32 norms would lose the small change to rounding
        NDArray squaresDiffer = perturbed.sub(base).mul(perturbed.add(base)).sum(new int[] {1});
        return squaresDiffer.div(perturbed.norm(new int[] {1}).add(base.norm()).maximum(Float.MIN_NORMAL));
    }

    @Override
    public int copies(long outputSize, int probes) {
        return 1;
    }

    @Override
    public NDArray objective(NDArray outputs, int first, int copies, Random random) {
        return outputs.norm(new int[] {1});
    }

    @Override
    public float[] limit(float[] delta, double[] sum, double[] sumOfSquares, int copies) {
        float[] map = new float[delta.length];
        for (int k = 0; k < map.length; k++) {
            map[k] = (float) (delta[k] * sum[k]);
        }
        return map;
    }

    @Override
    public String toString() {
        return "‖B(x+δe)‖ − ‖B(x)‖";
    }
}
