"""PyTorch peer of MethodsBench: the attribution methods of one 32x32 image on a CIFAR-10 VGG-16, each as Captum
computes it (Captum itself is not installable here: PyPI is unreachable), written in plain PyTorch the way its
users run it: batched, torch.no_grad() where no gradient is needed, eval mode.

Usage: python3 methods_peer.py WEIGHTS.f32 WEIGHTS.txt IMAGES.f32 COUNT MAPS_DIR key=value...

WEIGHTS.f32 holds senslab's VGG-16 parameters (float32, in its order), WEIGHTS.txt their names and shapes, one
line each; they are copied into the same network here, so both sides explain the same function. IMAGES.f32 holds
COUNT images (float32, 3x32x32 each): each work explains the next of them, in turn, as the bench does on its side,
and writes its map to MAPS_DIR/<work>.f32 (after its time is taken) for the bench to compare with ours. The
key=value settings: class, steps, samples, sigma, window, stride, masks, grid, keep, batch.

Works (see peer_runtime.py), each the explanation of one image, the target the logit of `class`:
    saliency            Captum's Saliency: |d logit / d x|
    input_x_gradient    Captum's InputXGradient: x * d logit / d x
    integrated          Captum's IntegratedGradients, zero baseline, `steps` Gauss-Legendre points (its default
                        rule) in one batch, with the convergence delta (return_convergence_delta=True)
    smoothgrad          Captum's NoiseTunnel(Saliency), nt_type='smoothgrad', `samples` noisy copies in one batch,
                        the noise's deviation `sigma` times the image's range (Smilkov et al.)
    occlusion           Captum's Occlusion: a 3 x window x window window every `stride` pixels set to 0, the
                        occluded copies `batch` per forward pass (perturbations_per_eval), the drop in the logit
                        averaged over the windows covering each pixel
    rise                RISE as its authors' PyTorch code runs it: `masks` masks drawn once (a grid x grid array of
                        cells kept with probability `keep`, upsampled bilinearly to grid + 1 cells, shifted at
                        random), then per image the masked copies `batch` per forward pass and
                        sum_i logit_i * M_i / (masks * keep)
"""
import math
import os
import sys
import time

import numpy as np
import peer_runtime
import torch
import torch.nn as nn
import torch.nn.functional as F
from sobol_map_peer import vgg16

# senslab's parameter names (the last part of DJL's names) -> the attribute of the same array in PyTorch's module
NAMES = {nn.Conv2d: {"weight": "weight", "bias": "bias"}, nn.Linear: {"weight": "weight", "bias": "bias"},
         nn.BatchNorm2d: {"gamma": "weight", "beta": "bias", "runningMean": "running_mean",
                          "runningVar": "running_var"}}


def load(net, values_path, names_path):
    """Copies senslab's parameters, in its order, into the modules of `net` with parameters, in theirs."""
    values = np.fromfile(values_path, dtype=np.float32)
    entries = [line.split() for line in open(names_path) if line.strip()]
    offset, at = 0, 0
    for module in (m for m in net.modules() if type(m) in NAMES):
        names = NAMES[type(module)]
        for name, *shape in entries[at:at + len(names)]:
            array = getattr(module, names[name.rsplit("_", 1)[-1]])
            if list(array.shape) != [int(d) for d in shape]:
                raise ValueError(f"senslab's {name} is {shape} but PyTorch's {type(module).__name__} has "
                                 f"{list(array.shape)}: the two networks differ")
            count = array.numel()
            array.data.copy_(torch.from_numpy(values[offset:offset + count]).view_as(array))
            offset += count
        at += len(names)
    if at != len(entries) or offset != values.size:
        raise ValueError(f"{len(entries) - at} of senslab's parameters found no place in the PyTorch network")


