package senslab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import senslab.am.ActivationMaximization;
import senslab.am.AmResult;
import senslab.am.Objective;
import senslab.data.Normalization;
import senslab.models.StagedNetwork;
import senslab.models.Vgg16;

/**
 * Figure 11's workload: the ten CIFAR-10 class images of VGG-16 (weights do not change the cost, so a freshly
 * initialized network is used) optimized with the same number of TV-regularized steps, together in one batch of 10
 * (our way) and one after the other (one image per run, as a per-image loop does). Side by side with the same loop
 * in PyTorch, the authors' framework ({@code am_peer.py}), both ways; every figure is {@link SideBySide}'s (a warm-up
 * run each, then the median of alternated runs). Goals: batched ≥ 4× one by one; peak memory (VmHWM) < 4 GB. Steps:
 * first argument or 5 (the paper uses 300; the ratios do not depend on it).
 */
public final class AmBench {
    private static final int CLASSES = 10;

    private AmBench() {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Engine.getInstance().setRandomSeed(1);
        System.out.printf("AmBench: Figure 11 workload, 10 class images of VGG-16 (CIFAR-10), %d TV steps each; load"
                + " average before: %s%n", steps, Files.readString(Path.of("/proc/loadavg")).trim());
        Report.side("ours", Report.engine());
        Optional<PythonPeer> started = PythonPeer.torch("am_peer.py", String.valueOf(steps));
        PythonPeer peer = started.orElse(null);
        if (peer != null) {
            Report.side("PyTorch", peer.runtime());
        }
        try (StagedNetwork vgg = Vgg16.cifar10(); NDManager manager = NDManager.newBaseManager()) {
            int[] classes = new int[CLASSES];
            for (int c = 0; c < CLASSES; c++) {
                classes[c] = c;
            }
            NDArray start = ActivationMaximization.noise(manager, CLASSES, 3, 32, 32, 7);
            AmResult[] together = new AmResult[1];
            float[] gainSum = new float[1];
            SideBySide.Times batched = SideBySide.time(1, () -> {
                long t0 = System.nanoTime();
                together[0] = ActivationMaximization.paperTv(vgg, Normalization.CIFAR10, Objective.classLogit(classes))
                        .steps(steps).quiet().run(start);
                return (System.nanoTime() - t0) / 1e9;
            }, peer == null ? null : () -> peer.seconds("batched"));
            SideBySide.Times sequential = SideBySide.time(1, () -> {
                long t0 = System.nanoTime();
                gainSum[0] = 0;
                for (int c = 0; c < CLASSES; c++) {
                    try (NDManager one = manager.newSubManager()) {
                        NDArray image = start.get(c + ":" + (c + 1)).duplicate();
                        image.attach(one);
                        gainSum[0] += ActivationMaximization.paperTv(vgg, Normalization.CIFAR10,
                                Objective.classLogit(c)).steps(steps).quiet().run(image).gain()[0];
                    }
                }
                return (System.nanoTime() - t0) / 1e9;
            }, peer == null ? null : () -> peer.seconds("sequential"));

            Report.result("AmBench/batched", "10 class images together in one batch of 10, " + steps + " steps",
                    seconds(batched.ourMedian()), "PyTorch", seconds(batched.peerMedian()), batched.speedUp(),
                    Double.NaN);
            Report.result("AmBench/one-by-one", "10 class images one after the other, " + steps + " steps each",
                    seconds(sequential.ourMedian()), "PyTorch", seconds(sequential.peerMedian()), sequential.speedUp(),
                    Double.NaN);
            System.out.printf("  (%s)%n", Report.statistic(1, batched));
            Report.line("AmBench/batching", "one by one / batched, the same steps", String.format("%.1f×",
                    sequential.ourMedian() / batched.ourMedian()), "PyTorch " + (peer == null ? "-"
                            : String.format("%.1f×", sequential.peerMedian() / batched.peerMedian())),
                    "goal ours ≥ 4×: " + (sequential.ourMedian() / batched.ourMedian() >= 4 ? "met" : "MISSED"));
            float batchedGain = 0;
            for (float g : together[0].gain()) {
                batchedGain += g;
            }
            System.out.printf("  same result: mean activation gain %.4f batched vs %.4f one by one%n",
                    batchedGain / CLASSES, gainSum[0] / CLASSES);
            System.out.printf("  at the paper's 300 steps: ~%.0f s batched vs ~%.0f s one by one%n",
                    batched.ourMedian() * 300 / steps, sequential.ourMedian() * 300 / steps);
            System.out.printf("peak resident memory (VmHWM): %.2f GB (goal < 4 GB)%n", vmHwmKb() / 1024.0 / 1024.0);
        } finally {
            if (peer != null) {
                peer.close();
            }
        }
    }

    private static String seconds(double s) {
        return String.format("%.2f s", s);
    }

    private static long vmHwmKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D+", ""));
            }
        }
        return -1;
    }
}
