"""PyTorch peer for GlobalMapBench: one Sobol map of a CIFAR-10 VGG-16 (random weights) on one 32x32 image.

Usage: python3 sobol_map_peer.py DESIGN.f32 ROWS CELLS BATCH

DESIGN.f32 holds the mask rows senslab evaluates (float32, ROWS x CELLS, row-major, SALib's arrangement: for each
base point A, AB_1 ... AB_D, B). Works (see peer_runtime.py):
    map     the same batched design, the way Xplique's SobolAttributionMethod runs it: masks upsampled by nearest
            neighbour, inpainting x * m, BATCH rows per forward pass, the class-0 logit, then Jansen's total index
    bare    one forward pass of BATCH random images (the engine alone)
"""
import sys

import numpy as np
import peer_runtime
import torch
import torch.nn as nn


def vgg16():
    def block(inputs, outputs, convs):
        layers = []
        for k in range(convs):
            layers += [nn.Conv2d(inputs if k == 0 else outputs, outputs, 3, padding=1), nn.BatchNorm2d(outputs),
                       nn.ReLU()]
        return nn.Sequential(*layers, nn.MaxPool2d(2, 2))

    blocks = [block(3, 64, 2), block(64, 128, 2), block(128, 256, 3), block(256, 512, 3), block(512, 512, 3)]
    head = nn.Sequential(nn.Flatten(), nn.Linear(512, 4096), nn.ReLU(), nn.Dropout(), nn.Linear(4096, 4096),
                         nn.ReLU(), nn.Dropout(), nn.Linear(4096, 10))
    return nn.Sequential(*blocks, head).eval()


def main():
    path, rows, cells, batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    torch.set_num_threads(peer_runtime.threads())
    torch.manual_seed(0)
    net = vgg16()
    masks = torch.from_numpy(np.fromfile(path, dtype=np.float32).reshape(rows, cells))
    grid = int(round(cells ** 0.5))
    cell = 32 // grid
    x = torch.rand(1, 3, 32, 32) * 2 - 1
    probe = torch.rand(batch, 3, 32, 32) * 2 - 1

    def bare():
        with torch.no_grad():
            net(probe)

    def sobol_map():
        with torch.no_grad():
            scores = []
            for first in range(0, rows, batch):
                m = masks[first:first + batch].view(-1, 1, grid, grid)
                m = m.repeat_interleave(cell, 2).repeat_interleave(cell, 3)
                scores.append(net(x * m)[:, 0])
            y = torch.cat(scores).numpy().astype(np.float64)
        step = cells + 2
        y = y.reshape(rows // step, step)
        a, b, ab = y[:, 0], y[:, -1], y[:, 1:-1]
        total = 0.5 * np.mean((a[:, None] - ab) ** 2, axis=0) / np.var(np.concatenate([a, b]))
        print(f"  largest total index {total.max():.3f}")

    peer_runtime.serve("PyTorch peer, Xplique's Sobol recipe", {"bare": bare, "map": sobol_map})


if __name__ == "__main__":
    main()
