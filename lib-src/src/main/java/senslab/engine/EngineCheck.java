package senslab.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Checks, once per JVM, that the engine computes right what the library's results rest on: convolutions
 * (forward, backward-data, backward-weights), linear layers, max and average pooling, batch norm in both modes,
 * ReLU and tanh, each a small case run {@value #RUNS} times and compared with a double-precision reference
 * written in plain Java ({@link Reference}), within float32's tolerance.
 *
 * <p>Why: on some x86 hosts (virtual machines that hide the CPU's cache topology) oneDNN v3.7.1 returns wrong,
 * run-dependent convolution results for some channel counts, silently ({@code ../shared/repro/ConvGrad.java}).
 * The engine DJL hands out ({@code Engine.getInstance()}, through {@link CheckedPyTorchProvider}) runs this check
 * before its first use and refuses to work when it fails, so no map, training step or AM step computes on a wrong
 * engine, nor does a user's own code; {@link #verdict()} says what was found, {@link EngineVerdict#report()} what
 * to do, and {@link Remedy} what the project does about it.
 */
public final class EngineCheck {
    /** Largest error allowed, relative to a result's largest value: float32 sums of these sizes stay under 1e-6. */
    static final double TOLERANCE = 1e-4;
    /** Runs of each case: a run-dependent answer shows as a difference between them. */
    static final int RUNS = 3;
    private static final Path CPU0_CACHES = Path.of("/sys/devices/system/cpu/cpu0/cache");

    private static final Object LOCK = new Object();
    private static volatile EngineVerdict verdict;
    private static boolean running;

    private EngineCheck() {
    }

    /** This JVM's verdict, checking the engine first if that has not been done yet; never throws for a failure. */
    public static EngineVerdict verdict() {
        EngineVerdict known = verdict;
        return known != null ? known : checkOnce();
    }

    /** Throws {@link EngineDefectException}, naming the failing cases and the fix, if the engine is wrong here. */
    public static void require() {
        EngineVerdict known = verdict != null ? verdict : checkOnce();
        if (known != null && !known.passed()) {
            throw new EngineDefectException(known);
        }
    }

    /** Prints the verdict (and what to do if it failed); exits with 1 if it failed. */
    public static void main(String[] args) {
        EngineVerdict found = verdict();
        System.out.println(found.report());
        System.exit(found.passed() ? 0 : 1);
    }

    /** The verdict, or null while the check itself is running on this thread (its own calls to the engine). */
    private static EngineVerdict checkOnce() {
        synchronized (LOCK) {
            if (verdict == null && !running) {
                running = true;
                try {
                    verdict = run(CheckCases.all());
                } finally {
                    running = false;
                }
            }
            return verdict;
        }
    }

    /**
     * Runs {@code cases} on the engine and compares them with their references. The time reported is the check's
     * own: the engine is loaded first (in the JVM's normal course that happens before the check anyway).
     */
    static EngineVerdict run(List<CheckCase> cases) {
        Engine engine = Engine.getInstance();
        long start = System.nanoTime();
        float[][][][] got = new float[RUNS][][][];
        try (NDManager manager = engine.newBaseManager()) {
            for (int run = 0; run < RUNS; run++) {
                got[run] = onEngine(engine, manager, cases);
            }
        }
        List<String> failures = new ArrayList<>();
        List<String> irreproducible = new ArrayList<>();
        for (int c = 0; c < cases.size(); c++) {
            CheckCase checked = cases.get(c);
            double[][] expected = checked.expected();
            List<String> results = checked.resultNames();
            String failure = null;
            boolean differs = false;
            for (int run = 0; run < RUNS; run++) {
                for (int k = 0; k < results.size() && failure == null; k++) {
                    double error = relativeError(got[run][c][k], expected[k]);
                    if (!(error <= TOLERANCE)) {
                        failure = String.format(Locale.ROOT, "%s: %s %s (float32 tolerance %.0e), run %d of %d",
                                checked.name(), results.get(k), Double.isNaN(error) ? "is NaN"
                                        : String.format(Locale.ROOT, "off by %.1e of its largest value", error),
                                TOLERANCE, run + 1, RUNS);
                    }
                }
                differs |= !Arrays.deepEquals(got[0][c], got[run][c]);
            }
            if (failure != null) {
                failures.add(differs ? failure + ", and other runs give other results" : failure);
            } else if (differs) {
                irreproducible.add(checked.name());
            }
        }
        return new EngineVerdict(engine.getEngineName() + " " + engine.getVersion(), device(engine),
                instructions(), JniUtils.getNumThreads(), cacheTopology(), Remedy.inEffect(), cases.size(), RUNS,
                failures, irreproducible, (System.nanoTime() - start) / 1e9);
    }

    /** One run of every case, together: their forward passes, one backward pass, the results read once. */
    private static float[][][] onEngine(Engine engine, NDManager manager, List<CheckCase> cases) {
        try (NDManager scope = manager.newSubManager();
                GradientCollector collector = engine.newGradientCollector()) {
            List<NDList> passes = new ArrayList<>();
            NDArray loss = null;
            for (CheckCase checked : cases) {
                NDList pass = checked.forward(scope);
                passes.add(pass);
                NDArray own = checked.loss(pass, scope);
                loss = loss == null ? own : loss.add(own);
            }
            if (loss != null) {
                collector.backward(loss);
            }
            float[][][] results = new float[cases.size()][][];
            for (int c = 0; c < cases.size(); c++) {
                results[c] = cases.get(c).results(passes.get(c));
            }
            return results;
        }
    }

    /** max |got − expected| / max |expected|: NaN if anything is NaN. */
    static double relativeError(float[] got, double[] expected) {
        if (got.length != expected.length) {
            return Double.NaN;
        }
        double error = 0;
        double largest = 0;
        for (int i = 0; i < got.length; i++) {
            double difference = Math.abs(got[i] - expected[i]);
            if (Double.isNaN(difference)) {
                return Double.NaN;
            }
            error = Math.max(error, difference);
            largest = Math.max(largest, Math.abs(expected[i]));
        }
        return largest == 0 ? error : error / largest;
    }

    private static String device(Engine engine) {
        return engine.getGpuCount() > 0 ? "GPU (" + engine.defaultDevice() + ")" : "CPU";
    }

    private static String instructions() {
        String cap = System.getenv("ONEDNN_MAX_CPU_ISA");
        return "ATen " + LibTorch.cpuCapability() + ", oneDNN " + LibTorch.onednnVersion()
                + (cap == null || cap.isBlank() ? "" : " capped at " + cap);
    }

    /** What oneDNN is told of the caches: by the CPU, by the preloaded library, or nothing. */
    private static String cacheTopology() {
        String state = System.getenv(Remedy.CACHES_STATE);
        if ("presented".equals(state)) {
            return "presented by libsenslab-cpucaches.so";
        }
        if ("hidden".equals(state)) {
            return "hidden by SENSLAB_CPU_CACHES=hide, emulating a host that hides them";
        }
        return Files.isDirectory(CPU0_CACHES.resolve("index0")) ? "shown by the CPU"
                : "hidden by the host (" + CPU0_CACHES + " lists none)";
    }
}
