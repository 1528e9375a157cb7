"""PyTorch peer for LandscapeBench, an algorithm comparison: first-layer loss derivatives by nested autograd, one
weight at a time, the way a PyTorch user writes it (not the same algorithm as ours: landscape_numpy_peer.py is).

Usage: python3 landscape_torch_peer.py NETWORK.json

NETWORK.json (written by LandscapeBench) holds a tanh MLP with an identity output ("w": one out x in matrix
per layer, "b": biases), the rows "x" and targets "y". The loss is L = mean((f(x) - y)^2) in float64. The pure
partials: g1 = grad(L, W1, create_graph=True); for each weight (i, j): g2 = grad(g1[i, j], W1, create_graph=True),
G2[i, j] = g2[i, j]; g3 = grad(g2[i, j], W1), G3[i, j] = g3[i, j]; and the nested variants N2 = grad(g1.sum(), W1),
N3 = grad(N2.sum(), W1).

Works (see peer_runtime.py): `derivatives` computes all five matrices; `values` prints them ("G1=..." row-major).
"""
import json
import sys

import peer_runtime
import torch


def main():
    spec = json.load(open(sys.argv[1]))
    torch.set_num_threads(peer_runtime.threads())
    ws = [torch.tensor(w, dtype=torch.float64) for w in spec["w"]]
    bs = [torch.tensor(b, dtype=torch.float64) for b in spec["b"]]
    x = torch.tensor(spec["x"], dtype=torch.float64)
    y = torch.tensor(spec["y"], dtype=torch.float64)
    units, inputs = ws[0].shape
    W1 = ws[0].clone().requires_grad_(True)

    def loss():
        h = torch.tanh(x @ W1.T + bs[0])
        for layer in range(1, len(ws) - 1):
            h = torch.tanh(h @ ws[layer].T + bs[layer])
        f = (h @ ws[-1].T + bs[-1]).squeeze(1)
        return ((f - y) ** 2).mean()

    def derivatives():
        g1, = torch.autograd.grad(loss(), W1, create_graph=True)
        G2 = torch.zeros(units, inputs, dtype=torch.float64)
        G3 = torch.zeros(units, inputs, dtype=torch.float64)
        for t in range(units * inputs):
            i, j = divmod(t, inputs)
            g2, = torch.autograd.grad(g1[i, j], W1, create_graph=True)
            G2[i, j] = g2[i, j].detach()
            g3, = torch.autograd.grad(g2[i, j], W1, retain_graph=True)
            G3[i, j] = g3[i, j]
        n2, = torch.autograd.grad(g1.sum(), W1, create_graph=True)
        n3, = torch.autograd.grad(n2.sum(), W1)
        return {"G1": g1.detach(), "G2": G2, "G3": G3, "N2": n2.detach(), "N3": n3}

    def compute():
        derivatives()

    def values():
        for name, m in derivatives().items():
            print(name + "=" + " ".join("%.17g" % v for v in m.flatten().tolist()))

    peer_runtime.serve("PyTorch peer, nested autograd one weight at a time", {"derivatives": compute, "values": values})


if __name__ == "__main__":
    main()
