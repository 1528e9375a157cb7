package senslab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import senslab.attribution.Attribution;
import senslab.attribution.AttributionMaps;
import senslab.attribution.Target;
import senslab.gradient.InputTimesGradient;
import senslab.gradient.IntegratedGradients;
import senslab.gradient.NoiseTunnel;
import senslab.gradient.PathRule;
import senslab.gradient.Saliency;
import senslab.occlusion.Occlusion;
import senslab.occlusion.Rise;
import senslab.models.FrozenParameters;
import senslab.models.StagedNetwork;
import senslab.models.Vgg16;
import senslab.stats.Correlation;

/**
 * Seconds per image of every attribution method on the quick VGG-16 (CIFAR-10, 3×32×32; random weights, the same
 * on both sides: ours are written to a file and copied into the peer's network), the target the class-0 logit,
 * beside a PyTorch peer of the same method ({@code methods_peer.py}: Captum's algorithms written in plain PyTorch,
 * since Captum is not installable here, batched as its users run them, {@code torch.no_grad()} where no gradient is
 * needed). Each figure is {@link SideBySide}'s: three warm-up calls on each side, then the median of
 * {@code SENSLAB_BENCH_RUNS} calls in alternation, each call explaining the next image of the same random images on
 * both sides. The settings, the same on both sides:
 * <ul>
 * <li>saliency |∂f/∂x| and input × gradient: one backward pass;</li>
 * <li>Integrated Gradients: zero baseline, 32 Gauss–Legendre points (Captum's default rule), the completeness gap
 * measured on both sides;</li>
 * <li>SmoothGrad of saliency: 16 noisy copies, σ = 0.15 of the image's range;</li>
 * <li>occlusion: a 4×4 window over all channels every 2 pixels, set to 0 (Captum's ResNet tutorial slides a 15×15
 * window every 8 pixels over 224×224 images; on 32×32 that scale is 2 pixels, made 4×4 every 2), 225 occluded
 * copies;</li>
 * <li>RISE: 1,000 masks on a 7×7 grid, half of the cells kept (Petsiuk et al.'s grid; their 4,000 masks cut to
 * 1,000, as for small images); the peer draws its masks once and reuses them, as the authors' code does, while
 * ours draws them in every call.</li>
 * </ul>
 * First the engines alone, plain DJL against plain PyTorch (no method's code) at the batches the methods run:
 * forward and backward passes to the pixels of 1, 16 and 32 rows, forward passes of 256: the floor under each
 * method. The goals (issue 21): every method at least as
 * fast as its peer; each gradient method ≤ 0.2 s per image, IG with
 * 32 steps ≤ 1 s, RISE ≤ 10 s. After each method, how far the two maps of the last image agree (Spearman's ρ): 1
 * where the method is deterministic; SmoothGrad's noise and RISE's masks are drawn differently on each side.
 */
public final class MethodsBench {
    /**
     * Untimed calls on each side first: three, since the JVM is warm only once the JIT has compiled a method's own
     * loops (SmoothGrad's noise and sums over 16 copies ran 15 % slower after one call than after ten).
     */
    private static final int WARM_UPS = 3;
    private static final int TARGET_CLASS = 0;
    private static final int STEPS = 32;
    private static final int SAMPLES = 16;
    private static final double SIGMA = 0.15;
    private static final int WINDOW = 4;
    private static final int STRIDE = 2;
    private static final int MASKS = 1_000;
    private static final int GRID = 7;
    private static final double KEEP = 0.5;
    /** Copies per forward pass of the masking methods on the peer's side: senslab's automatic batch for 32×32. */
    private static final int BATCH = 256;

