package senslab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import senslab.data.ImageSet;
import senslab.data.Normalization;
import senslab.models.CifarNet;
import senslab.models.StagedNetwork;
import senslab.train.Evaluation;
import senslab.train.Recipe;
import senslab.train.Trainer;

/**
 * Training speed of VGG-16 and ResNet-18 on this CPU, side by side with PyTorch (Debian's python3-torch on an
 * optimized BLAS, as many threads as ours) in one run: the paper's batch of 64, Adam, random 32×32 images (speed
 * does not depend on the pixels). For each network and side:
 * <ul>
 * <li>training: our {@link Trainer} over one epoch of {@code SENSLAB_BENCH_STEPS} (default 6) batches, checkpoint
 * writing excluded, against PyTorch's loop as the paper's code writes it ({@code zero_grad}, forward, loss,
 * backward, {@code step}, {@code loss.item()}) on one batch;</li>
 * <li>the bare engine: forward, loss and backward alone on one batch, what the network itself costs. How much each
 * loop adds to its own bare step is the goal: ours no more than PyTorch's;</li>
 * <li>inference of 512 images in batches of 256.</li>
 * </ul>
 * Every figure is {@link SideBySide}'s: a warm-up run on each side, then the median of the same number of runs in
 * alternation.
 */
public final class TrainSpeedBench {
    private static final int BATCH = 64;
    private static final int INFERENCE_IMAGES = 512;

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        int steps = Integer.parseInt(System.getenv().getOrDefault("SENSLAB_BENCH_STEPS", "6"));
        System.out.printf("TrainSpeedBench: batch %d, Adam, %d steps a run; load average before: %s%n", BATCH, steps,
                Files.readString(Path.of("/proc/loadavg")).trim());
        Report.side("ours", Report.engine());
        ImageSet random = randomImages(Math.max(steps * BATCH, INFERENCE_IMAGES), 7);
        boolean described = false;
        for (CifarNet net : CifarNet.values()) {
            Optional<PythonPeer> started = PythonPeer.torch("train_speed_peer.py", net.id(), Integer.toString(steps),
                    Integer.toString(INFERENCE_IMAGES));
            try (StagedNetwork network = net.create()) {
                PythonPeer peer = started.orElse(null);
                if (peer != null && !described) {
                    Report.side("PyTorch", peer.runtime());
                    described = true;
                }
                ImageSet epoch = random.first(steps * BATCH);
                SideBySide.Times training = SideBySide.time(1, () -> trainerSeconds(network, epoch),
                        peer == null ? null : () -> peer.seconds("train"));
                SideBySide.Times bare = SideBySide.time(1, () -> bareSeconds(network, steps),
                        peer == null ? null : () -> peer.seconds("bare"));
                ImageSet inferred = random.first(INFERENCE_IMAGES);
                SideBySide.Times inference = SideBySide.time(1, () -> inferenceSeconds(network, inferred),
                        peer == null ? null : () -> peer.seconds("infer"));
                String name = net.id();
                double images = steps * BATCH;
                Report.result("TrainSpeedBench/" + name + "-training", net.label() + " training, batch 64, Adam",
                        rate(images, training.ourMedian()), "PyTorch", rate(images, training.peerMedian()),
                        training.speedUp(), 1.0);
                Report.result("TrainSpeedBench/" + name + "-bare", net.label()
                        + " bare forward + loss + backward, batch 64 (the engines alone)",
                        rate(images, bare.ourMedian()), "PyTorch", rate(images, bare.peerMedian()), bare.speedUp(),
                        Double.NaN);
                double ourLoop = training.ourMedian() / bare.ourMedian() - 1;
                double theirLoop = training.peerMedian() / bare.peerMedian() - 1;
                Report.line("TrainSpeedBench/" + name + "-loop", net.label()
                        + " what the training loop adds to its own bare step (optimizer, data, bookkeeping)",
                        String.format("%+.0f %%", 100 * ourLoop), "PyTorch " + (peer == null ? "-"
                                : String.format("%+.0f %%", 100 * theirLoop)),
                        peer == null ? "not measured"
                                : "goal ours ≤ PyTorch's: " + (ourLoop <= theirLoop ? "met" : "MISSED"));
                Report.result("TrainSpeedBench/" + name + "-inference", net.label() + " inference, batches of 256",
                        rate(INFERENCE_IMAGES, inference.ourMedian()), "PyTorch",
                        rate(INFERENCE_IMAGES, inference.peerMedian()), inference.speedUp(), Double.NaN);
                System.out.printf("  (%s; resident memory of ours %.2f GB)%n", Report.statistic(1, training),
                        residentGb());
            } finally {
                if (started.isPresent()) {
                    started.get().close();
                }
            }
        }
    }

    private static String rate(double images, double seconds) {
        return String.format("%.1f images/s", images / seconds);
    }

    /** The Trainer's own steps over one epoch of {@code images} (a fresh optimizer, as a new training run has). */
    private static double trainerSeconds(StagedNetwork network, ImageSet images) throws Exception {
        Path folder = Files.createTempDirectory("senslab-bench");
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream())); // the trainer's progress lines
        try {
            Trainer trainer = new Trainer(network, Recipe.paper().withEpochs(1), 1, Normalization.CIFAR10, folder);
            double seconds = trainer.fit(images, null).get(0).seconds(); // the epoch's steps, not its checkpoint
            trainer.deleteCheckpoint();
            return seconds;
        } finally {
            System.setOut(out);
            Files.deleteIfExists(folder);
        }
    }

    /** Forward, cross-entropy and backward alone, {@code steps} times on one batch: what the network costs. */
    private static double bareSeconds(StagedNetwork network, int steps) {
        float[] pixels = new float[BATCH * 3 * 32 * 32];
        Random random = new Random(3);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = 2 * random.nextFloat() - 1;
        }
        int[] labels = IntStream.range(0, BATCH).map(i -> i % 10).toArray();
        long start = System.nanoTime();
        for (int step = 0; step < steps; step++) {
            try (NDManager scope = network.parameterManager().newSubManager();
                    GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray x = scope.create(pixels, new Shape(BATCH, 3, 32, 32));
                NDArray logits = network.forward(network.parameterStore(), x, true);
                collector.backward(logits.logSoftmax(1).mul(scope.create(labels).oneHot(10)).sum(new int[] {1}).mean()
                        .neg());
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double inferenceSeconds(StagedNetwork network, ImageSet images) {
        long start = System.nanoTime();
        Evaluation.predict(network, images, Normalization.CIFAR10);
        return (System.nanoTime() - start) / 1e9;
    }

    private static double residentGb() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0;
            }
        }
        return Double.NaN;
    }

    static ImageSet randomImages(int n, long seed) {
        byte[] pixels = new byte[n * 3 * 32 * 32];
        new Random(seed).nextBytes(pixels);
        return new ImageSet(senslab.data.Cifar10.CLASSES, 3, 32, 32, pixels,
                IntStream.range(0, n).map(i -> i % 10).toArray());
    }
}