def main():
    weights, names, images_path, count, maps = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
    settings = dict(arg.split("=", 1) for arg in sys.argv[6:])
    target = int(settings["class"])
    steps, samples, sigma = int(settings["steps"]), int(settings["samples"]), float(settings["sigma"])
    window, stride, batch = int(settings["window"]), int(settings["stride"]), int(settings["batch"])
    mask_count, grid, keep = int(settings["masks"]), int(settings["grid"]), float(settings["keep"])
    torch.set_num_threads(peer_runtime.threads())
    torch.manual_seed(0)
    net = vgg16()
    load(net, weights, names)
    for p in net.parameters():
        p.requires_grad_(False)  # as senslab freezes them: no weight gradients
    images = torch.from_numpy(np.fromfile(images_path, dtype=np.float32).reshape(count, 3, 32, 32))
    served = {}

    def gradients(inputs):
        """Captum's compute_gradients: d(sum of the target logits) / d inputs."""
        inputs = inputs.detach().requires_grad_()
        return torch.autograd.grad(net(inputs)[:, target].sum(), inputs)[0]

    def bare(rows, backward):
        """The engine alone at a method's batch: the image repeated as rows, forward (and backward to the pixels)."""
        def work(x):
            batch = x.repeat(rows, 1, 1, 1)
            if backward:
                return gradients(batch)[:1]
            with torch.no_grad():
                net(batch)
            return x
        work.__name__ = f"bare_{'gradient' if backward else 'forward'}_{rows}"
        return work

    def saliency(x):
        return gradients(x).abs()

    def input_x_gradient(x):
        return x * gradients(x)

    def integrated(x):
        nodes, weights = np.polynomial.legendre.leggauss(steps)  # Captum's gausslegendre on [0, 1]
        alphas = torch.tensor(0.5 * (nodes + 1), dtype=torch.float32).view(-1, 1, 1, 1, 1)
        step_weights = torch.tensor(0.5 * weights, dtype=torch.float32).view(-1, 1, 1, 1, 1)
        baseline = torch.zeros_like(x)
        path = (baseline + alphas * (x - baseline)).reshape(-1, *x.shape[1:])
        grads = gradients(path).view(steps, *x.shape)
        attributions = (grads * step_weights).sum(0) * (x - baseline)
        with torch.no_grad():
            ends = net(torch.cat([x, baseline]))[:, target]
            delta = attributions.sum((1, 2, 3)) - (ends[:len(x)] - ends[len(x):])
        print(f"  completeness gap {delta.abs().max().item():.3g}")
        return attributions

    def smoothgrad(x):
        spread = sigma * (x.amax((1, 2, 3)) - x.amin((1, 2, 3))).view(1, -1, 1, 1, 1)
        noisy = x.unsqueeze(0) + spread * torch.randn(samples, *x.shape)
        return saliency(noisy.reshape(-1, *x.shape[1:])).view(samples, *x.shape).mean(0)

    def occlusion(x):
        corners = [(i, j) for i in range(0, 32 - window + 1, stride) for j in range(0, 32 - window + 1, stride)]
        windows = torch.zeros(len(corners), 1, 1, 32, 32)
        for k, (i, j) in enumerate(corners):
            windows[k, ..., i:i + window, j:j + window] = 1
        with torch.no_grad():
            base = net(x)[:, target]
            total = torch.zeros_like(x)
            for first in range(0, len(corners), batch):
                chunk = windows[first:first + batch]
                occluded = (x.unsqueeze(0) * (1 - chunk)).reshape(-1, *x.shape[1:])
                drop = base.unsqueeze(0) - net(occluded)[:, target].view(len(chunk), len(x))
                total += (drop.view(*drop.shape, 1, 1, 1) * chunk).sum(0)
            return total / windows.sum(0).clamp(min=1)

    cell = math.ceil(32 / grid)
    generator = torch.Generator().manual_seed(0)
    cells = (torch.rand(mask_count, 1, grid, grid, generator=generator) < keep).float()
    upsampled = F.interpolate(cells, size=((grid + 1) * cell,) * 2, mode="bilinear", align_corners=False)
    shifts = torch.randint(0, cell, (mask_count, 2), generator=generator)
    rise_masks = torch.stack([upsampled[m, :, y:y + 32, x:x + 32] for m, (y, x) in enumerate(shifts.tolist())])

    def rise(x):
        with torch.no_grad():
            saliency_map = torch.zeros(len(x), 32 * 32)
            for image in range(len(x)):
                logits = torch.cat([net(rise_masks[first:first + batch] * x[image])[:, target]
                                    for first in range(0, mask_count, batch)])
                saliency_map[image] = logits @ rise_masks.view(mask_count, -1)
            return (saliency_map / (mask_count * keep)).view(len(x), 1, 32, 32)

    def served_by(method):
        def work():
            turn = served.get(method.__name__, 0)
            served[method.__name__] = turn + 1
            x = images[turn % count:turn % count + 1]
            start = time.perf_counter()
            attributions = method(x)
            seconds = time.perf_counter() - start
            attributions[0].numpy().astype(np.float32).tofile(os.path.join(maps, method.__name__ + ".f32"))
            return seconds
        return work

    methods = [bare(1, True), bare(16, True), bare(32, True), bare(256, False), saliency, input_x_gradient, integrated, smoothgrad, occlusion, rise]
    peer_runtime.serve("PyTorch peer, Captum's algorithms in plain PyTorch (Captum not installable: no PyPI)",
                       {m.__name__: served_by(m) for m in methods})


if __name__ == "__main__":
    main()
