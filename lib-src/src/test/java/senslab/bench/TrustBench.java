package senslab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import senslab.Profile;
import senslab.attribution.Target;
import senslab.data.SyntheticPatches;
import senslab.metric.EvaluationScores;
import senslab.models.CifarNet;
import senslab.models.PatchNet;
import senslab.models.FrozenParameters;
import senslab.models.ResNet18;
import senslab.models.StagedNetwork;
import senslab.models.Vgg16;
import senslab.notebook.MapTrust;
import tech.tablesaw.api.Table;

/**
 * What notebook 09's quick profile costs, training excluded: {@link MapTrust} (every method × every metric) on one
 * evaluation batch of 16 images per CIFAR-10 network and 32 synthetic images for PatchNet, and the cascade on the
 * profile's images per CIFAR-10 network, each timed after a warm-up, then scaled to the profile's image counts
 * (the cost is linear in the images: every method and metric works per batch of 16). Fresh networks: the cost does
 * not depend on the weights. The seconds of every method's maps and every metric are printed per network, then the
 * total against the goal of 20 minutes on 2 cores. The wall time is only meaningful on an idle machine: the load
 * average and the process's CPU time are printed beside it.
 */
public final class TrustBench {
    private static final Profile PROFILE = Profile.QUICK;
    private static final double GOAL_MINUTES = 20;

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        Engine.getInstance().setRandomSeed(0);
        Report.side("ours", Report.engine());
        int cifar = PROFILE.get(Profile.TRUST_IMAGES);
        int cascade = PROFILE.get(Profile.CASCADE_IMAGES);
        double seconds = network("VGG-16", CifarNet.VGG16::create, () -> Vgg16.build(32, 10), "block3", 10, 16, cifar,
                cascade)
                + network("ResNet-18", CifarNet.RESNET18::create, () -> ResNet18.build(10), "layer4", 10, 16, cifar,
                        cascade)
                + network("PatchNet", () -> PatchNet.create(SyntheticPatches.SIZE, SyntheticPatches.CLASSES.size()),
                        null, "block3", SyntheticPatches.CLASSES.size(), 32, PROFILE.get(Profile.TRUST_PATCH_IMAGES),
                        0);
        double minutes = seconds / 60;
        Report.line("TrustBench/notebook09-quick", String.format("notebook 09 quick, training excluded: %d CIFAR-10"
                + " images × 2 networks, %d synthetic, cascades on %d", cifar, PROFILE.get(Profile.TRUST_PATCH_IMAGES),
                cascade), String.format("%.1f min (scaled from the runs above; load %s)", minutes, load()), "no peer",
                String.format("goal ≤ %.0f min: %s", GOAL_MINUTES, minutes <= GOAL_MINUTES ? "met" : "MISSED"));
    }

    /**
     * Evaluates {@code measured} images and the cascade on {@code cascade} of them, prints the breakdown, and returns
     * the seconds scaled to {@code images} (the cascade as measured: the notebook runs it on that many). With
     * {@code unbuilt} (the architecture's stages, not initialized), the evaluation runs on networks that count the
     * rows they pass, and the engine alone is timed passing as many: the bound the evaluation could reach.
     */
    private static double network(String name, Supplier<StagedNetwork> architecture, Supplier<StagedNetwork> unbuilt,
            String camStage, int classes, int measured, int images, int cascade) throws IOException {
        SyntheticPatches patches = SyntheticPatches.generate((measured + classes - 1) / classes + 1, 5);
        PassCount count = new PassCount();
        Supplier<StagedNetwork> evaluated = unbuilt == null ? architecture : () -> count.counting(unbuilt.get());
        try (StagedNetwork net = evaluated.get(); NDManager manager = NDManager.newBaseManager()) {
            MapTrust trust = MapTrust.of(name, net, evaluated, camStage, classes, PROFILE, line -> { });
            NDArray x;
            if (name.equals("PatchNet")) {
                trust = trust.withTruth(patches::mask);
                x = patches.images().batch(manager, SyntheticPatches.NORMALIZATION).get(new NDIndex("0:" + measured));
            } else {
                x = manager.randomUniform(-2f, 2f, new Shape(measured, 3, 32, 32));
            }
            Target target = Target.classLogit(IntStream.range(0, measured).map(i -> i % classes).toArray());
            trust.evaluate(x.get(new NDIndex("0:2")), target.slice(0, 2));
            count.reset();
            Clock clock = new Clock();
            EvaluationScores scores = trust.evaluate(x, target);
            double evaluation = clock.wall();
            System.out.printf("%s: %d images evaluated in %.1f s (%.1f s CPU), %.2f s an image, %.1f maps × metrics"
                    + " per second (%d methods × %d metrics); load %s%n", name, measured, evaluation, clock.cpu(),
                    evaluation / measured, scores.methods().size() * scores.metrics().size() * measured / evaluation,
                    scores.methods().size(), scores.metrics().size(), load());
            breakdown(scores, measured);
            if (unbuilt != null) {
                bound(name, net, count, evaluation, measured, images);
            }
            double cascadeSeconds = 0;
            if (cascade > 0) {
                clock = new Clock();
                try (StagedNetwork plain = architecture.get()) { // the cascade randomises every stage: none added
                    MapTrust.of(name, plain, architecture, camStage, classes, PROFILE, line -> { })
                            .cascade(x, target, cascade);
                }
                cascadeSeconds = clock.wall();
                System.out.printf("%s: cascade on %d images %.1f s (%.1f s CPU); load %s%n", name, cascade,
                        cascadeSeconds, clock.cpu(), load());
            }
            double total = evaluation * images / measured + cascadeSeconds;
            System.out.printf("%s: %d images and the cascade ≈ %.1f min%n", name, images, total / 60);
            return total;
        }
    }

    /**
     * Prints the rows the evaluation passed (forward only, and forward with grad mode on, i.e. followed by a backward
     * pass to the inputs), the seconds the engine alone takes for as many rows at good batches (forward: 256 rows,
     * no gradient; forward and backward to the inputs: 64 rows, weights frozen), and how close the evaluation came.
     */
    private static void bound(String name, StagedNetwork net, PassCount count, double seconds, int measured,
            int images) {
        double forward = bareSeconds(net, 256, false) / 256;
        double gradient = bareSeconds(net, 64, true) / 64;
        double bound = count.forwardRows() * forward + count.gradientRows() * gradient;
        System.out.printf("%s: the evaluation passed %,d rows forward and %,d forward and back (%.0f and %.0f an"
                + " image); the engine alone: %.2f ms a row forward (b256), %.2f ms forward and back (b64)%n", name,
                count.forwardRows(), count.gradientRows(), count.forwardRows() / (double) measured,
                count.gradientRows() / (double) measured, forward * 1e3, gradient * 1e3);
        Report.line("TrustBench/" + name + "-evaluation-bound", String.format("%s, every method × metric of %d"
                + " images: ours against the engine alone passing the same rows", name, images),
                String.format("ours %.1f min", seconds * images / measured / 60),
                String.format("engine alone %.1f min", bound * images / measured / 60),
                String.format("ours takes %.2f× the bound", seconds / bound));
    }

    /** The median seconds of 5 passes of {@code rows} random images (after 2 untimed), weights frozen. */
    private static double bareSeconds(StagedNetwork net, int rows, boolean backward) {
        double[] seconds = new double[5];
        try (FrozenParameters frozen = new FrozenParameters(net.block());
                NDManager manager = NDManager.newBaseManager()) {
            for (int p = -2; p < seconds.length; p++) {
                try (NDManager scope = manager.newSubManager()) {
                    NDArray x = scope.randomUniform(-2f, 2f, new Shape(rows, 3, 32, 32));
                    long start = System.nanoTime();
                    if (backward) {
                        x.setRequiresGradient(true);
                        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                            collector.backward(net.forward(net.parameterStore(), x, false).get(":, 0").sum());
                            x.getGradient().toFloatArray();
                        }
                    } else {
                        net.forward(x).toFloatArray();
                    }
                    if (p >= 0) {
                        seconds[p] = (System.nanoTime() - start) / 1e9;
                    }
                }
            }
        }
        return SideBySide.median(seconds);
    }

    /**
     * Rows that went forward through networks made by {@link #counting}: without grad mode (inference), and with it
     * (a gradient method's pass, followed by a backward pass).
     */
    private static final class PassCount {
        private final AtomicLong forward = new AtomicLong();
        private final AtomicLong gradient = new AtomicLong();

        /** {@code unbuilt}'s stages behind a first stage "count" that counts every row passed, then initialized. */
        StagedNetwork counting(StagedNetwork unbuilt) {
            StagedNetwork.Builder builder = StagedNetwork.builder().stage("count", new LambdaBlock(in -> {
                long rows = in.singletonOrThrow().getShape().get(0);
                (JniUtils.isGradMode() ? gradient : forward).addAndGet(rows);
                return in;
            }));
            List<String> names = unbuilt.stageNames();
            for (int k = 0; k < names.size(); k++) {
                builder.stage(names.get(k), unbuilt.block().getChildren().get(k).getValue());
            }
            return builder.build().initialize(new Shape(3, 32, 32));
        }

        void reset() {
            forward.set(0);
            gradient.set(0);
        }

        long forwardRows() {
            return forward.get();
        }

        long gradientRows() {
            return gradient.get();
        }
    }

    /** Seconds of each method's maps and, summed over the methods, of each metric, on the images evaluated. */
    private static void breakdown(EvaluationScores scores, int images) {
        Table table = scores.table();
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (String method : scores.methods()) {
            Table rows = table.where(table.stringColumn("method").isEqualTo(method));
            System.out.printf("  maps of %-22s %7.2f s%n", method, rows.doubleColumn("s per map").get(0) * images);
            for (int r = 0; r < rows.rowCount(); r++) {
                metrics.merge(rows.stringColumn("metric").get(r),
                        rows.doubleColumn("metric s per map").get(r) * images, Double::sum);
            }
        }
        metrics.forEach((metric, s) -> System.out.printf("  metric %-34s %7.2f s%n", metric, s));
    }

    private static String load() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    /** Wall and process CPU time since it was made. */
    private static final class Clock {
        private final OperatingSystemMXBean os =
                (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private final long wall = System.nanoTime();
        private final long cpu = os.getProcessCpuTime();

        double wall() {
            return (System.nanoTime() - wall) / 1e9;
        }

        double cpu() {
            return (os.getProcessCpuTime() - cpu) / 1e9;
        }
    }
}
