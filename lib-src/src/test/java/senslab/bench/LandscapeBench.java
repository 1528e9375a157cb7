package senslab.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import senslab.data.Dataset;
import senslab.data.Datasets;
import senslab.landscape.GradientDescent;
import senslab.landscape.LossDerivatives;
import senslab.landscape.Mlp;
import senslab.landscape.Quantity;
import senslab.landscape.Retrainings;

/**
 * Loss-landscape derivatives, side by side in one run:
 * <ul>
 * <li>G1, G2, G3, N2 and N3 of all 832 first-layer weights of a 13-64-64-1 tanh network on 512 rows (seeded
 * Xavier weights and Gaussian rows), float64. Ours (Taylor jets, all cores) against the same algorithm vectorised in
 * NumPy as a NumPy user writes it ({@code landscape_numpy_peer.py}): goal ≤ 30 ms and ≥ 1.0× NumPy. Then, as an
 * algorithm comparison, against PyTorch's nested autograd one weight at a time ({@code landscape_torch_peer.py}),
 * the way a PyTorch user computes pure partials: goal ≥ 30×. Each peer's largest difference from ours is shown;</li>
 * <li>the full recording of notebook 06 on the Pima rows: 5 retrainings × 301 epochs (8-16-1, learning rate
 * 0.1, 300 updates), every quantity at every epoch. Goal: ≤ 0.5 s.</li>
 * </ul>
 * Figures are {@link SideBySide}'s: warm-up runs, then the median of the same number of runs on each side,
 * alternated.
 */
public final class LandscapeBench {
    /** Runs of each side for the Taylor jets (milliseconds each), and for nested autograd (seconds each). */
    private static final int JET_RUNS = 21;
    private static final int AUTOGRAD_RUNS = 3;

    private LandscapeBench() {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        Mlp net = Mlp.xavier(0, 13, 64, 64, 1);
        Dataset data = gaussianRows(512, 13, 1);
        System.out.println("LandscapeBench: G1-G3, N2, N3 of all 832 first-layer weights, " + net.describe()
                + ", 512 rows, float64; load average before: " + Files.readString(Path.of("/proc/loadavg")).trim());
        Report.side("ours", Report.java());
        LossDerivatives reference = LossDerivatives.of(net, data);
        Path spec = Files.createTempFile("landscape-bench", ".json");
        try {
            Files.writeString(spec, json(net, data));
            compare(PythonPeer.start("numpy", "python3-numpy", "landscape_numpy_peer.py", spec.toString()),
                    "NumPy (Taylor jets)", "LandscapeBench/jets-numpy", "the same algorithm, Taylor jets", 5, JET_RUNS,
                    1.0, net, data, reference);
            compare(PythonPeer.torch("landscape_torch_peer.py", spec.toString()), "PyTorch (nested autograd)",
                    "LandscapeBench/nested-autograd", "algorithm comparison: ours against nested autograd one weight at"
                            + " a time", 1, AUTOGRAD_RUNS, 30, net, data, reference);
        } finally {
            Files.deleteIfExists(spec);
        }
        ForkJoinPool one = new ForkJoinPool(1);
        double single = median(JET_RUNS, () -> one.submit(() -> LossDerivatives.of(net, data)).join());
        one.shutdown();
        System.out.printf("  ours on one thread: %.2f ms (median of %d after as many warm-up runs)%n", 1e3 * single,
                JET_RUNS);

        Dataset pima = Datasets.pimaDiabetes();
        GradientDescent gd = new GradientDescent(0.1, 300);
        long[] seeds = {0, 1, 2, 3, 4};
        Retrainings[] last = new Retrainings[1];
        double recording = median(5, () -> last[0] = gd.retrain(s -> Mlp.xavier(s, 8, 16, 1), pima, seeds, x -> { }));
        double table = median(5, () -> last[0].table());
        System.out.printf(
                "recording, Pima rows 0-499, 8-16-1, 5 retrainings x 301 epochs, 10 quantities x 8 inputs:%n");
        System.out.printf("  derivatives and training      : %8.3f s (goal <= 0.5 s)%n", recording);
        System.out.printf("  long-form table (%,d rows)  : %8.3f s%n", last[0].table().rowCount(), table);
    }

