package senslab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import senslab.attribution.Target;
import senslab.global.SobolAttribution;
import senslab.masking.CellGrid;
import senslab.models.FrozenParameters;
import senslab.models.StagedNetwork;
import senslab.models.Vgg16;

/**
 * One Sobol map of a 32×32 image on VGG-16 (random weights: the cost does not depend on them) at Xplique's defaults
 * (grid 8, 32 designs: 2,112 forward passes), the goal being ≤ 10 s per image on 2 cores and ≥ 1.0× PyTorch. Side by
 * side in one run, each figure {@link SideBySide}'s (warm-up, then the median of alternated runs):
 * <ul>
 * <li>the engines alone: one forward pass of 256 images (the maps' batch) on each;</li>
 * <li>the map: ours ({@link SobolAttribution}, one image a run) against the same design (our mask rows, written to a
 * file) run as Xplique's {@code SobolAttributionMethod} runs it, in PyTorch: masks upsampled by nearest neighbour,
 * inpainting x · m, batches of 256, the class-0 logit, then Jansen's total index
 * ({@code sobol_map_peer.py}).</li>
 * </ul>
 */
public final class GlobalMapBench {
    /** MaskEvaluation's automatic batch for 3×32×32 images, and Xplique's default. */
    private static final int BATCH = 256;

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        Engine.getInstance().setRandomSeed(0);
        int runs = SideBySide.runs();
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork vgg = Vgg16.cifar10()) {
            NDArray images = manager.randomUniform(-1f, 1f, new Shape(runs + 1, 3, 32, 32));
            SobolAttribution sobol = SobolAttribution.of(vgg);
            double[] design = sobol.design(new CellGrid(SobolAttribution.DEFAULT_GRID, 32, 32));
            int cells = SobolAttribution.DEFAULT_GRID * SobolAttribution.DEFAULT_GRID;
            int rows = design.length / cells;
            int passes = (rows + BATCH - 1) / BATCH;
            System.out.printf("GlobalMapBench: Sobol map of one 3×32×32 image, VGG-16 (CIFAR-10), %s: %,d images in %d"
                    + " passes; load average before: %s%n", sobol.settings(), rows, passes,
                    Files.readString(Path.of("/proc/loadavg")).trim());
            Report.side("ours", Report.engine());
            Path file = Files.createTempFile("sobol-design", ".f32");
            try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
                for (double v : design) {
                    out.writeInt(Integer.reverseBytes(Float.floatToIntBits((float) v))); // little-endian float32
                }
            }
            Optional<PythonPeer> started = PythonPeer.torch("sobol_map_peer.py", file.toString(), String.valueOf(rows),
                    String.valueOf(cells), String.valueOf(BATCH));
            PythonPeer peer = started.orElse(null);
            try {
                if (peer != null) {
                    Report.side("PyTorch (Xplique's recipe)", peer.runtime());
                }
                SideBySide.Times bare = SideBySide.time(2, () -> forwardSeconds(vgg, manager, BATCH),
                        peer == null ? null : () -> peer.seconds("bare"));
                Report.result("GlobalMapBench/bare-forward", "VGG-16 forward pass of 256 images (the engines alone)",
                        rate(BATCH, bare.ourMedian()), "PyTorch", rate(BATCH, bare.peerMedian()), bare.speedUp(),
                        Double.NaN);
                List<String> batches = new ArrayList<>(); // ours alone: MaskEvaluation's choice of batch
                for (int b : new int[] {64, 128, 256, 512}) {
                    batches.add("batch " + b + " " + rate(b, median(5, () -> forwardSeconds(vgg, manager, b))));
                }
                System.out.println("GlobalMapBench/batch-sizes, ours alone (median of 5 passes after 2): " + batches);

                int[] next = {0};
                SideBySide.Times map = SideBySide.time(1, () -> {
                    int i = next[0]++;
                    long start = System.nanoTime();
                    sobol.attribute(images.get(i + ":" + (i + 1)), Target.classLogit(0));
                    return (System.nanoTime() - start) / 1e9;
                }, peer == null ? null : () -> peer.seconds("map"));
                Report.result("GlobalMapBench/sobol-map", String.format("Sobol map of one image, grid 8, 32 designs"
                        + " (%,d images in batches of 256)", rows), String.format("%.2f s", map.ourMedian()),
                        "PyTorch", String.format("%.2f s", map.peerMedian()), map.speedUp(), 1.0);
                System.out.printf("  (%s; goal ≤ 10 s per map: %s)%n", Report.statistic(1, map),
                        map.ourMedian() <= 10 ? "met" : "MISSED");
                System.out.printf("  each map against %d bare passes of its own engine: ours %.2f×, PyTorch %.2f×%n",
                        passes, map.ourMedian() / (passes * bare.ourMedian()),
                        map.peerMedian() / (passes * bare.peerMedian()));
            } finally {
                if (peer != null) {
                    peer.close();
                }
                Files.deleteIfExists(file);
            }
        }
    }

    private static String rate(int images, double seconds) {
        return String.format("%.1f images/s", images / seconds);
    }

    /** The median seconds of {@code runs} runs after 2 untimed ones. */
    private static double median(int runs, SideBySide.Run run) throws Exception {
        double[] seconds = new double[runs];
        for (int r = -2; r < runs; r++) {
            double t = run.seconds();
            if (r >= 0) {
                seconds[r] = t;
            }
        }
        return SideBySide.median(seconds);
    }

    /** One forward pass of {@code batch} random images through the whole network, weights frozen as the maps run. */
    private static double forwardSeconds(StagedNetwork vgg, NDManager manager, int batch) {
        ParameterStore store = vgg.parameterStore();
        int last = vgg.stageNames().size() - 1;
        try (FrozenParameters frozen = new FrozenParameters(vgg.block()); NDManager scope = manager.newSubManager()) {
            NDArray x = scope.randomUniform(-1f, 1f, new Shape(batch, 3, 32, 32));
            long start = System.nanoTime();
            vgg.forwardThrough(store, x, last, false).get(last).toFloatArray();
            return (System.nanoTime() - start) / 1e9;
        }
    }
}
