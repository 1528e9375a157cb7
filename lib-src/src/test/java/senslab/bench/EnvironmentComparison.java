package senslab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import senslab.am.ActivationMaximization;
import senslab.am.Objective;
import senslab.attribution.Target;
import senslab.data.ImageSet;
import senslab.data.Normalization;
import senslab.global.SobolAttribution;
import senslab.models.CifarNet;
import senslab.models.StagedNetwork;
import senslab.models.Vgg16;
import senslab.perturb.Delta;
import senslab.perturb.PixelSensitivity;
import senslab.train.Evaluation;
import senslab.train.Recipe;
import senslab.train.Trainer;

/**
 * The same workloads (training, inference at batch 256, Sobol and finite-difference maps, activation maximization,
 * on both networks) in child JVMs that differ only in their environment, alternated round by round, the median of
 * the rounds kept, each child's rate printed beside the first's, with its minor page faults and kernel (sys) time.
 * {@link AllocatorBench} compares allocators this way, {@link EngineRemedyBench} the engine remedies.
 */
final class EnvironmentComparison {
    private static final int ROUNDS = Integer.parseInt(System.getenv().getOrDefault("SENSLAB_BENCH_ROUNDS", "3"));
    private static final double TICKS = 100; // USER_HZ: /proc/self/stat's clock ticks per second

    private EnvironmentComparison() {
    }

    /** The child JVM: one round of every workload. */
    public static void main(String[] args) throws Exception {
        child();
    }

    /**
     * Runs the workloads once per round under each configuration (a name and the environment it changes: an empty
     * value removes a variable) and prints the medians as
     * {@code RESULT <bench> | workload | configuration | rate | ratio to the first | faults | sys} lines.
     */
    static void compare(String bench, Map<String, Map<String, String>> configurations) throws Exception {
        System.out.printf("%s: the same workloads in one child JVM per configuration, %d rounds alternated, median"
                + " kept; %d cores; load average before: %s%n", bench, ROUNDS,
                Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).trim());
        Map<String, Map<String, List<double[]>>> results = new LinkedHashMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (Map.Entry<String, Map<String, String>> candidate : configurations.entrySet()) {
                for (Map.Entry<String, double[]> workload : runChild(candidate.getValue()).entrySet()) {
                    results.computeIfAbsent(workload.getKey(), w -> new LinkedHashMap<>())
                            .computeIfAbsent(candidate.getKey(), c -> new ArrayList<>()).add(workload.getValue());
                }
            }
        }
        for (Map.Entry<String, Map<String, List<double[]>>> workload : results.entrySet()) {
            System.out.println(workload.getKey());
            double base = Double.NaN;
            for (Map.Entry<String, List<double[]>> candidate : workload.getValue().entrySet()) {
                double rate = median(candidate.getValue(), 0);
                base = Double.isNaN(base) ? rate : base;
                System.out.printf(Locale.ROOT, "RESULT %s | %-48s | %-36s | %8.2f /s | %5.2f× | %,9.0f minor"
                        + " faults | sys %5.2f s%n", bench, workload.getKey(), candidate.getKey(), rate, rate / base,
                        median(candidate.getValue(), 1), median(candidate.getValue(), 2));
            }
        }
    }

    private static Map<String, double[]> runChild(Map<String, String> settings)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder child = new ProcessBuilder(java, "-Xmx6g", "-Dai.djl.offline=true", "-cp",
                System.getProperty("java.class.path"), EnvironmentComparison.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        Map<String, String> environment = child.environment();
        settings.forEach((key, value) -> {
            if (value.isEmpty()) {
                environment.remove(key);
            } else {
                environment.put(key, value);
            }
        });
        Process process = child.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("child JVM with " + settings + " failed:\n" + output);
        }
        Map<String, double[]> rates = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("WORKLOAD ")) {
                String[] parts = line.substring(9).split("\t");
                rates.put(parts[0], new double[] {Double.parseDouble(parts[1]), Double.parseDouble(parts[2]),
                        Double.parseDouble(parts[3])});
            }
        }
        return rates;
    }

    /** One round of every workload, warm, each printed as WORKLOAD name, rate, minor faults, sys seconds. */
    private static void child() throws Exception {
        Engine.getInstance().setRandomSeed(0);
        ImageSet training = TrainSpeedBench.randomImages(12 * 64, 5);
        ImageSet inference = TrainSpeedBench.randomImages(4 * 256, 6);
        for (CifarNet net : CifarNet.values()) {
            try (StagedNetwork network = net.create()) {
                Path folder = Files.createTempDirectory("senslab-allocator");
                Recipe recipe = Recipe.paper().withEpochs(1);
                new Trainer(network, recipe, 1, Normalization.CIFAR10, folder).fit(training.first(2 * 64), null);
                new Trainer(network, recipe, 1, Normalization.CIFAR10, folder).deleteCheckpoint();
                measure(net.label() + " training, batch 64", training.size(), () -> {
                    new Trainer(network, recipe, 1, Normalization.CIFAR10, folder).fit(training, null);
                    new Trainer(network, recipe, 1, Normalization.CIFAR10, folder).deleteCheckpoint();
                });
                Files.deleteIfExists(folder);
                Evaluation.accuracy(network, inference.first(256), Normalization.CIFAR10);
                measure(net.label() + " inference, batch 256", inference.size(),
                        () -> Evaluation.accuracy(network, inference, Normalization.CIFAR10));
                try (NDManager manager = NDManager.newBaseManager()) {
                    NDArray image = image(manager);
                    SobolAttribution sobol = SobolAttribution.of(network).designs(8);
                    sobol.attribute(image, Target.classLogit(0));
                    measure(net.label() + " Sobol map, grid 8, 8 designs", 1,
                            () -> sobol.attribute(image, Target.classLogit(0)));
                }
            }
        }
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork vgg = Vgg16.cifar10()) {
            NDArray image = image(manager);
            PixelSensitivity maps = PixelSensitivity.of(vgg).delta(Delta.authors(0));
            Target blocks = Target.stages("block1", "block2", "block3", "block4", "block5");
            maps.attribute(image, Target.stages("block1"));
            measure("VGG-16 finite-difference maps, 5 blocks", 1, () -> maps.attribute(image, blocks));
            NDArray start = ActivationMaximization.noise(manager, 10, 3, 32, 32, 7);
            ActivationMaximization am = ActivationMaximization.paperTv(vgg, Normalization.CIFAR10,
                    Objective.classLogit(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)).steps(20).quiet();
            am.steps(2).run(start);
            measure("VGG-16 activation maximization, 10 images × 20 steps", 10, () -> am.run(start));
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private static void measure(String name, int items, Work work) throws Exception {
        long[] before = stat();
        long start = System.nanoTime();
        work.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] after = stat();
        System.out.printf(Locale.ROOT, "WORKLOAD %s\t%.6f\t%d\t%.2f%n", name, items / seconds, after[0] - before[0],
                (after[1] - before[1]) / TICKS);
    }

    private static NDArray image(NDManager manager) {
        float[] pixels = new float[3 * 32 * 32];
        Random random = new Random(11);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextFloat();
        }
        return manager.create(pixels, new Shape(1, 3, 32, 32));
    }

    /** Minor page faults and kernel time (clock ticks) of this process so far. */
    private static long[] stat() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(fields[7]), Long.parseLong(fields[12])};
    }

    private static double median(List<double[]> runs, int field) {
        double[] values = runs.stream().mapToDouble(run -> run[field]).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
