package senslab.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import senslab.Project;
import senslab.data.DiabetesData;
import senslab.models.DiabetesNet;
import senslab.function.BatchFunction;
import senslab.sobol.Convergence;
import senslab.sobol.DjlModel;
import senslab.sobol.Problem;
import senslab.sobol.Saltelli;
import senslab.sobol.SaltelliSample;
import senslab.sobol.Sobol;
import senslab.sobol.SobolAnalysis;
import senslab.sobol.SobolOptions;
import senslab.train.DiabetesTraining;
import senslab.train.FullBatchTraining;
import senslab.train.TrainingRecipe;

/**
 * The paper's Sobol pipeline on the diabetes network (N = 65,536, second order: 1,179,648 evaluations,
 * 100-resample intervals): sampling, evaluation, analysis and total; ours with the network folded to plain Java and
 * as a DJL block, each alternated with OpenTURNS on the same network and workload ({@code openturns_sobol_peer.py},
 * numpy evaluation, warm: a warm-up run, then the median of the same number of runs as ours, {@link SideBySide}).
 * Goal: ≥ 6× OpenTURNS. Also the full convergence study N = 128 … 65,536 and the authors' TorchScript model.
 * SALib, the authors' tool, cannot be installed here (it is not packaged by Debian): its figures are quoted from
 * GUIDE.md §5, another machine and day, and given no ratio.
 */
