"""NumPy peer for LandscapeBench: the same algorithm as senslab's (univariate Taylor jets, float64), vectorised in
NumPy as a NumPy user writes it, for the first-layer loss derivatives of an MLP.

Usage: python3 landscape_numpy_peer.py NETWORK.json

NETWORK.json (written by LandscapeBench) holds a tanh MLP with an identity output and at least two layers ("w": one
out x in matrix per layer, "b": biases), the rows "x" and targets "y". The loss is L = mean((f(x) - y)^2). For every
first-layer weight W1[i, j]: G1, G2, G3, the pure partials, and N2 = H.1, N3 = T(., 1, 1) over the W1 block.

- Moving W1[i, j] moves only the pre-activation z_i of unit i, by x_j per row. So the derivatives in z_i
  (phi_1..3, per row and unit) give G_m[i, j] = mean over rows of phi_m * x_j^m. They come from a Taylor jet of
  degree 3 per unit, all units and rows at once: the series s(t) = h_i(z_i + t) - h_i(z_i) enters the second layer
  along the column W2[:, i], so the third layer's jets are sum_n [t^m] s(t)^n Q_n with
  Q_n = W3 diag(sigma2^(n)(z2) / n!) W2^n (elementwise powers): three batched matrix products. Deeper layers compose
  their activation (Faa di Bruno, degree 3) and multiply by their weights.
- N2, N3: a jet of degree 2 along u = (sum_j x_j) 1 (how z moves when every first-layer weight moves together),
  then a reverse pass through it, by hand (NumPy has no autodiff): gamma_2 = Hess(psi) u, gamma_3 = T(psi)[u, u, .]
  per row and unit, and N_m[i, j] = mean over rows of gamma_m * x_j.

Works (see peer_runtime.py): `derivatives` computes all five matrices; `values` prints them ("G1=..." row-major).
"""
import json
import sys

import numpy as np
import peer_runtime


def tanh_derivatives(z):
    """tanh and its first three derivatives."""
    t = np.tanh(z)
    d1 = 1 - t * t
    return t, d1, -2 * t * d1, -2 * d1 * (1 - 3 * t * t)


def identity_derivatives(z):
    zero = np.zeros_like(z)
    return z, np.ones_like(z), zero, zero


def derivatives(ws, bs, x, y):
    layers = len(ws)
    rows = x.shape[0]
    # forward: each layer's activation and its derivatives at the pre-activations
    d = []
    h = x
    for layer in range(layers):
        z = h @ ws[layer].T + bs[layer]
        d.append(tanh_derivatives(z) if layer < layers - 1 else identity_derivatives(z))
        h = d[-1][0]
    e = h[:, 0] - y

    # phi_1..3: Taylor jets along each first-layer unit; c[m] is [row, unit of the layer, first-layer unit]
    s1, s2, s3 = d[0][1], d[0][2] / 2, d[0][3] / 6
    above = ws[2] if layers >= 3 else np.eye(ws[1].shape[0])
    q = [np.matmul(above[None, :, :] * (d[1][n] / [1, 1, 2, 6][n])[:, None, :], ws[1] ** n) for n in (1, 2, 3)]
    s1, s2, s3 = s1[:, None, :], s2[:, None, :], s3[:, None, :]
    c = [s1 * q[0], s2 * q[0] + s1 * s1 * q[1], s3 * q[0] + 2 * s1 * s2 * q[1] + s1 ** 3 * q[2]]
    for layer in range(2, layers):
        f1, f2, f3 = (d[layer][k][:, :, None] for k in (1, 2, 3))
        c = [f1 * c[0], f1 * c[1] + f2 / 2 * c[0] ** 2, f1 * c[2] + f2 * c[0] * c[1] + f3 / 6 * c[0] ** 3]
        if layer + 1 < layers:
            c = [np.matmul(ws[layer + 1], cm) for cm in c]
    o1, o2, o3 = (cm[:, 0, :] for cm in c)
    e1 = e[:, None]
    phi1 = 2 * e1 * o1
    phi2 = 2 * (2 * e1 * o2 + o1 * o1)
    phi3 = 6 * (2 * e1 * o3 + 2 * o1 * o2)

    # gamma_2, gamma_3: a degree-2 jet along u, then its reverse pass
    a1 = [np.repeat(x.sum(axis=1, keepdims=True), ws[0].shape[0], axis=1)]
    a2 = [np.zeros_like(a1[0])]
    for layer in range(1, layers):
        _, f1, f2, _ = d[layer - 1]
        a1.append((f1 * a1[-1]) @ ws[layer].T)
        a2.append((f1 * a2[-1] + f2 / 2 * a1[-2] ** 2) @ ws[layer].T)
    _, f1, f2, _ = d[-1]
    o1 = f1 * a1[-1]
    o2 = f1 * a2[-1] + f2 / 2 * a1[-1] ** 2
    two_e = 2 * e[:, None]
    p = [2 * o1, two_e, np.zeros_like(two_e)]  # adjoints of (p0, p1, p2) for l1 = 2 e o1
    r = [2 * o2, 2 * o1, two_e]                # and for l2 = 2 e o2 + o1^2
    for layer in range(layers - 1, -1, -1):
        _, f1, f2, f3 = d[layer]
        dz1 = f2 * a1[layer]
        dz2 = f2 * a2[layer] + f3 / 2 * a1[layer] ** 2
        p = [p[0] * f1 + p[1] * dz1 + p[2] * dz2, p[1] * f1 + p[2] * dz1, p[2] * f1]
        r = [r[0] * f1 + r[1] * dz1 + r[2] * dz2, r[1] * f1 + r[2] * dz1, r[2] * f1]
        if layer > 0:
            p = [pm @ ws[layer] for pm in p]
            r = [rm @ ws[layer] for rm in r]
    gamma2, gamma3 = p[0], 2 * r[0]

    return {"G1": phi1.T @ x / rows, "G2": phi2.T @ x ** 2 / rows, "G3": phi3.T @ x ** 3 / rows,
            "N2": gamma2.T @ x / rows, "N3": gamma3.T @ x / rows}


def main():
    spec = json.load(open(sys.argv[1]))
    ws = [np.array(w, dtype=np.float64) for w in spec["w"]]
    bs = [np.array(b, dtype=np.float64) for b in spec["b"]]
    x = np.array(spec["x"], dtype=np.float64)
    y = np.array(spec["y"], dtype=np.float64)
    if len(ws) < 2:
        raise SystemExit("landscape_numpy_peer.py needs a network of at least two layers")
    peer_runtime.set_blas_threads(peer_runtime.threads())

    def compute():
        derivatives(ws, bs, x, y)

    def values():
        for name, m in derivatives(ws, bs, x, y).items():
            print(name + "=" + " ".join("%.17g" % v for v in m.flatten()))

    peer_runtime.serve("NumPy peer, Taylor jets", {"derivatives": compute, "values": values})


if __name__ == "__main__":
    main()
