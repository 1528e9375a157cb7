package senslab.bench;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import senslab.data.DiabetesData;
import senslab.function.BatchFunction;
import senslab.models.DiabetesNet;
import senslab.sobol.Dgsm;
import senslab.sobol.DjlModel;
import senslab.sobol.GivenData;
import senslab.sobol.Morris;
import senslab.sobol.Problem;
import senslab.sobol.Sobol;

/**
 * Issue 22's goals on the diabetes network, ours and the peer's side by side in one run, warm, median of
 * {@value #RUNS} runs each, on the same cores: Sobol of k = 10 outputs (the hidden units) against k = 1 (the output)
 * from one forward pass, N = 65,536 with second order and 100 resamples (OpenTURNS' Saltelli estimator on the same
 * design size); given-data indices of 100,000 rows × 8 inputs (our S1 and δ; the peer's S1 in NumPy, as OpenTURNS
 * 1.20 has no given-data estimator); DGSM from 65,536 gradients (PyTorch autograd as the peer); Morris screening
 * (no Debian peer).
 */
public final class EstimatorsBench {
    private static final int N = 65_536;
    private static final int RUNS = 5;

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        DiabetesData data = DiabetesData.load();
        Problem problem = data.problem();
        try (NDManager manager = NDManager.newBaseManager()) {
            DiabetesNet net = SobolBench.paperNetwork(manager, data);
            List<String> hidden = new ArrayList<>();
            for (int u = 1; u <= 10; u++) {
                hidden.add("hidden " + u);
            }
            double one;
            double ten;
            double given;
            double dgsm;
            try (DjlModel output = DjlModel.of(net.block());
                    DjlModel units = DjlModel.of((store, x) -> new NDList(net.network().forwardAll(store, x, false)
                            .get(1)))) {
                one = median(() -> Sobol.of(problem).samples(N).run(output));
                ten = median(() -> Sobol.of(problem).samples(N).run(units.outputs(hidden)));
                dgsm = median(() -> Dgsm.of(problem).samples(N).run(output));
                double morris = median(() -> Morris.of(problem).trajectories(50).optimized(500).run(output));
                System.out.printf("ours: Sobol N = %,d, DJL network: k = 1 %.3f s, k = 10 %.3f s, ratio %.2f (goal ≤ 1.2)%n",
                        N, one, ten, ten / one);
                System.out.printf("ours: DGSM of the network from %,d gradients (autograd): %.3f s (goal ≤ 0.5 s)%n", N,
                        dgsm);
                System.out.printf("ours: Morris, 50 trajectories picked among 500 (450 runs): %.3f s (no Debian peer)%n",
                        morris);
            }
            double[][] x = new double[100_000][problem.inputs()];
            SplittableRandom random = new SplittableRandom(0);
            double[] flat = new double[x.length * problem.inputs()];
            for (int r = 0; r < x.length; r++) {
                for (int j = 0; j < problem.inputs(); j++) {
                    x[r][j] = problem.low(j) + random.nextDouble() * (problem.high(j) - problem.low(j));
                    flat[r * problem.inputs() + j] = x[r][j];
                }
            }
            double[] y = new double[x.length];
            BatchFunction folded = net.inference();
            folded.evaluate(flat, x.length, problem.inputs(), y);
            given = median(() -> GivenData.of(problem.names(), x, List.of("output"), new double[][] {y}).run());
            System.out.printf("ours: given-data S1 and δ, 100,000 rows × 8 inputs, 100 resamples: %.3f s (goal ≤ 1 s)%n",
                    given);
            peer(problem, net, one, ten, given, dgsm);
        }
    }

    private static double median(Supplier<?> work) {
        work.get();
        double[] t = new double[RUNS];
        for (int r = 0; r < RUNS; r++) {
            long start = System.nanoTime();
            work.get();
            t[r] = (System.nanoTime() - start) / 1e9;
        }
        java.util.Arrays.sort(t);
        return t[RUNS / 2];
    }

    private static void peer(Problem problem, DiabetesNet net, double one, double ten, double given, double dgsm)
            throws Exception {
        Path spec = Files.createTempFile("estimators-bench-net", ".json");
        try {
            Files.writeString(spec, SobolBench.networkJson(problem, net));
            Optional<List<String>> lines = PythonPeer.openturns().run("estimators_peer.py", spec.toString(),
                    String.valueOf(N), String.valueOf(RUNS));
            if (lines.isEmpty()) {
                return;
            }
            List<String> out = lines.get();
            out.stream().filter(l -> l.startsWith("PEER") || l.startsWith("BLAS")).forEach(System.out::println);
            double peerOne = PythonPeer.value(out, "SOBOL_K1");
            double peerTen = PythonPeer.value(out, "SOBOL_K10");
            System.out.printf("peer OpenTURNS Saltelli: k = 1 %.3f s, k = 10 %.3f s, ratio %.2f; OpenTURNS / ours: "
                    + "%.1f× (k = 1), %.1f× (k = 10)%n", peerOne, peerTen, peerTen / peerOne, peerOne / one,
                    peerTen / ten);
            double peerGiven = PythonPeer.value(out, "GIVEN_DATA");
            System.out.printf("peer NumPy given-data S1 (S1 only): %.3f s; peer / ours (S1 and δ): %.1f×%n", peerGiven,
                    peerGiven / given);
            out.stream().filter(l -> l.startsWith("DGSM")).findFirst().ifPresent(l -> {
                if (l.startsWith("DGSM ")) {
                    double peerDgsm = Double.parseDouble(l.split("\\s+")[1]);
                    System.out.printf("peer PyTorch autograd DGSM: %.3f s (%s); peer / ours: %.1f×%n", peerDgsm,
                            l.substring(l.indexOf("torch")), peerDgsm / dgsm);
                } else {
                    System.out.println(l);
                }
            });
        } finally {
            Files.deleteIfExists(spec);
        }
    }
}