    /** One method on both sides: the peer's work of the same name, and the goal in seconds per image (NaN: none). */
    private record Method(String work, String label, Attribution ours, double goalSeconds) {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        Engine.getInstance().setRandomSeed(0);
        int runs = SideBySide.runs();
        int count = runs + 1;
        System.out.printf("MethodsBench: seconds per image of each attribution method, VGG-16 (CIFAR-10, 3×32×32,"
                + " random weights shared with the peer), class-%d logit, one image a call; load average before:"
                + " %s%n", TARGET_CLASS, Files.readString(Path.of("/proc/loadavg")).trim());
        Report.side("ours", Report.engine());
        Path folder = Files.createTempDirectory("senslab-methods-bench");
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork vgg = Vgg16.cifar10()) {
            NDArray images = PerturbBench.randomImages(manager, count);
            writeWeights(vgg, folder.resolve("weights.f32"), folder.resolve("weights.txt"));
            writeFloats(folder.resolve("images.f32"), images.toFloatArray());
            Optional<PythonPeer> started = PythonPeer.torch("methods_peer.py", folder.resolve("weights.f32")
                    .toString(), folder.resolve("weights.txt").toString(), folder.resolve("images.f32").toString(),
                    String.valueOf(count), folder.toString(), "class=" + TARGET_CLASS, "steps=" + STEPS,
                    "samples=" + SAMPLES, "sigma=" + SIGMA, "window=" + WINDOW, "stride=" + STRIDE,
                    "masks=" + MASKS, "grid=" + GRID, "keep=" + KEEP, "batch=" + BATCH);
            PythonPeer peer = started.orElse(null);
            try {
                if (peer != null) {
                    Report.side("PyTorch (Captum's algorithms in plain PyTorch: Captum is not installable here)",
                            peer.runtime());
                }
                bareEngines(vgg, images, count, peer);
                for (Method method : methods(vgg)) {
                    compare(method, images, count, peer, folder);
                }
            } finally {
                if (peer != null) {
                    peer.close();
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static List<Method> methods(StagedNetwork vgg) {
        return List.of(
                new Method("saliency", "saliency |∂f/∂x|", Saliency.of(vgg), 0.2),
                new Method("input_x_gradient", "input × gradient", InputTimesGradient.of(vgg), 0.2),
                new Method("integrated", String.format("Integrated Gradients, %d Gauss–Legendre steps, zero baseline",
                        STEPS), IntegratedGradients.of(vgg).steps(STEPS).rule(PathRule.GAUSS_LEGENDRE), 1.0),
                new Method("smoothgrad", String.format("SmoothGrad of saliency, %d samples, σ = %.2f of the range",
                        SAMPLES, SIGMA), NoiseTunnel.smoothGrad(Saliency.of(vgg)).samples(SAMPLES).sigma(SIGMA), 0.2),
                new Method("occlusion", String.format("occlusion, window %d×%d (all channels), stride %d, baseline 0",
                        WINDOW, WINDOW, STRIDE), Occlusion.of(vgg).window(WINDOW).stride(STRIDE).baseline(0),
                        Double.NaN),
                new Method("rise", String.format("RISE, %,d masks, grid %d×%d, keep %.1f", MASKS, GRID, GRID, KEEP),
                        Rise.of(vgg).masks(MASKS).grid(GRID).keep(KEEP), 10.0));
    }

    /**
     * What the engines alone do at the methods' batches, the image repeated as rows: VGG-16 forward and backward to
     * the pixels at batch 1 (saliency, input × gradient), 16 (SmoothGrad's copies) and 32 (IG's points), and forward
     * alone at batch 256 (RISE's and occlusion's masked copies); weights frozen, the class logit's gradient read; our
     * side plain DJL, no senslab code, the peer's its {@code gradients} and {@code net}. A method can be no faster than
     * this on its engine.
     */
    private static void bareEngines(StagedNetwork vgg, NDArray images, int count, PythonPeer peer) throws Exception {
        for (int rows : new int[] {1, 16, 32, 256}) {
            boolean backward = rows < 256;
            String work = (backward ? "bare_gradient_" : "bare_forward_") + rows;
            int[] next = {0};
            SideBySide.Times times;
            try (FrozenParameters frozen = new FrozenParameters(vgg.block())) {
                times = SideBySide.time(WARM_UPS, () -> {
                    int i = next[0]++ % count;
                    try (NDManager scope = images.getManager().newSubManager()) {
                        NDArray batch = images.get(i + ":" + (i + 1)).repeat(0, rows);
                        batch.attach(scope);
                        long start = System.nanoTime();
                        if (backward) {
                            batch.setRequiresGradient(true);
                            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                                NDArray logits = vgg.forward(vgg.parameterStore(), batch, false);
                                collector.backward(logits.get(":, " + TARGET_CLASS).sum());
                                batch.getGradient().toFloatArray();
                            }
                        } else {
                            vgg.forward(batch).toFloatArray();
                        }
                        return (System.nanoTime() - start) / 1e9;
                    }
                }, peer == null ? null : () -> peer.seconds(work));
            }
            Report.result("MethodsBench/" + work.replace('_', '-'), String.format("VGG-16 %s, %d rows, the engines"
                    + " alone, seconds a call", backward ? "forward and backward to the pixels" : "forward", rows),
                    seconds(times.ourMedian()), "PyTorch", seconds(times.peerMedian()), times.speedUp(), Double.NaN);
            System.out.printf("  (%s)%n", Report.statistic(WARM_UPS, times));
        }
    }

    /** Times one method on both sides and prints its RESULT line, the goal in seconds and the maps' agreement. */
    private static void compare(Method method, NDArray images, int count, PythonPeer peer, Path folder)
            throws Exception {
        Target target = Target.classLogit(TARGET_CLASS);
        int[] next = {0};
        AttributionMaps[] last = new AttributionMaps[1];
        SideBySide.Times times = SideBySide.time(WARM_UPS, () -> {
            int i = next[0]++ % count;
            try (NDManager scope = images.getManager().newSubManager()) {
                NDArray image = images.get(i + ":" + (i + 1));
                image.attach(scope);
                long start = System.nanoTime();
                last[0] = method.ours().attribute(image, target);
                return (System.nanoTime() - start) / 1e9;
            }
        }, peer == null ? null : () -> peer.seconds(method.work()));
        Report.result("MethodsBench/" + method.work(), method.label() + ", seconds per image",
                seconds(times.ourMedian()), "PyTorch", seconds(times.peerMedian()), times.speedUp(), 1.0);
        String goal = Double.isNaN(method.goalSeconds()) ? "no goal in seconds"
                : String.format("goal ≤ %.1f s per image: %s", method.goalSeconds(),
                        times.ourMedian() <= method.goalSeconds() ? "met" : "MISSED");
        System.out.printf("  (%s; %s; ours: %s)%n", Report.statistic(WARM_UPS, times), goal, last[0].settings());
        if (times.peer() != null) {
            float[] ours = last[0].values(0, last[0].labels().get(0));
            float[] theirs = atResolutionOf(last[0], readFloats(folder.resolve(method.work() + ".f32")));
            String printed = peer.lastLines().stream().map(String::trim).collect(Collectors.joining("; "));
            System.out.printf("  the last image's maps, ours against the peer's: Spearman's ρ = %.4f%s%n",
                    Correlation.spearman(ours, theirs), printed.isEmpty() ? "" : "; the peer: " + printed);
        }
    }

    /**
     * The peer's map (channels × pixels, channel-major) where {@code ours} has its values: its channels (occlusion's
     * and RISE's one map, "all", is the peer's first channel) and its cells (a cell's top-left pixel: occlusion's
     * windows are made of whole cells, so the peer's map is constant over each).
     */
    private static float[] atResolutionOf(AttributionMaps ours, float[] peer) {
        int cell = ours.cellSize();
        int side = ours.width() * cell;
        float[] theirs = new float[ours.channels() * ours.height() * ours.width()];
        int k = 0;
        for (int channel = 0; channel < ours.channels(); channel++) {
            for (int h = 0; h < ours.height(); h++) {
                for (int w = 0; w < ours.width(); w++) {
                    theirs[k++] = peer[(channel * ours.height() * cell + h * cell) * side + w * cell];
                }
            }
        }
        return theirs;
    }

    private static String seconds(double s) {
        return String.format("%.3f s", s);
    }

    /** Every parameter (BatchNorm's running statistics included) in the network's order; their names and shapes. */
    private static void writeWeights(StagedNetwork vgg, Path values, Path names) throws IOException {
        List<String> lines = new ArrayList<>();
        List<float[]> arrays = new ArrayList<>();
        for (Pair<String, Parameter> parameter : vgg.block().getParameters()) {
            NDArray array = parameter.getValue().getArray();
            lines.add(parameter.getKey() + " " + Arrays.stream(array.getShape().getShape()).mapToObj(Long::toString)
                    .collect(Collectors.joining(" ")));
            arrays.add(array.toFloatArray());
        }
        Files.write(names, lines);
        float[] all = new float[arrays.stream().mapToInt(a -> a.length).sum()];
        int at = 0;
        for (float[] array : arrays) {
            System.arraycopy(array, 0, all, at, array.length);
            at += array.length;
        }
        writeFloats(values, all);
    }

    /** Little-endian float32, as NumPy's {@code fromfile} reads it. */
    private static void writeFloats(Path file, float[] values) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }
    }

    private static float[] readFloats(Path file) throws IOException {
        float[] values = new float[(int) (Files.size(file) / 4)];
        ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }
}
