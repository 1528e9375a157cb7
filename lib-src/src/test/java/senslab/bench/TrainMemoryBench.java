package senslab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import senslab.data.ImageSet;
import senslab.data.Normalization;
import senslab.models.CifarNet;
import senslab.models.StagedNetwork;
import senslab.train.Recipe;
import senslab.train.Trainer;

/**
 * Memory over long training loops: live NDArrays and resident memory outside the Java heap, printed along
 * 3,000 steps of a small conv net (batch 4) and {@code SENSLAB_BENCH_VGG_STEPS} (default 200) steps of
 * VGG-16 (batch 16), in a JVM with a fixed 1 GB pre-touched heap so that resident memory minus the heap is the
 * native memory. Flat columns mean no leak.
 */
public final class TrainMemoryBench {
    /** Set in the child JVM, whose heap is fixed and pre-touched so that RSS − heap is the native memory. */
    private static final String CHILD = "senslab.bench.child";

    public static void main(String[] args) throws IOException, InterruptedException {
        if (System.getProperty(CHILD) == null) {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process child = new ProcessBuilder(java.toString(), "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch", "-D" + CHILD
                    + "=true",
                    "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                    TrainMemoryBench.class.getName())
                    .inheritIO().start();
            System.exit(child.waitFor());
        }
        int vggSteps = Integer.parseInt(System.getenv().getOrDefault("SENSLAB_BENCH_VGG_STEPS", "200"));
        ImageSet images = TrainSpeedBench.randomImages(400, 3);
        Engine.getInstance().setRandomSeed(1);
        try (StagedNetwork small = StagedNetwork.builder()
                .stage("block1", new SequentialBlock()
                        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                                .setFilters(16).build())
                        .add(BatchNorm.builder().build()).add(Activation.reluBlock())
                        .add(Pool.maxPool2dBlock(new Shape(4, 4), new Shape(4, 4))))
                .stage("logits",
                        new SequentialBlock().add(Blocks.batchFlattenBlock()).add(
                                Linear.builder().setUnits(10).build()))
                .build().initialize(new Shape(3, 32, 32))) {
            run("small conv net, batch 4", small, images,
                    new Recipe("memory", 1e-3f, Recipe.Schedule.CONSTANT, 1e-4f, 0.1f, 4, 30, 0));
        }
        try (StagedNetwork vgg = CifarNet.VGG16.create()) {
            int epochs = Math.max(2, vggSteps / 25);
            run("VGG-16, batch 16", vgg, images,
                    new Recipe("memory", 1e-4f, Recipe.Schedule.CONSTANT, 0f, 0f, 16, epochs, 0));
        }
    }

    private static void run(String title, StagedNetwork network, ImageSet images, Recipe recipe) throws IOException {
        int stepsPerEpoch = (images.size() + recipe.batchSize() - 1) / recipe.batchSize();
        System.out.printf("%n%s: %d steps%n%8s %12s %16s%n", title, stepsPerEpoch * recipe.epochs(), "step",
                "live arrays", "native MB");
        NDManager everything = network.parameterManager().getParentManager();
        Path dir = Files.createTempDirectory("senslab-memory");
        long[] first = new long[3];
        Trainer trainer = new Trainer(network, recipe, 1, Normalization.CIFAR10, dir);
        java.io.PrintStream out = System.out;
        trainer.onEpoch(epoch -> {
            System.gc(); // batches reach the engine through direct buffers, which only a collection frees
            long arrays = everything.getManagedArrays().size();
            long nativeMb = (residentBytes() - Runtime.getRuntime().totalMemory()) >> 20;
            boolean shown = epoch.epoch() % Math.max(1, recipe.epochs() / 10) == 0 || epoch.epoch() == recipe.epochs();
            if (shown && first[0] == 0) {
                first[0] = arrays;
                first[1] = nativeMb;
                first[2] = epoch.epoch();
            }
            if (shown) {
                out.printf("%8d %12d %16d%n", epoch.epoch() * stepsPerEpoch, arrays, nativeMb);
            }
            if (epoch.epoch() == recipe.epochs()) {
                out.printf("growth from step %d to %d: %+d arrays, %+d MB native%n", first[2] * stepsPerEpoch,
                        epoch.epoch() * stepsPerEpoch, arrays - first[0], nativeMb - first[1]);
            }
        });
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream())); // the trainer's progress lines
        try {
            trainer.fit(images, null);
        } finally {
            System.setOut(out);
            trainer.deleteCheckpoint();
        }
    }

    private static long residentBytes() throws java.io.UncheckedIOException {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024).findFirst().orElse(0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
