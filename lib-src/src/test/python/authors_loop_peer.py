"""The authors' perturbation loop in PyTorch, the peer of PerturbBench.

    authors_loop_peer.py PASSES_TIMED PASSES

One image per forward pass of the whole paper VGG-16 (random weights: the cost does not depend on them), as their
code runs it. The work `loop` (see peer_runtime.py) times PASSES_TIMED passes, each perturbing another pixel, and
returns the median pass times PASSES (the whole loop: 5 blocks x 3 channels x 1,025 passes).
"""
import statistics
import sys
import time

import peer_runtime
import torch
import torch.nn as nn


def block(i, o, n):
    layers = []
    for k in range(n):
        layers += [nn.Conv2d(i if k == 0 else o, o, 3, padding=1), nn.BatchNorm2d(o), nn.ReLU()]
    return nn.Sequential(*layers, nn.MaxPool2d(2, 2))


def main():
    passes_timed, passes = int(sys.argv[1]), int(sys.argv[2])
    torch.set_num_threads(peer_runtime.threads())
    torch.manual_seed(0)
    blocks = [block(3, 64, 2), block(64, 128, 2), block(128, 256, 3), block(256, 512, 3), block(512, 512, 3)]
    head = nn.Sequential(nn.Flatten(), nn.Linear(512, 4096), nn.ReLU(), nn.Dropout(), nn.Linear(4096, 4096),
                         nn.ReLU(), nn.Dropout(), nn.Linear(4096, 10))
    net = nn.Sequential(*blocks, head).eval()

    def staged(x):
        outs = []
        for b in net:
            x = b(x)
            outs.append(x)
        return outs

    x = torch.rand(1, 3, 32, 32) * 2 - 1
    with torch.no_grad():
        base = staged(x)

    def loop():
        times = []
        with torch.no_grad():
            for p in range(passes_timed):
                start = time.perf_counter()
                y = x.clone()
                y[0, 0, p // 32, p % 32] += float(torch.normal(-0.05, 0.1, (1,)))
                torch.norm(staged(y)[2] - base[2])
                times.append(time.perf_counter() - start)
        return statistics.median(times) * passes

    peer_runtime.serve("PyTorch peer, the authors' loop", {"loop": loop})


if __name__ == "__main__":
    main()
