package senslab.bench;

import java.util.Arrays;

/**
 * The one statistic of every bench: each side warms up (the same number of untimed runs), then both are timed the
 * same number of times in alternation, ours, the peer's, ours, the peer's…, so that a change in the machine's load
 * falls on both; each side's figure is the median of its timed runs. {@code SENSLAB_BENCH_RUNS} sets the timed runs
 * of every bench (default 5).
 */
final class SideBySide {
    /** One run of one side's work, returning its seconds (measured by that side, around the work alone). */
    @FunctionalInterface
    interface Run {
        double seconds() throws Exception;
    }

    /** Both sides' timed runs, in seconds. {@code peer} is null when the peer failed. */
    record Times(double[] ours, double[] peer) {
        double ourMedian() {
            return median(ours);
        }

        double peerMedian() {
            return peer == null ? Double.NaN : median(peer);
        }

        /** How many times faster ours is: the peer's median time over ours. */
        double speedUp() {
            return peerMedian() / ourMedian();
        }
    }

    private SideBySide() {
    }

    /** Timed runs per side, from {@code SENSLAB_BENCH_RUNS}. */
    static int runs() {
        return Integer.parseInt(System.getenv().getOrDefault("SENSLAB_BENCH_RUNS", "5"));
    }

    /**
     * {@code warmUps} untimed runs of each side, then {@link #runs()} timed runs of each in alternation. A peer that
     * fails is reported and left out; ours goes on alone.
     */
    static Times time(int warmUps, Run ours, Run peer) throws Exception {
        return time(warmUps, runs(), ours, peer);
    }

    static Times time(int warmUps, int runs, Run ours, Run peer) throws Exception {
        boolean peerAlive = peer != null;
        for (int w = 0; w < warmUps; w++) {
            ours.seconds();
            peerAlive = peerAlive && attempt(peer) != null;
        }
        double[] mine = new double[runs];
        double[] theirs = new double[runs];
        for (int r = 0; r < runs; r++) {
            mine[r] = ours.seconds();
            Double t = peerAlive ? attempt(peer) : null;
            peerAlive = t != null;
            theirs[r] = peerAlive ? t : Double.NaN;
        }
        return new Times(mine, peerAlive ? theirs : null);
    }

    /** The peer's run, or null after saying why it failed. */
    private static Double attempt(Run peer) {
        try {
            return peer.seconds();
        } catch (Exception e) {
            System.out.println("peer failed, left out from here on: " + e.getMessage());
            return null;
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
