"""Peers for EstimatorsBench: the same workloads as ours, kept warm and timed one run at a time by the bench
(peer_runtime.py), on the bench's thread budget.

Usage: python3 estimators_peer.py NETWORK.json N

- many outputs: OpenTURNS' SaltelliSensitivityAlgorithm on the diabetes network's output (k = 1) and on its ten
  hidden units (k = 10) from one Saltelli design (N base points, second order, 100 bootstrap resamples);
- given data: the same binned first-order estimator as ours (equal-count classes by rank, bias-corrected
  between-class variance, 100 bootstrap resamples) in NumPy, on 100,000 rows x 8 inputs (OpenTURNS 1.20 has no
  given-data first-order estimator: RankSobolSensitivityAlgorithm came in 1.21);
- DGSM: the network's input gradient at N points by PyTorch autograd, and nu_j = mean of its squares.
Works: `sobol-k1`, `sobol-k10`, `given-data`, `dgsm` (the last only where PyTorch is installed).
"""
import json
import sys

import numpy as np
import peer_runtime


def network(spec):
    w1, b1 = np.array(spec["w1"]), np.array(spec["b1"])
    w2, b2 = np.array(spec["w2"]), np.array(spec["b2"])
    bn = [[np.array(spec[n][k]) for k in ("gamma", "beta", "mean", "var")] for n in ("bn1", "bn2")]
    eps = spec["eps"]

    def norm(h, p):
        gamma, beta, mean, var = p
        return (h - mean) / np.sqrt(var + eps) * gamma + beta

    def hidden(x):
        return np.maximum(norm(x @ w1.T + b1, bn[0]), 0.0)

    def output(x):
        return 1.0 / (1.0 + np.exp(-norm(hidden(x) @ w2.T + b2, bn[1])))

    return hidden, output


def given_data_s1(x, y, resamples, rng):
    n, d = x.shape
    m = int(round(np.sqrt(n)))
    classes = np.empty((d, n), dtype=np.int64)
    for j in range(d):
        classes[j, np.argsort(x[:, j], kind="stable")] = np.arange(n) * m // n

    def s1(w):
        total = w.sum()
        mean = (w * y).sum() / total
        out = np.empty(d)
        for j in range(d):
            count = np.bincount(classes[j], weights=w, minlength=m)
            sums = np.bincount(classes[j], weights=w * y, minlength=m)
            squares = np.bincount(classes[j], weights=w * y * y, minlength=m)
            occupied = count > 0
            class_mean = sums[occupied] / count[occupied]
            between = (count[occupied] * (class_mean - mean) ** 2).sum()
            within = (squares[occupied] - count[occupied] * class_mean ** 2).sum()
            k = occupied.sum()
            out[j] = (between - (k - 1) * within / (total - k)) / (between + within)
        return out

    value = s1(np.ones(n))
    boot = np.array([s1(np.bincount(rng.integers(0, n, n), minlength=n).astype(float)) for _ in range(resamples)])
    return value, 1.96 * boot.std(axis=0, ddof=1)


def main():
    spec = json.load(open(sys.argv[1]))
    n = int(sys.argv[2])
    hidden, output = network(spec)
    d = len(spec["low"])
    low, high = np.array(spec["low"]), np.array(spec["high"])
    peer_runtime.set_blas_threads(peer_runtime.threads())

    import openturns as ot
    ot.ResourceMap.SetAsUnsignedInteger("SobolIndicesAlgorithm-DefaultBootstrapSize", 100)
    distribution = ot.ComposedDistribution([ot.Uniform(lo, hi) for lo, hi in zip(low, high)])
    works = {}

    def sobol(k, f):
        def run():
            design = ot.SobolIndicesExperiment(distribution, n, True).generate()
            y = ot.Sample(f(np.asarray(design)))
            algorithm = ot.SaltelliSensitivityAlgorithm(design, y, n)
            for o in range(k):
                algorithm.getFirstOrderIndices(o)
                algorithm.getTotalOrderIndices(o)
            algorithm.getFirstOrderIndicesInterval()
            algorithm.getTotalOrderIndicesInterval()
        return run

    works["sobol-k1"] = sobol(1, lambda x: output(x).reshape(-1, 1))
    works["sobol-k10"] = sobol(10, hidden)

    rng = np.random.default_rng(0)
    x = low + rng.random((100_000, d)) * (high - low)
    y = output(x).ravel()
    def given_data():
        given_data_s1(x, y, 100, rng)

    works["given-data"] = given_data

    name = "OpenTURNS %s peer, estimators" % ot.__version__
    try:
        import torch
    except ImportError:
        pass
    else:
        torch.set_num_threads(peer_runtime.threads())
        t = {k: torch.tensor(np.array(spec[k]), dtype=torch.float32) for k in ("w1", "b1", "w2", "b2")}
        bn = [[torch.tensor(np.array(spec[b][k]), dtype=torch.float32) for k in ("gamma", "beta", "mean", "var")]
              for b in ("bn1", "bn2")]

        def forward(v):
            def norm(h, p):
                return (h - p[2]) / torch.sqrt(p[3] + spec["eps"]) * p[0] + p[1]
            h = torch.relu(norm(v @ t["w1"].T + t["b1"], bn[0]))
            return torch.sigmoid(norm(h @ t["w2"].T + t["b2"], bn[1]))

        points = torch.tensor(low + rng.random((n, d)) * (high - low), dtype=torch.float32)

        def dgsm():
            v = points.clone().requires_grad_(True)
            forward(v).sum().backward()
            (v.grad.double() ** 2).mean(dim=0)

        works["dgsm"] = dgsm
    peer_runtime.serve(name, works)


if __name__ == "__main__":
    main()
