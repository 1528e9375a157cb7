package senslab.bench;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import senslab.data.DiabetesData;
import senslab.models.DiabetesNet;
import senslab.sobol.Dgsm;
import senslab.sobol.DjlModel;
import senslab.sobol.GivenData;
import senslab.sobol.Morris;
import senslab.sobol.Problem;
import senslab.sobol.Sobol;

/**
 * Issue 22's goals on the diabetes network, ours and the peer's alternated in one run (SideBySide: a warm-up each,
 * then the median of the same number of runs), on the same cores: Sobol of k = 10 outputs (the hidden units) against
 * k = 1 (the output) from one forward pass, N = 65,536 with second order and 100 resamples (OpenTURNS' Saltelli
 * estimator on the same design size); given-data indices of 100,000 rows × 8 inputs (our S1 and δ; the peer's S1 in
 * NumPy, as OpenTURNS 1.20 has no given-data estimator); DGSM from 65,536 gradients (PyTorch autograd as the peer);
 * Morris screening (no Debian peer).
 */
public final class EstimatorsBench {
    private static final int N = 65_536;

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        DiabetesData data = DiabetesData.load();
        Problem problem = Problem.spanning(DiabetesData.FEATURES, data.studiedFeatures());
        try (NDManager manager = NDManager.newBaseManager()) {
            DiabetesNet net = SobolBench.paperNetwork(manager, data);
            Path spec = Files.createTempFile("estimators-bench-net", ".json");
            Files.writeString(spec, SobolBench.networkJson(problem, net));
            PythonPeer peer = PythonPeer.start("openturns", "python3-openturns", "estimators_peer.py",
                    spec.toString(), String.valueOf(N)).orElse(null);
            Report.side("ours", Report.engine());
            if (peer != null) {
                Report.side("peer", peer.runtime());
            }
            List<String> hidden = new ArrayList<>();
            for (int u = 1; u <= 10; u++) {
                hidden.add("hidden " + u);
            }
            try (DjlModel output = DjlModel.of(net.block());
                    DjlModel units = DjlModel.of((store, x) -> new NDList(net.network().forwardAll(store, x, false)
                            .get(1)))) {
                SideBySide.Times one = SideBySide.time(1, () -> seconds(() -> Sobol.of(problem).samples(N)
                        .run(output)), work(peer, "sobol-k1"));
                SideBySide.Times ten = SideBySide.time(1, () -> seconds(() -> Sobol.of(problem).samples(N)
                        .run(units.outputs(hidden))), work(peer, "sobol-k10"));
                Report.result("EstimatorsBench/sobol-k1", String.format("Sobol, N = %,d, second order, 100 resamples,"
                        + " k = 1 output", N), seconds(one.ourMedian()), "OpenTURNS", seconds(one.peerMedian()),
                        one.speedUp(), Double.NaN);
                Report.result("EstimatorsBench/sobol-k10", "the same, k = 10 outputs from one forward pass",
                        seconds(ten.ourMedian()), "OpenTURNS", seconds(ten.peerMedian()), ten.speedUp(), 1.0);
                Report.line("EstimatorsBench/outputs-cost", "k = 10 against k = 1, time ratio",
                        String.format("%.2f", ten.ourMedian() / one.ourMedian()), String.format("OpenTURNS %.2f",
                                ten.peerMedian() / one.peerMedian()), String.format("goal ≤ 1.2: %s",
                                ten.ourMedian() / one.ourMedian() <= 1.2 ? "met" : "MISSED"));
                SideBySide.Times dgsm = SideBySide.time(1, () -> seconds(() -> Dgsm.of(problem).samples(N)
                        .run(output)), work(peer, "dgsm"));
                Report.result("EstimatorsBench/dgsm", String.format("DGSM from %,d gradients of the network (ours with"
                        + " 100-resample intervals and the bound; the peer autograd and ν only)", N),
                        seconds(dgsm.ourMedian()) + (dgsm.ourMedian() <= 0.5 ? " (goal ≤ 0.5 s met)"
                                : " (goal ≤ 0.5 s MISSED)"), "PyTorch", seconds(dgsm.peerMedian()), dgsm.speedUp(),
                        Double.NaN);
                SideBySide.Times morris = SideBySide.time(1, () -> seconds(() -> Morris.of(problem).trajectories(50)
                        .optimized(500).run(output)), null);
                Report.line("EstimatorsBench/morris", "Morris, 50 trajectories picked among 500 (450 runs)",
                        seconds(morris.ourMedian()), "no Debian peer", "-");
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
            net.inference().evaluate(flat, x.length, problem.inputs(), y);
            SideBySide.Times given = SideBySide.time(1, () -> seconds(() -> GivenData.of(problem.names(), x,
                    List.of("output"), new double[][] {y}).run()), work(peer, "given-data"));
            Report.result("EstimatorsBench/given-data", "given-data indices, 100,000 rows × 8 inputs, 100 resamples"
                    + " (ours S1 and δ, the peer S1 only, in NumPy)", seconds(given.ourMedian())
                    + (given.ourMedian() <= 1 ? " (goal ≤ 1 s met)" : " (goal ≤ 1 s MISSED)"), "NumPy",
                    seconds(given.peerMedian()), given.speedUp(), 1.0);
            if (peer != null) {
                peer.close();
            }
            Files.deleteIfExists(spec);
        }
    }

    private static SideBySide.Run work(PythonPeer peer, String name) {
        return peer == null ? null : () -> peer.seconds(name);
    }

    private static double seconds(Supplier<?> work) {
        long start = System.nanoTime();
        work.get();
        return (System.nanoTime() - start) / 1e9;
    }

    private static String seconds(double value) {
        return String.format("%.3f s", value);
    }
}
