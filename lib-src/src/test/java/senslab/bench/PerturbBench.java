package senslab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import senslab.attribution.AttributionMaps;
import senslab.attribution.MapStatistics;
import senslab.attribution.Target;
import senslab.models.FrozenParameters;
import senslab.models.StagedNetwork;
import senslab.models.Vgg16;
import senslab.perturb.Delta;
import senslab.perturb.PixelSensitivity;
import senslab.stats.Correlation;

/**
 * Local pixel sensitivity of one CIFAR image on VGG-16 (random weights: the cost does not depend on them): 5 blocks ×
 * 3 channels × 1,024 pixels, side by side in one run:
 * <ul>
 * <li>the authors' method as they ran it: their loop in PyTorch ({@code authors_loop_peer.py}: one image per forward
 * pass of the whole network, 1,025 passes per block and channel), timed on {@value #PASSES_TIMED} passes and
 * extrapolated. The goal is about this ratio: ours ≥ 50×;</li>
 * <li>the same loop re-created on our engine, timed the same way: the engines compared at batch 1;</li>
 * <li>ours: all 3,072 perturbed copies in batches, every block from the same passes, one image a run; and the bare
 * engine at the maps' batch, whose time per copy bounds what any batched method on this engine can reach;</li>
 * <li>the gradient mode, and how its maps rank the pixels against the finite differences.</li>
 * </ul>
 * Each of our runs prints its minor page faults and kernel (sys) time, since mapping and zeroing fresh native pages
 * once made the same maps take twice as long from one run to the next; goal: runs within 15 % of each other. Memory:
 * the peak resident set (VmHWM), and the resident set after each image once garbage is collected, which must stay
 * flat.
 */
