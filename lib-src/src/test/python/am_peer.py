"""PyTorch peer of AmBench: the same activation-maximization loop as senslab's (VGG-16 with BatchNorm, random
weights, the TV-regularized step of the paper's eq. 4, clamp to [0, 1]) in PyTorch, the authors' framework.

Usage: python3 am_peer.py STEPS

Works (see peer_runtime.py): `batched` optimizes the ten class images together in one batch of 10; `sequential`
optimizes them one after the other, one image per batch, as a per-image loop does. STEPS steps each.
"""
import sys

import peer_runtime
import torch
import torch.nn as nn


def vgg16():
    layers, channels = [], 3
    for convs, width in zip([2, 2, 3, 3, 3], [64, 128, 256, 512, 512]):
        for _ in range(convs):
            layers += [nn.Conv2d(channels, width, 3, padding=1), nn.BatchNorm2d(width), nn.ReLU()]
            channels = width
        layers.append(nn.MaxPool2d(2, 2))
    return nn.Sequential(*layers, nn.Flatten(), nn.Linear(512, 4096), nn.ReLU(), nn.Dropout(),
                         nn.Linear(4096, 4096), nn.ReLU(), nn.Dropout(), nn.Linear(4096, 10)).eval()


def main():
    steps = int(sys.argv[1])
    torch.set_num_threads(peer_runtime.threads())
    torch.manual_seed(1)
    net = vgg16()
    for p in net.parameters():
        p.requires_grad_(False)

    def tv(x):
        return ((x[:, :, 1:] - x[:, :, :-1]).abs().flatten(1).mean(1)
                + (x[:, :, :, 1:] - x[:, :, :, :-1]).abs().flatten(1).mean(1))

    def am(x, targets):
        for _ in range(steps):
            x = x.detach().requires_grad_(True)
            a = net((x - 0.5) / 0.5)[torch.arange(len(targets)), targets]
            (0.1 * a.sum() - 0.1 * tv(x).sum()).backward()
            x = (x + x.grad).clamp(0, 1)
        return x

    x0 = torch.rand(10, 3, 32, 32) * 0.2 + 0.4

    def batched():
        am(x0, torch.arange(10))

    def sequential():
        for i in range(10):
            am(x0[i:i + 1], torch.tensor([i]))

    peer_runtime.serve("PyTorch peer, activation maximization", {"batched": batched, "sequential": sequential})


if __name__ == "__main__":
    main()