    /** Ours against one peer, alternated; then the peer's values against ours. */
    private static void compare(Optional<PythonPeer> started, String peerName, String key, String what, int warmUps,
            int runs, double goal, Mlp net, Dataset data, LossDerivatives reference) throws Exception {
        if (started.isEmpty()) {
            return;
        }
        try (PythonPeer peer = started.get()) {
            Report.side(peerName, peer.runtime());
            SideBySide.Times times = SideBySide.time(warmUps, runs, () -> {
                long start = System.nanoTime();
                LossDerivatives.of(net, data);
                return (System.nanoTime() - start) / 1e9;
            }, () -> peer.seconds("derivatives"));
            Report.result(key, "G1-G3, N2, N3 of 832 first-layer weights, 13-64-64-1 tanh, 512 rows; " + what,
                    String.format("%.2f ms", 1e3 * times.ourMedian()), peerName,
                    String.format("%.2f ms", 1e3 * times.peerMedian()), times.speedUp(), goal);
            System.out.printf("  (%s; ours ≤ 30 ms: %s)%n", Report.statistic(warmUps, times),
                    times.ourMedian() <= 0.030 ? "met" : "MISSED");
            peer.seconds("values");
            double worst = 0;
            for (Quantity.Derivative m : Quantity.Derivative.values()) {
                double[] theirs = values(peer.lastLines(), m.name() + "=");
                double[][] mine = reference.matrix(m);
                for (int t = 0; t < theirs.length; t++) {
                    double v = mine[t / 13][t % 13];
                    worst = Math.max(worst, Math.abs(v - theirs[t]) / Math.max(1e-12, Math.abs(theirs[t])));
                }
            }
            System.out.printf("  largest relative difference from ours over G1, G2, G3, N2, N3: %.1e%n", worst);
        }
    }

    private static Dataset gaussianRows(int rows, int inputs, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[rows][inputs];
        double[] y = new double[rows];
        for (int k = 0; k < rows; k++) {
            for (int j = 0; j < inputs; j++) {
                x[k][j] = random.nextGaussian();
            }
            y[k] = random.nextGaussian();
        }
        return new Dataset("Gaussian rows", IntStream.range(0, inputs).mapToObj(j -> "x" + j).toList(), x, y);
    }

    /** Median seconds over runs, after as many warm-up runs (JIT). */
    private static double median(int runs, Runnable work) {
        double[] t = new double[runs];
        for (int r = 0; r < 2 * runs; r++) {
            long start = System.nanoTime();
            work.run();
            if (r >= runs) {
                t[r - runs] = (System.nanoTime() - start) / 1e9;
            }
        }
        Arrays.sort(t);
        return t[runs / 2];
    }

    private static double[] values(List<String> lines, String prefix) {
        String line = lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
        return Arrays.stream(line.substring(prefix.length()).trim().split(" ")).mapToDouble(Double::parseDouble)
                .toArray();
    }

    private static String json(Mlp net, Dataset data) {
        StringBuilder s = new StringBuilder("{\"w\":[");
        for (int l = 1; l <= net.layers(); l++) {
            s.append(l > 1 ? "," : "").append(Arrays.deepToString(net.weights(l)));
        }
        s.append("],\"b\":[");
        for (int l = 1; l <= net.layers(); l++) {
            s.append(l > 1 ? "," : "").append(Arrays.toString(net.biases(l)));
        }
        return s.append("],\"x\":").append(Arrays.deepToString(data.x())).append(",\"y\":")
                .append(Arrays.toString(data.y())).append('}').toString();
    }
}
