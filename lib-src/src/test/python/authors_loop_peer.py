"""The authors' perturbation loop in PyTorch, the peer of PerturbBench.

One image per forward pass of the whole paper VGG-16 (random weights: the cost does not depend on them),
as their code runs it; the median of the timed passes is extrapolated to 5 blocks x 3 channels x 1,025
passes. Prints TOTAL <seconds> last.
"""
import sys
import time

import torch
import torch.nn as nn

passes_timed = int(sys.argv[1]) if len(sys.argv) > 1 else 21
torch.set_num_threads(2)
torch.manual_seed(0)


def block(i, o, n):
    layers = []
    for k in range(n):
        layers += [nn.Conv2d(i if k == 0 else o, o, 3, padding=1), nn.BatchNorm2d(o), nn.ReLU()]
    return nn.Sequential(*layers, nn.MaxPool2d(2, 2))


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
    staged(x)
    passes = []
    for p in range(passes_timed):
        t = time.perf_counter()
        y = x.clone()
        y[0, 0, p // 32, p % 32] += float(torch.normal(-0.05, 0.1, (1,)))
        torch.norm(staged(y)[2] - base[2])
        passes.append(time.perf_counter() - t)
    per = sorted(passes)[len(passes) // 2]
print(f'  PyTorch authors loop: {per * 1e3:.1f} ms per single-image forward pass of the network')
print(f'  PyTorch {torch.__version__}, {torch.get_num_threads()} threads')
print(f'TOTAL {5 * 3 * 1025 * per:.3f}')
