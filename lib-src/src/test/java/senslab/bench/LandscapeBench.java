package senslab.bench;

import java.io.IOException;
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
 * Xavier weights and Gaussian rows): ours (Taylor jets, all cores, and on one thread), and PyTorch's
 * nested autograd one weight at a time, the way a user writes it (Debian's {@code python3-torch},
 * {@code landscape_torch_peer.py}), with the largest difference between the two. Goal: ≤ 30 ms and ≥ 30×
 * PyTorch's loop;</li>
 * <li>the full recording of notebook 06 on the Pima rows: 5 retrainings × 301 epochs (8-16-1, learning rate
 * 0.1, 300 updates), every quantity at every epoch. Goal: ≤ 0.5 s.</li>
 * </ul>
 * Times are medians of several runs; on a shared machine they drift, the ratio less so.
 */
public final class LandscapeBench {
    private static final int RUNS = 21;

    private LandscapeBench() {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        Mlp net = Mlp.xavier(0, 13, 64, 64, 1);
        Dataset data = gaussianRows(512, 13, 1);
        System.out.println("LandscapeBench: G1-G3, N2, N3 of all 832 first-layer weights, " + net.describe()
                + ", 512 rows, float64");
        double ours = median(() -> LossDerivatives.of(net, data));
        ForkJoinPool one = new ForkJoinPool(1);
        double single = median(() -> one.submit(() -> LossDerivatives.of(net, data)).join());
        one.shutdown();
        System.out.printf("  ours, Taylor jets, %d threads : %8.2f ms (goal <= 30 ms)%n",
                ForkJoinPool.getCommonPoolParallelism() + 1, 1e3 * ours);
        System.out.printf("  ours, Taylor jets, one thread : %8.2f ms%n", 1e3 * single);
        pytorchPeer(net, data, LossDerivatives.of(net, data), ours);

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

    private static double median(Runnable work) {
        return median(RUNS, work);
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

    private static void pytorchPeer(Mlp net, Dataset data, LossDerivatives ours, double oursSeconds)
            throws IOException, InterruptedException {
        Path spec = Files.createTempFile("landscape-bench", ".json");
        try {
            Files.writeString(spec, json(net, data));
            Optional<List<String>> peer = PythonPeer.torch().run("landscape_torch_peer.py", spec.toString());
            if (peer.isEmpty()) {
                return;
            }
            List<String> lines = peer.get();
            String head = lines.stream().filter(l -> l.startsWith("seconds=")).findFirst().orElseThrow();
            double seconds = Double.parseDouble(head.replaceAll("seconds=([0-9.]+).*", "$1"));
            double worst = 0;
            for (Quantity.Derivative m : Quantity.Derivative.values()) {
                double[] theirs = values(lines, m.name() + "=");
                double[][] mine = ours.matrix(m);
                for (int t = 0; t < theirs.length; t++) {
                    double v = mine[t / 13][t % 13];
                    worst = Math.max(worst, Math.abs(v - theirs[t]) / Math.max(1e-12, Math.abs(theirs[t])));
                }
            }
            System.out.printf("  peer PyTorch %s, nested autograd one weight at a time (%s): %.2f s%n",
                    head.replaceAll(".*torch=(\\S+).*", "$1"), head.replaceAll(".*(threads=\\d+).*", "$1"), seconds);
            System.out.printf("  ratio PyTorch / ours          : %8.0fx (goal >= 30x)%n", seconds / oursSeconds);
            System.out.printf("  largest relative difference   : %8.1e (over G1, G2, G3, N2, N3)%n", worst);
        } finally {
            Files.deleteIfExists(spec);
        }
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