public final class PerturbBench {
    private static final List<String> BLOCKS = List.of("block1", "block2", "block3", "block4", "block5");
    /** Passes per block and channel in the authors' loop: the base image and one per pixel. */
    private static final int PASSES = 1_025;
    /** Passes timed per run of the authors' loop, each on another pixel; the median pass is kept. */
    private static final int PASSES_TIMED = 21;
    /** The maps' automatic batch: about 8 MB of stage outputs per pass (PixelSensitivity's budget). */
    private static final long BATCH_BUDGET_BYTES = 8L << 20;
    /** Clock ticks per second of /proc/self/stat's times (USER_HZ, 100 on Linux x86-64). */
    private static final double TICKS = 100;

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        Engine.getInstance().setRandomSeed(0);
        int runs = SideBySide.runs();
        System.out.printf("PerturbBench: local pixel sensitivity, VGG-16 (CIFAR-10, 3×32×32), one image, 5 blocks × 3"
                + " channels; load average before: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
        Report.side("ours", Report.engine());
        Optional<PythonPeer> started = PythonPeer.torch("authors_loop_peer.py", String.valueOf(PASSES_TIMED),
                String.valueOf(BLOCKS.size() * 3 * PASSES));
        PythonPeer peer = started.orElse(null);
        if (peer != null) {
            Report.side("PyTorch (the authors' loop)", peer.runtime());
        }
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork vgg = Vgg16.cifar10()) {
            NDArray images = randomImages(manager, runs + 1);
            NDArray image = images.get("0:1");

            SideBySide.Times loop = SideBySide.time(1, () -> authorsLoopSeconds(vgg, image),
                    peer == null ? null : () -> peer.seconds("loop"));
            Report.result("PerturbBench/single-image-pass", "the authors' loop body: one single-image forward pass"
                    + " of the whole network", milliseconds(loop.ourMedian()), "PyTorch",
                    milliseconds(loop.peerMedian()), loop.speedUp(), Double.NaN);
            System.out.printf("  the authors' loop, 15 × %,d passes: %.0f s in PyTorch, %.0f s re-created on our engine"
                    + " (%s)%n", PASSES, loop.peerMedian(), loop.ourMedian(), Report.statistic(1, loop));

            // ours, one image a run, alternated with the authors' loop; read after a collection, untimed: garbage
            // (Java objects, direct buffers freed by their cleaners) would otherwise look like growth
            PixelSensitivity ours = PixelSensitivity.of(vgg).delta(Delta.authors(0));
            Target blocks = Target.stages(BLOCKS.toArray(String[]::new));
            List<Long> rss = new ArrayList<>();
            AttributionMaps[] last = new AttributionMaps[1];
            int[] next = {0};
            List<String> perRun = new ArrayList<>();
            SideBySide.Times maps = SideBySide.time(1, () -> {
                int i = next[0]++;
                long[] before = stat();
                long start = System.nanoTime();
                last[0] = ours.attribute(images.get(i + ":" + (i + 1)), blocks);
                double seconds = (System.nanoTime() - start) / 1e9;
                long[] after = stat();
                perRun.add(String.format("%.2f s, %,d minor page faults, %.1f s sys", seconds, after[0] - before[0],
                        (after[1] - before[1]) / TICKS));
                System.gc();
                rss.add(status("VmRSS:") / 1024);
                return seconds;
            }, peer == null ? null : () -> peer.seconds("loop"));
            Report.result("PerturbBench/maps", "finite-difference maps of one image, 5 blocks × 3 channels (3,072"
                    + " perturbed copies), against the authors' loop in PyTorch", seconds(maps.ourMedian()),
                    "PyTorch (authors' loop, extrapolated)", seconds(maps.peerMedian()), maps.speedUp(), 50);
            System.out.printf("  (%s; ours per run, warm-up first: %s)%n", Report.statistic(1, maps),
                    String.join("; ", perRun));
            if (maps.peer() != null) {
                double[] each = new double[runs];
                for (int r = 0; r < runs; r++) {
                    each[r] = maps.peer()[r] / maps.ours()[r];
                }
                System.out.printf("  each timed run against the peer's run beside it: %s× (lowest %.0f×, goal ≥ 50×"
                        + " every run)%n", Arrays.stream(each).mapToObj(x -> String.format("%.0f", x)).toList(),
                        Arrays.stream(each).min().orElseThrow());
            }
            double authors = maps.peerMedian(); // the authors' loop, timed beside our maps
            double fastest = Arrays.stream(maps.ours()).min().orElseThrow();
            double slowest = Arrays.stream(maps.ours()).max().orElseThrow();
            System.out.printf("  spread of our %d timed runs: slowest / fastest = %.2f (goal ≤ 1.15)%n", runs,
                    slowest / fastest);
            System.out.printf("  resident memory after each image, after a collection: %s MB%n", rss);

            int batch = automaticBatch(vgg);
            double perCopy = barePassSeconds(vgg, manager, batch) / batch;
            double bound = 3 * 1_024 * perCopy;
            Report.result("PerturbBench/bare-bound", String.format("the bare engine's time per copy at the maps' batch"
                    + " (%d copies + the image, through block 5) × 3,072 copies: the least any batched method on this"
                    + " engine can take", batch), seconds(bound), "PyTorch (authors' loop)", seconds(authors),
                    authors / bound, Double.NaN);
            System.out.printf("  ours takes %.2f× the bare bound%n", maps.ourMedian() / bound);

            long start = System.nanoTime();
            AttributionMaps gradient = ours.firstOrder(64, 0).attribute(images.get(runs + ":" + (runs + 1)), blocks);
            double gradientSeconds = (System.nanoTime() - start) / 1e9;
            Report.result("PerturbBench/gradient-mode", "gradient mode of one image, 64 random probes per block, one"
                    + " run", seconds(gradientSeconds), "PyTorch (authors' loop)", seconds(authors),
                    authors / gradientSeconds, Double.NaN);
            for (String block : BLOCKS) {
                System.out.printf("  %s: scale 10^%d; gradient mode vs finite differences (same δ, same image): rank"
                        + " correlation %.3f%n", block, MapStatistics.of(last[0]).scaleExponent(block),
                        Correlation.spearman(gradient.values(0, block), last[0].values(0, block)));
            }
            System.out.printf("peak resident memory (VmHWM): %.2f GB (goal < 4 GB)%n",
                    status("VmHWM:") / 1024.0 / 1024.0);
        } finally {
            if (peer != null) {
                peer.close();
            }
        }
    }

    private static String seconds(double s) {
        return String.format("%.2f s", s);
    }

    private static String milliseconds(double loopSeconds) {
        return String.format("%.1f ms a pass", 1e3 * loopSeconds / (BLOCKS.size() * 3 * PASSES));
    }

    /**
     * The authors' loop body on our engine: a single-image pass through the whole network, on
     * {@value #PASSES_TIMED} pixels; the median pass times 15 × 1,025 passes.
     */
    private static double authorsLoopSeconds(StagedNetwork vgg, NDArray image) {
        ParameterStore store = vgg.parameterStore();
        List<Block> stages = vgg.block().getChildren().values();
        float[] x = image.toFloatArray();
        Random random = new Random(0);
        double[] passes = new double[PASSES_TIMED];
        for (int p = 0; p < PASSES_TIMED; p++) {
            long start = System.nanoTime();
            try (NDManager scope = image.getManager().newSubManager()) {
                float[] perturbed = x.clone();
                perturbed[p] += (float) (-0.05 + 0.1 * random.nextGaussian());
                NDList current = new NDList(scope.create(perturbed, new Shape(1, 3, 32, 32)));
                for (Block stage : stages) {
                    current = stage.forward(store, current, false);
                }
                current.singletonOrThrow().toFloatArray();
            }
            passes[p] = (System.nanoTime() - start) / 1e9;
        }
        return SideBySide.median(passes) * BLOCKS.size() * 3 * PASSES;
    }

    /** Copies per pass the maps use: about 8 MB of the stage outputs of one copy, blocks 1 to 5. */
    private static int automaticBatch(StagedNetwork vgg) {
        long bytes = 0;
        for (String block : BLOCKS) {
            bytes += 4 * vgg.stageShapes(1).get(block).size();
        }
        return (int) Math.max(1, BATCH_BUDGET_BYTES / bytes);
    }

    /** The median of 9 passes of {@code copies} + 1 images through block 5, weights frozen, after 2 untimed ones. */
    private static double barePassSeconds(StagedNetwork vgg, NDManager manager, int copies) {
        ParameterStore store = vgg.parameterStore();
        int last = vgg.indexOf(BLOCKS.get(BLOCKS.size() - 1));
        double[] seconds = new double[9];
        try (FrozenParameters frozen = new FrozenParameters(vgg.block())) {
            for (int p = -2; p < seconds.length; p++) {
                try (NDManager scope = manager.newSubManager()) {
                    NDArray x = scope.randomUniform(-1f, 1f, new Shape(copies + 1, 3, 32, 32));
                    long start = System.nanoTime();
                    NDList outputs = vgg.forwardThrough(store, x, last, false);
                    outputs.get(last).toFloatArray();
                    if (p >= 0) {
                        seconds[p] = (System.nanoTime() - start) / 1e9;
                    }
                }
            }
        }
        return SideBySide.median(seconds);
    }

    /** {@code count} random 3×32×32 images, uniform in [−1, 1) (seed 1), as the benches of one image explain. */
    static NDArray randomImages(NDManager manager, int count) {
        Random random = new Random(1);
        float[] pixels = new float[count * 3 * 32 * 32];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) (2 * random.nextDouble() - 1);
        }
        return manager.create(pixels, new Shape(count, 3, 32, 32));
    }

    /** This process's minor page faults and kernel time in clock ticks so far (/proc/self/stat). */
    private static long[] stat() throws IOException {
        String line = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(fields[7]), Long.parseLong(fields[12])};
    }

    private static long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
