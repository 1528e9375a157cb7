package senslab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;
import senslab.attribution.Target;
import senslab.global.SobolAttribution;
import senslab.masking.CellGrid;
import senslab.masking.Perturbation;
import senslab.models.FrozenParameters;
import senslab.models.StagedNetwork;
import senslab.models.Vgg16;

/**
 * One Sobol map of a 32×32 image on VGG-16 (random weights: the cost does not depend on them) at Xplique's
 * defaults (grid 8, 32 designs: 2,112 forward passes), the goal being ≤ 10 s per image on 2 cores. Side by side
 * in one run:
 * <ul>
 * <li>the bare engine: VGG-16 forward passes per second at the batch the maps use (and at 64 and 256);</li>
 * <li>ours: {@link SobolAttribution} on a few images, each map just after the same number of bare passes, so the
 * ratio of the two (how close the map gets to the engine) holds on a busy machine;</li>
 * <li>the estimator written the way the Xplique recipe can run it one row at a time (one forward pass per design
 * row), on our engine, timed on a few rows and extrapolated;</li>
 * <li>the same batched design through PyTorch (Debian's python3-torch) at the same batch, 256, Xplique's default,
 * when python3 has torch.</li>
 * </ul>
 */
public final class GlobalMapBench {
    /** MaskEvaluation's automatic batch for 3×32×32 images. */
    private static final int BATCH = 256;
    private static final int IMAGES = 3;
    private static final int SINGLE_ROWS = 33;

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        Engine.getInstance().setRandomSeed(0);
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork vgg = Vgg16.cifar10()) {
            NDArray images = manager.randomUniform(-1f, 1f, new Shape(IMAGES, 3, 32, 32));
            SobolAttribution sobol = SobolAttribution.of(vgg);
            double[] design = sobol.design(new CellGrid(SobolAttribution.DEFAULT_GRID, 32, 32));
            int cells = SobolAttribution.DEFAULT_GRID * SobolAttribution.DEFAULT_GRID;
            int rows = design.length / cells;
            System.out.printf(
                    "GlobalMapBench: Sobol map of one 3×32×32 image, VGG-16 (CIFAR-10), %s: %,d forward passes%n",
                    sobol.settings(), rows);

            System.out.printf(
                    "bare engine, median of 9 passes: %.1f images/s at batch 64, %.1f at 128, %.1f at 256 (the"
                    + " maps' batch)%n", forwardRate(vgg, manager, 64, 9), forwardRate(vgg, manager, 128, 9),
                    forwardRate(vgg, manager, BATCH, 9));
            // the map and the same number of bare passes in turns, so both see the same load on a shared machine
            List<Double> perImage = new ArrayList<>();
            List<Double> bare = new ArrayList<>();
            for (int image = 0; image < IMAGES; image++) {
                bare.add(rows / forwardRate(vgg, manager, BATCH, (rows + BATCH - 1) / BATCH));
                long start = System.nanoTime();
                sobol.attribute(images.get(image + ":" + (image + 1)), Target.classLogit(0));
                perImage.add((System.nanoTime() - start) / 1e9);
            }
            double ours = median(perImage);
            System.out.printf("ours: %s s for %d images, median %.1f s per image (goal ≤ 10 s); %,d bare passes at the"
                    + " engine's rate just before each map: %s s%n", format(perImage), IMAGES, ours, rows,
                    format(bare));
            System.out.printf("the map takes %.2f× the bare passes' time (median over the turns)%n", median(
                    IntStream.range(0, IMAGES).mapToObj(i -> perImage.get(i) / bare.get(i)).toList()));

            double single = singleRowSeconds(vgg, manager, images.get("0:1"), design, cells);
            System.out.printf("the Xplique recipe one design row per forward pass, on our engine: %.1f ms per pass"
                    + " (median of %d), %,d passes = %.0f s%n", 1e3 * single, SINGLE_ROWS, rows, rows * single);
            System.out.printf("RATIO one pass per row / ours: %.1f×%n", rows * single / ours);

            Path file = Files.createTempFile("sobol-design", ".f32");
            try {
                try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
                    for (double v : design) {
                        out.writeInt(Integer.reverseBytes(Float.floatToIntBits((float) v))); // little-endian float32
                    }
                }
                double peer = pythonPeer(file, rows, cells, BATCH);
                if (!Double.isNaN(peer)) {
                    System.out.printf("the same batched design in PyTorch, batch %d (Xplique's default): %.1f s%n",
                            BATCH,
                            peer);
                    System.out.printf("RATIO PyTorch / ours: %.2f×%n", peer / ours);
                }
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * Images per second through the whole network at {@code batch}, weights frozen as the maps run: the median of
     * {@code passes} timed passes after two untimed ones.
     */
    private static double forwardRate(StagedNetwork vgg, NDManager manager, int batch, int passes) {
        ParameterStore store = vgg.parameterStore();
        int last = vgg.stageNames().size() - 1;
        double[] seconds = new double[passes];
        try (FrozenParameters frozen = new FrozenParameters(vgg.block())) {
            for (int p = -2; p < seconds.length; p++) {
                try (NDManager scope = manager.newSubManager()) {
                    NDArray x = scope.randomUniform(-1f, 1f, new Shape(batch, 3, 32, 32));
                    long start = System.nanoTime();
                    vgg.forwardThrough(store, x, last, false).get(last).toFloatArray();
                    if (p >= 0) {
                        seconds[p] = (System.nanoTime() - start) / 1e9;
                    }
                }
            }
        }
        return batch / median(Arrays.stream(seconds).boxed().toList());
    }

    /** Seconds per design row evaluated alone (upsample, inpaint, one forward pass), median of a few rows. */
    private static double singleRowSeconds(StagedNetwork vgg, NDManager manager, NDArray image, double[] design,
            int cells) {
        CellGrid grid = new CellGrid(SobolAttribution.DEFAULT_GRID, 32, 32);
        ParameterStore store = vgg.parameterStore();
        int last = vgg.stageNames().size() - 1;
        List<Double> seconds = new ArrayList<>();
        try (FrozenParameters frozen = new FrozenParameters(vgg.block())) {
            for (int r = -2; r < SINGLE_ROWS; r++) {
                int row = Math.max(0, r);
                try (NDManager scope = manager.newSubManager()) {
                    long start = System.nanoTime();
                    float[] m = new float[cells];
                    for (int j = 0; j < cells; j++) {
                        m[j] = (float) design[row * cells + j];
                    }
                    NDArray x =
                            Perturbation.inpainting().apply(image, grid.upsample(scope.create(m, new Shape(1, cells))));
                    vgg.forwardThrough(store, x, last, false).get(last).get(":, 0").toFloatArray();
                    if (r >= 0) {
                        seconds.add((System.nanoTime() - start) / 1e9);
                    }
                }
            }
        }
        return median(seconds);
    }

    private static List<String> format(List<Double> seconds) {
        return seconds.stream().map(t -> String.format("%.1f", t)).toList();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** The peer's seconds for the map, NaN (with a message) when python3 has no torch. */
    private static double pythonPeer(Path design, int rows, int cells, int batch) throws IOException,
            InterruptedException {
        Optional<List<String>> lines = PythonPeer.torch().run("sobol_map_peer.py", design.toString(),
                String.valueOf(rows), String.valueOf(cells), String.valueOf(batch), "2");
        if (lines.isEmpty()) {
            return Double.NaN;
        }
        lines.get().stream().filter(l -> l.startsWith("  ")).forEach(System.out::println);
        return PythonPeer.value(lines.get(), "SECONDS");
    }
}
