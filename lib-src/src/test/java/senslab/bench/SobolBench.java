package senslab.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
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
 * 100-resample intervals): sampling, evaluation, analysis and total, median of several runs; the full
 * convergence study N = 128 … 65,536; and the same workload through OpenTURNS when it is installed.
 * Reference figures on these 2 cores (GUIDE §5): SALib batched 10.8 s, OpenTURNS 3.3 s.
 */
public final class SobolBench {
    private static final int N = 65_536;
    private static final int RUNS = 5;

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        DiabetesData data = DiabetesData.load();
        Problem problem = Problem.spanning(DiabetesData.FEATURES, data.studiedFeatures());
        try (NDManager manager = NDManager.newBaseManager()) {
            DiabetesNet net = DiabetesTraining.train(manager, data, DiabetesData.FEATURES,
                    FullBatchTraining.of(TrainingRecipe.paper()), 0).net();
            System.out.printf("Sobol pipeline on the diabetes network, N = %,d, second order (%,d evaluations), "
                    + "100 resamples; median of %d runs%n", N, (long) N * 18, RUNS);
            BatchFunction folded = net.inference();
            double[] ours = pipeline(problem, folded, "ours, network folded to plain Java");
            double[] djl;
            try (DjlModel model = DjlModel.of(net.block())) {
                djl = pipeline(problem, model, "ours, DJL block (PyTorch)");
                System.out.printf("convergence study N = 128 … %,d (one sample, 10 analyses): %.3f s folded, "
                        + "%.3f s DJL block%n", N, convergence(problem, folded), convergence(problem, model));
            }
            peer(problem, net, ours[3], djl[3]);
        }
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

    /** Median seconds of sampling, evaluation, analysis and total. */
    private static double[] pipeline(Problem problem, BatchFunction model, String label) {
        Sobol.of(problem).samples(4096).run(model); // warm-up: JIT and engine
        List<double[]> times = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            long t0 = System.nanoTime();
            SaltelliSample sample = Saltelli.sample(problem, N, true);
            long t1 = System.nanoTime();
            double[] y = sample.evaluate(model);
            long t2 = System.nanoTime();
            SobolAnalysis.analyze(problem, y, true, SobolOptions.DEFAULT.withSeed(run));
            long t3 = System.nanoTime();
            times.add(new double[] {(t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t3 - t0) / 1e9});
        }
        double[] median = new double[4];
        for (int c = 0; c < 4; c++) {
            int column = c;
            median[c] = times.stream().mapToDouble(t -> t[column]).sorted().toArray()[RUNS / 2];
        }
        System.out.printf("%-36s sampling %.3f s, evaluation %.3f s, analysis %.3f s, total %.3f s%n", label + ":",
                median[0], median[1], median[2], median[3]);
        return median;
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

    /** OpenTURNS on the same network and workload, through python3, when installed. */
    private static void peer(Problem problem, DiabetesNet net, double oursTotal, double djlTotal) throws IOException,
            InterruptedException {
        Path spec = Files.createTempFile("sobol-bench-net", ".json");
        try {
            Files.writeString(spec, networkJson(problem, net));
            Optional<List<String>> peer = PythonPeer.openturns().run("openturns_sobol_peer.py", spec.toString(),
                    String.valueOf(N), "100");
            if (peer.isEmpty()) {
                return;
            }
            String line = peer.get().stream().filter(l -> l.startsWith("sampling=")).findFirst().orElse("");
            double total = Double.parseDouble(line.replaceAll(".*total=([0-9.]+).*", "$1"));
            double[] t =
                    Arrays.stream(line.replaceAll("[a-z]+=", "").trim().split("\\s+")).mapToDouble(Double::parseDouble)
                    .toArray();
            System.out.printf("%-36s sampling %.3f s, evaluation %.3f s, analysis %.3f s, total %.3f s%n",
                    "peer OpenTURNS 1.20 (numpy network):", t[0], t[1], t[2], t[3]);
            System.out.printf("ratio OpenTURNS / ours (total): %.1f× folded, %.1f× DJL block   (GUIDE, idle machine: "
                    + "OpenTURNS 3.3 s, SALib batched 10.8 s)%n", total / oursTotal, total / djlTotal);
        } finally {
            Files.deleteIfExists(spec);
        }
    }

    /** The trained network's parameters (inference mode) and the input bounds, for the Python peer. */
    private static String networkJson(Problem problem, DiabetesNet net) {
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
