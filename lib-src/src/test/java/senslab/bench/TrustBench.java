package senslab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import senslab.Profile;
import senslab.attribution.Target;
import senslab.data.SyntheticPatches;
import senslab.metric.EvaluationScores;
import senslab.models.CifarNet;
import senslab.models.PatchNet;
import senslab.models.StagedNetwork;
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
        double seconds = network("VGG-16", CifarNet.VGG16::create, "block3", 10, 16, cifar, cascade)
                + network("ResNet-18", CifarNet.RESNET18::create, "layer4", 10, 16, cifar, cascade)
                + network("PatchNet", () -> PatchNet.create(SyntheticPatches.SIZE, SyntheticPatches.CLASSES.size()),
                        "block3", SyntheticPatches.CLASSES.size(), 32, PROFILE.get(Profile.TRUST_PATCH_IMAGES), 0);
        double minutes = seconds / 60;
        Report.line("TrustBench/notebook09-quick", String.format("notebook 09 quick, training excluded: %d CIFAR-10"
                + " images × 2 networks, %d synthetic, cascades on %d", cifar, PROFILE.get(Profile.TRUST_PATCH_IMAGES),
                cascade), String.format("%.1f min (scaled from the runs above; load %s)", minutes, load()), "no peer",
                String.format("goal ≤ %.0f min: %s", GOAL_MINUTES, minutes <= GOAL_MINUTES ? "met" : "MISSED"));
    }

    /**
     * Evaluates {@code measured} images and the cascade on {@code cascade} of them, prints the breakdown, and returns
     * the seconds scaled to {@code images} (the cascade as measured: the notebook runs it on that many).
     */
    private static double network(String name, Supplier<StagedNetwork> architecture, String camStage, int classes,
            int measured, int images, int cascade) throws IOException {
        SyntheticPatches patches = SyntheticPatches.generate((measured + classes - 1) / classes + 1, 5);
        try (StagedNetwork net = architecture.get(); NDManager manager = NDManager.newBaseManager()) {
            MapTrust trust = MapTrust.of(name, net, architecture, camStage, classes, PROFILE, line -> { });
            NDArray x;
            if (name.equals("PatchNet")) {
                trust = trust.withTruth(patches::mask);
                x = patches.images().batch(manager, SyntheticPatches.NORMALIZATION).get(new NDIndex("0:" + measured));
            } else {
                x = manager.randomUniform(-2f, 2f, new Shape(measured, 3, 32, 32));
            }
            Target target = Target.classLogit(IntStream.range(0, measured).map(i -> i % classes).toArray());
            trust.evaluate(x.get(new NDIndex("0:2")), target.slice(0, 2));
            Clock clock = new Clock();
            EvaluationScores scores = trust.evaluate(x, target);
            double evaluation = clock.wall();
            System.out.printf("%s: %d images evaluated in %.1f s (%.1f s CPU), %.2f s an image, %.1f maps × metrics"
                    + " per second (%d methods × %d metrics); load %s%n", name, measured, evaluation, clock.cpu(),
                    evaluation / measured, scores.methods().size() * scores.metrics().size() * measured / evaluation,
                    scores.methods().size(), scores.metrics().size(), load());
            breakdown(scores, measured);
            double cascadeSeconds = 0;
            if (cascade > 0) {
                clock = new Clock();
                trust.cascade(x, target, cascade);
                cascadeSeconds = clock.wall();
                System.out.printf("%s: cascade on %d images %.1f s (%.1f s CPU); load %s%n", name, cascade,
                        cascadeSeconds, clock.cpu(), load());
            }
            double total = evaluation * images / measured + cascadeSeconds;
            System.out.printf("%s: %d images and the cascade ≈ %.1f min%n", name, images, total / 60);
            return total;
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
