package senslab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * Training speed of VGG-16 and ResNet-18 on this CPU, side by side with PyTorch (Debian's python3-torch, 2
 * threads) in one run: the paper's batch of 64, Adam, random 32×32 images (speed does not depend on the pixels).
 * Each side warms up first (the first steps compile kernels for the shapes) and is then timed over the same
 * number of steps, checkpoint writing excluded. Also shown: our bare engine (forward, loss and backward only:
 * what the network itself costs) and inference at batch 256. {@code SENSLAB_BENCH_STEPS} sets the timed steps
 * (default 30).
 */
public final class TrainSpeedBench {
    private static final int BATCH = 64;
    private static final int WARM_UP_STEPS = 3;

    public static void main(String[] args) throws Exception {
        int steps = Integer.parseInt(System.getenv().getOrDefault("SENSLAB_BENCH_STEPS", "30"));
        System.out.printf(
                "TrainSpeedBench: %s %s on %d cores, batch %d, Adam, %d timed steps; load average before: %s%n",
                Engine.getInstance().getEngineName(), Engine.getInstance().getVersion(),
                Runtime.getRuntime().availableProcessors(), BATCH, steps,
                Files.readString(Path.of("/proc/loadavg")).trim());
        ImageSet random = randomImages(steps * BATCH, 7);
        for (CifarNet net : CifarNet.values()) {
            double bare;
            double training;
            double inference;
            try (StagedNetwork network = net.create()) {
                bare = bareImagesPerSecond(network, steps);
                training = trainerImagesPerSecond(network, random);
                Evaluation.accuracy(network, random.first(256), Normalization.CIFAR10); // warm-up
                long start = System.nanoTime();
                Evaluation.accuracy(network, random, Normalization.CIFAR10);
                inference = random.size() / ((System.nanoTime() - start) / 1e9);
            }
            System.out.printf(
                    "%-10s ours: training %6.1f images/s (bare forward + backward %6.1f images/s: the optimizer"
                    + " and the rest cost %.0f %%), inference (batch 256) %6.1f images/s; resident %.2f GB%n",
                    net.label(), training, bare, 100 * (bare / training - 1), inference, residentGb());
            Optional<List<String>> peer = PythonPeer.torch().run("train_speed_peer.py", net.id(),
                    Integer.toString(steps));
            if (peer.isPresent()) {
                double theirs = PythonPeer.value(peer.get(), "IMAGES_PER_SECOND");
                double theirBare = PythonPeer.value(peer.get(), "BARE_IMAGES_PER_SECOND");
                System.out.printf("%-10s PyTorch (%s): training %6.1f images/s (bare forward + backward %6.1f"
                        + " images/s)%n", net.label(), peer.get().get(0).replace("PyTorch ", ""), theirs, theirBare);
                System.out.printf("RATIO %s training, ours / PyTorch: %.2f× (goal ≥ 1.0×); the engines alone (bare"
                        + " forward + backward): %.2f×%n", net.label(), training / theirs, bare / theirBare);
            }
        }
    }

    /** The Trainer's own steps over one epoch of {@code images}, after a few steps of warm-up. */
    private static double trainerImagesPerSecond(StagedNetwork network, ImageSet images) throws Exception {
        Recipe recipe = Recipe.paper().withEpochs(1);
        Path warmUp = Files.createTempDirectory("senslab-bench-warm-up");
        new Trainer(network, recipe, 1, Normalization.CIFAR10, warmUp).fit(images.first(WARM_UP_STEPS * BATCH), null);
        Path timed = Files.createTempDirectory("senslab-bench");
        Trainer trainer = new Trainer(network, recipe, 1, Normalization.CIFAR10, timed);
        double seconds = trainer.fit(images, null).get(0).seconds(); // the epoch's steps, not its checkpoint
        for (Path folder : List.of(warmUp, timed)) {
            new Trainer(network, recipe, 1, Normalization.CIFAR10, folder).deleteCheckpoint();
            Files.deleteIfExists(folder);
        }
        return images.size() / seconds;
    }

    /** Forward, cross-entropy and backward alone, on one batch: what the network costs in the engine. */
    private static double bareImagesPerSecond(StagedNetwork network, int steps) {
        float[] pixels = new float[BATCH * 3 * 32 * 32];
        Random random = new Random(3);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = 2 * random.nextFloat() - 1;
        }
        int[] labels = IntStream.range(0, BATCH).map(i -> i % 10).toArray();
        long start = 0;
        for (int step = -WARM_UP_STEPS; step < steps; step++) {
            if (step == 0) {
                start = System.nanoTime();
            }
            try (NDManager scope = network.parameterManager().newSubManager();
                    GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray x = scope.create(pixels, new Shape(BATCH, 3, 32, 32));
                NDArray logits = network.forward(network.parameterStore(), x, true);
                collector.backward(logits.logSoftmax(1).mul(scope.create(labels).oneHot(10)).sum(new int[] {1}).mean()
                        .neg());
            }
        }
        return (double) steps * BATCH / ((System.nanoTime() - start) / 1e9);
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
