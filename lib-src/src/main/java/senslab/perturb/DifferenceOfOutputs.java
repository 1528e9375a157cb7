package senslab.perturb;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * ‖B(x + δ·e_k) − B(x)‖₂. Its first-order limit is |δ|·‖J e_k‖₂, the norm of column k of the block's
 * Jacobian J. Reverse mode gives rows of J (one backward pass each), so this uses probes v: the gradient of
 * vᵀB(x) is Jᵀv, and E[(vᵀJ e_k)²] = ‖J e_k‖² for v ~ N(0, I). With K Gaussian probes the squared map is
 * unbiased with relative standard deviation √(2/K) per element (K = 64: about 9 % on s). When the block has
 * no more outputs than probes, the probes are the scaled standard basis √m·e_l instead, and the map is exact.
 */
record DifferenceOfOutputs() implements Difference {

    @Override
    public NDArray between(NDArray perturbed, NDArray base) {
        return perturbed.sub(base).norm(new int[] {1});
    }

    @Override
    public int copies(long outputSize, int probes) {
        return (int) Math.min(outputSize, probes);
    }

    @Override
    public NDArray objective(NDArray outputs, int first, int copies, Random random) {
        int rows = (int) outputs.getShape().get(0);
        long m = outputs.getShape().get(1);
        // as many copies as outputs: the standard basis (exact); fewer: Gaussian probes
        float[] probes = copies == m ? basis(rows, (int) m, first) : gaussian(random, rows * (int) m);
        return outputs.mul(outputs.getManager().create(probes, new Shape(rows, m))).sum(new int[] {1});
    }

    /** Rows first … first + rows − 1 of √m·I (m × m): copy r probes output first + r. */
    private static float[] basis(int rows, int m, int first) {
        float[] values = new float[rows * m];
        for (int r = 0; r < rows; r++) {
            values[r * m + first + r] = (float) Math.sqrt(m);
        }
        return values;
    }

    private static float[] gaussian(Random random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    @Override
    public float[] limit(float[] delta, double[] sum, double[] sumOfSquares, int copies) {
        float[] map = new float[delta.length];
        for (int k = 0; k < map.length; k++) {
            map[k] = (float) (Math.abs(delta[k]) * Math.sqrt(sumOfSquares[k] / copies));
        }
        return map;
    }

    @Override
    public String toString() {
        return "‖B(x+δe) − B(x)‖";
    }
}
