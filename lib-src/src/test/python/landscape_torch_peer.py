"""PyTorch peer for LandscapeBench: first-layer loss derivatives by nested autograd, one weight at a time.

Usage: python3 landscape_torch_peer.py NETWORK.json [WEIGHTS]

NETWORK.json (written by LandscapeBench) holds a tanh MLP with an identity output ("w": one out x in matrix
per layer, "b": biases), the rows "x" and targets "y". The loss is L = mean((f(x) - y)^2) in float64. The way a
PyTorch user computes the pure partials: g1 = grad(L, W1, create_graph=True); for each weight (i, j):
g2 = grad(g1[i, j], W1, create_graph=True), G2[i, j] = g2[i, j]; g3 = grad(g2[i, j], W1), G3[i, j] = g3[i, j];
and the nested variants N2 = grad(g1.sum(), W1), N3 = grad(N2.sum(), W1). WEIGHTS (default: all) limits the
loop to the first WEIGHTS weights in row order; the time of the loop is then also given per weight.
Prints "seconds=<s> weights=<n> threads=<t> torch=<version>" and the derivative values of the weights looped over.
"""
import json
import sys
import time

import torch


def main():
    spec = json.load(open(sys.argv[1]))
    torch.set_num_threads(2)
    ws = [torch.tensor(w, dtype=torch.float64) for w in spec["w"]]
    bs = [torch.tensor(b, dtype=torch.float64) for b in spec["b"]]
    x = torch.tensor(spec["x"], dtype=torch.float64)
    y = torch.tensor(spec["y"], dtype=torch.float64)
    units, inputs = ws[0].shape
    count = int(sys.argv[2]) if len(sys.argv) > 2 else units * inputs
    W1 = ws[0].clone().requires_grad_(True)

    def loss():
        h = torch.tanh(x @ W1.T + bs[0])
        for layer in range(1, len(ws) - 1):
            h = torch.tanh(h @ ws[layer].T + bs[layer])
        f = (h @ ws[-1].T + bs[-1]).squeeze(1)
        return ((f - y) ** 2).mean()

    start = time.perf_counter()
    g1, = torch.autograd.grad(loss(), W1, create_graph=True)
    G2 = torch.zeros(units, inputs, dtype=torch.float64)
    G3 = torch.zeros(units, inputs, dtype=torch.float64)
    for t in range(count):
        i, j = divmod(t, inputs)
        g2, = torch.autograd.grad(g1[i, j], W1, create_graph=True)
        G2[i, j] = g2[i, j].detach()
        g3, = torch.autograd.grad(g2[i, j], W1, retain_graph=True)
        G3[i, j] = g3[i, j]
    n2, = torch.autograd.grad(g1.sum(), W1, create_graph=True)
    n3, = torch.autograd.grad(n2.sum(), W1)
    seconds = time.perf_counter() - start
    print("seconds=%.6f weights=%d threads=%d torch=%s" % (seconds, count, torch.get_num_threads(), torch.__version__))
    flat = lambda m: " ".join("%.17g" % v for v in m.flatten()[:count].tolist())
    print("G1=" + flat(g1.detach()))
    print("G2=" + flat(G2))
    print("G3=" + flat(G3))
    print("N2=" + flat(n2.detach()))
    print("N3=" + flat(n3))


if __name__ == "__main__":
    main()
