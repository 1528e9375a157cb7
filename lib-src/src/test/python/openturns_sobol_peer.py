"""OpenTURNS peer for SobolBench: the same Sobol workload on the same diabetes network.

Usage: python3 openturns_sobol_peer.py NETWORK.json N RESAMPLES

NETWORK.json holds the trained network (Linear -> BatchNorm -> ReLU -> Linear -> BatchNorm -> sigmoid, in
inference mode) and the input bounds, written by SobolBench. The network is evaluated with numpy in one
batched call per design (the fastest a Python user would write it). Saltelli sampling with second order
(N * (2d + 2) rows), Saltelli estimators, bootstrap intervals with RESAMPLES resamples, OpenTURNS' TBB threads and
OpenBLAS set to the bench's thread budget.
The work `pipeline` (see peer_runtime.py) runs it all once and prints
"sampling=<s> evaluation=<s> analysis=<s> total=<s> rows=<n>" and the S1 / ST values.
"""
import json
import sys
import time

import numpy as np
import openturns as ot
import peer_runtime


def network(spec):
    w1, b1 = np.array(spec["w1"]), np.array(spec["b1"])
    w2, b2 = np.array(spec["w2"]), np.array(spec["b2"])
    bn1 = [np.array(spec["bn1"][k]) for k in ("gamma", "beta", "mean", "var")]
    bn2 = [np.array(spec["bn2"][k]) for k in ("gamma", "beta", "mean", "var")]
    eps = spec["eps"]

    def batch_norm(h, bn):
        gamma, beta, mean, var = bn
        return (h - mean) / np.sqrt(var + eps) * gamma + beta

    def forward(x):
        h = np.maximum(batch_norm(x @ w1.T + b1, bn1), 0.0)
        o = batch_norm(h @ w2.T + b2, bn2)
        return 1.0 / (1.0 + np.exp(-o))

    return forward


def main():
    spec = json.load(open(sys.argv[1]))
    n = int(sys.argv[2])
    resamples = int(sys.argv[3])
    forward = network(spec)
    d = len(spec["low"])

    class Net(ot.OpenTURNSPythonFunction):
        def __init__(self):
            super().__init__(d, 1)

        def _exec_sample(self, x):
            return forward(np.asarray(x)).reshape(-1, 1)

    model = ot.Function(Net())
    distribution = ot.ComposedDistribution([ot.Uniform(lo, hi) for lo, hi in zip(spec["low"], spec["high"])])
    ot.ResourceMap.SetAsUnsignedInteger("SobolIndicesAlgorithm-DefaultBootstrapSize", resamples)
    ot.RandomGenerator.SetSeed(0)

    ot.TBB.SetThreadsNumber(peer_runtime.threads())
    peer_runtime.set_blas_threads(peer_runtime.threads())

    def pipeline():
        start = time.perf_counter()
        experiment = ot.SobolIndicesExperiment(distribution, n, True)
        design = experiment.generate()
        sampled = time.perf_counter()
        output = model(design)
        evaluated = time.perf_counter()
        algorithm = ot.SaltelliSensitivityAlgorithm(design, output, n)
        s1 = algorithm.getFirstOrderIndices()
        st = algorithm.getTotalOrderIndices()
        algorithm.getSecondOrderIndices()
        algorithm.getFirstOrderIndicesInterval()
        algorithm.getTotalOrderIndicesInterval()
        done = time.perf_counter()
        print("sampling=%.4f evaluation=%.4f analysis=%.4f total=%.4f rows=%d"
              % (sampled - start, evaluated - sampled, done - evaluated, done - start, design.getSize()))
        print("S1=" + " ".join("%.4f" % v for v in s1))
        print("ST=" + " ".join("%.4f" % v for v in st))

    peer_runtime.serve(f"OpenTURNS {ot.__version__} (TBB {ot.TBB.GetThreadsNumber()} threads), numpy network",
                       {"pipeline": pipeline})


if __name__ == "__main__":
    main()