public final class SobolBench {
    private static final int N = 65_536;

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        DiabetesData data = DiabetesData.load();
        Problem problem = Problem.spanning(DiabetesData.FEATURES, data.studiedFeatures());
        System.out.printf("SobolBench: Sobol pipeline on the diabetes network, N = %,d, second order (%,d evaluations),"
                + " 100 resamples; load average before: %s%n", N, (long) N * 18,
                Files.readString(Path.of("/proc/loadavg")).trim());
        try (NDManager manager = NDManager.newBaseManager()) {
            DiabetesNet net = paperNetwork(manager, data);
            Report.side("ours, folded", Report.java());
            Report.side("ours, DJL block", Report.engine());
            Path spec = Files.createTempFile("sobol-bench-net", ".json");
            Files.writeString(spec, networkJson(problem, net));
            Optional<PythonPeer> started = PythonPeer.start("openturns", "python3-openturns", "openturns_sobol_peer.py",
                    spec.toString(), String.valueOf(N), "100");
            PythonPeer peer = started.orElse(null);
            try (DjlModel model = DjlModel.of(net.block())) {
                if (peer != null) {
                    Report.side("OpenTURNS", peer.runtime());
                }
                BatchFunction folded = net.inference();
                compare(problem, folded, "folded", "network folded to plain Java", peer);
                compare(problem, model, "djl-block", "network as a DJL block (PyTorch)", peer);
                System.out.printf("convergence study N = 128 … %,d (one sample, 10 analyses): %.3f s folded, "
                        + "%.3f s DJL block%n", N, convergence(problem, folded), convergence(problem, model));
            } finally {
                if (peer != null) {
                    peer.close();
                }
                Files.deleteIfExists(spec);
            }
        }
        System.out.println("SALib (the authors' tool; not installable here, no ratio): quoted, GUIDE.md §5: batched"
                + " 10.8 s, one model call per row ≈ 41 s, on 2 cores of another day's machine");
        Path pt = Project.shared().resolve("data/paper-diabetes-model/diabetes_ffn_paper.pt");
        if (Files.isRegularFile(pt)) {
            try (DjlModel authors = DjlModel.torchScript(pt)) {
                SaltelliSample sample = Saltelli.sample(problem, N, true);
                sample.evaluate(authors);
                long t = System.nanoTime();
                sample.evaluate(authors);
                System.out.printf("evaluation of the authors' TorchScript model (%,d rows): %.3f s%n", sample.rows(),
                        (System.nanoTime() - t) / 1e9);
            }
        }
    }

    /** The diabetes network trained with the paper's recipe from seed 0, parameters owned by {@code manager}. */
    static DiabetesNet paperNetwork(NDManager manager, DiabetesData data) {
        return DiabetesTraining.train(manager, data, DiabetesData.FEATURES,
                FullBatchTraining.of(TrainingRecipe.paper()), 0).net();
    }

    /** One of our ways against OpenTURNS, alternated, with the median split of ours. */
    private static void compare(Problem problem, BatchFunction model, String key, String label, PythonPeer peer)
            throws Exception {
        Sobol.of(problem).samples(4096).run(model); // JIT and engine, before the warm-up run proper
        List<double[]> splits = new ArrayList<>();
        int[] seed = {0};
        SideBySide.Times times = SideBySide.time(1, () -> {
            double[] split = pipeline(problem, model, seed[0]++);
            splits.add(split);
            return split[3];
        }, peer == null ? null : () -> peer.seconds("pipeline"));
        Report.result("SobolBench/" + key, String.format("Sobol pipeline, diabetes net, N = %,d, second order, 100"
                + " resamples; ours: %s", N, label), String.format("%.3f s", times.ourMedian()), "OpenTURNS",
                String.format("%.3f s", times.peerMedian()), times.speedUp(), 6);
        double[] median = new double[4];
        List<double[]> timed = splits.subList(1, splits.size());
        for (int c = 0; c < 4; c++) {
            int column = c;
            median[c] = SideBySide.median(timed.stream().mapToDouble(t -> t[column]).toArray());
        }
        System.out.printf("  (%s) ours: sampling %.3f s, evaluation %.3f s, analysis %.3f s%n",
                Report.statistic(1, times), median[0], median[1], median[2]);
        if (peer != null) {
            peer.lastLines().stream().filter(l -> l.startsWith("sampling=")).findFirst()
                    .ifPresent(l -> System.out.println("  OpenTURNS' last run: " + l));
        }
    }

    /** Seconds of sampling, evaluation, analysis and total of one run. */
    private static double[] pipeline(Problem problem, BatchFunction model, int seed) {
        long t0 = System.nanoTime();
        SaltelliSample sample = Saltelli.sample(problem, N, true);
        long t1 = System.nanoTime();
        double[] y = sample.evaluate(model);
        long t2 = System.nanoTime();
        SobolAnalysis.analyze(problem, y, true, SobolOptions.DEFAULT.withSeed(seed));
        long t3 = System.nanoTime();
        return new double[] {(t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t3 - t0) / 1e9};
    }

    private static double convergence(Problem problem, BatchFunction model) {
        double[] times = new double[3];
        for (int run = 0; run < times.length; run++) {
            long t = System.nanoTime();
            Convergence c = Sobol.of(problem).samples(N).convergence(model, 128);
            times[run] = (System.nanoTime() - t) / 1e9;
            if (c.sizes().length != 10) {
                throw new IllegalStateException("expected 10 sizes, got " + Arrays.toString(c.sizes()));
            }
        }
        Arrays.sort(times);
        return times[1];
    }

    /** The trained network's parameters (inference mode) and the input bounds, for the Python peer. */
    static String networkJson(Problem problem, DiabetesNet net) {
        List<float[]> weights = new ArrayList<>();
        List<float[]> biases = new ArrayList<>();
        List<float[]> norms = new ArrayList<>();
        for (Pair<String, Parameter> p : net.block().getParameters()) {
            float[] v = p.getValue().getArray().toFloatArray();
            switch (p.getValue().getType()) {
                case WEIGHT -> weights.add(v);
                case BIAS -> biases.add(v);
                default -> norms.add(v); // gamma, beta, running mean, running var of each BatchNorm in order
            }
        }
        StringBuilder s = new StringBuilder("{");
        s.append("\"w1\":").append(matrix(weights.get(0), 10)).append(',');
        s.append("\"b1\":").append(Arrays.toString(biases.get(0))).append(',');
        s.append("\"w2\":").append(matrix(weights.get(1), 1)).append(',');
        s.append("\"b2\":").append(Arrays.toString(biases.get(1))).append(',');
        s.append("\"bn1\":").append(norm(norms.subList(0, 4))).append(',');
        s.append("\"bn2\":").append(norm(norms.subList(4, 8))).append(',');
        s.append("\"eps\":1e-5,");
        double[] low = new double[problem.inputs()];
        double[] high = new double[problem.inputs()];
        for (int i = 0; i < low.length; i++) {
            low[i] = problem.low(i);
            high[i] = problem.high(i);
        }
        s.append("\"low\":").append(Arrays.toString(low)).append(",\"high\":").append(Arrays.toString(high));
        return s.append('}').toString();
    }

    private static String matrix(float[] flat, int rows) {
        int columns = flat.length / rows;
        List<String> out = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            out.add(Arrays.toString(Arrays.copyOfRange(flat, r * columns, (r + 1) * columns)));
        }
        return out.toString();
    }

    private static String norm(List<float[]> p) {
        return "{\"gamma\":" + Arrays.toString(p.get(0)) + ",\"beta\":" + Arrays.toString(p.get(1)) + ",\"mean\":"
                + Arrays.toString(p.get(2)) + ",\"var\":" + Arrays.toString(p.get(3)) + "}";
    }
}
