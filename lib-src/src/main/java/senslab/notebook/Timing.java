package senslab.notebook;

import java.util.Arrays;

/** Timings for notebooks, where a cell's {@code %%time} would count a warm-up too. */
public final class Timing {
    private Timing() {
    }

    /**
     * The median wall time of {@code runs} calls of {@code work}, in milliseconds, after {@code warmUps} calls that
     * let the JIT compiler settle.
     */
    public static double medianMillis(int warmUps, int runs, Runnable work) {
        if (runs < 1) {
            throw new IllegalArgumentException("time at least one run, not " + runs);
        }
        for (int i = 0; i < warmUps; i++) {
            work.run();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            work.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return runs % 2 == 1 ? ms[runs / 2] : (ms[runs / 2 - 1] + ms[runs / 2]) / 2;
    }
}
