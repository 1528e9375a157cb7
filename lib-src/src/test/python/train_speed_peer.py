"""PyTorch peer of TrainSpeedBench: the paper's VGG-16 (BatchNorm) and the CIFAR ResNet-18, trained with
Adam (lr 1e-3) at batch 64 on random 32x32 images, as the paper's PyTorch code trains them.

    train_speed_peer.py NET STEPS IMAGES    NET is vgg16 or resnet18. Works (see peer_runtime.py):
        train   STEPS training steps: zero_grad, forward, loss, backward, Adam step, loss.item() and the count of
                correct predictions, as the paper's loop does
        bare    STEPS times forward, loss and backward alone (what the engine itself costs)
        infer   IMAGES images through the network in eval mode, batches of 256, predicted classes
"""
import sys

import peer_runtime
import torch
import torch.nn as nn
import torch.nn.functional as F


def vgg16():
    layers, channels = [], 3
    for width, convs in [(64, 2), (128, 2), (256, 3), (512, 3), (512, 3)]:
        for _ in range(convs):
            layers += [nn.Conv2d(channels, width, 3, padding=1), nn.BatchNorm2d(width), nn.ReLU(inplace=True)]
            channels = width
        layers.append(nn.MaxPool2d(2, 2))
    return nn.Sequential(*layers, nn.Flatten(), nn.Linear(512, 4096), nn.ReLU(True), nn.Dropout(),
                         nn.Linear(4096, 4096), nn.ReLU(True), nn.Dropout(), nn.Linear(4096, 10))


class BasicBlock(nn.Module):
    def __init__(self, inputs, width, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(inputs, width, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.conv2 = nn.Conv2d(width, width, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(width)
        self.shortcut = nn.Sequential()
        if stride != 1 or inputs != width:
            self.shortcut = nn.Sequential(nn.Conv2d(inputs, width, 1, stride, bias=False), nn.BatchNorm2d(width))

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        return F.relu(self.bn2(self.conv2(y)) + self.shortcut(x))


def resnet18():
    layers, channels = [nn.Conv2d(3, 64, 3, 1, 1, bias=False), nn.BatchNorm2d(64), nn.ReLU(True)], 64
    for width, stride in [(64, 1), (128, 2), (256, 2), (512, 2)]:
        layers += [BasicBlock(channels, width, stride), BasicBlock(width, width, 1)]
        channels = width
    return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(512, 10))


def main():
    name, steps, inferred = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    torch.set_num_threads(peer_runtime.threads())
    torch.manual_seed(0)
    net = {"vgg16": vgg16, "resnet18": resnet18}[name]().train()
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
    images = torch.rand(64, 3, 32, 32) * 2 - 1
    labels = torch.randint(0, 10, (64,))
    test = torch.rand(inferred, 3, 32, 32) * 2 - 1

    def train():
        for _ in range(steps):
            optimizer.zero_grad()
            outputs = net(images)
            loss = F.cross_entropy(outputs, labels)
            loss.backward()
            optimizer.step()
            loss.item()
            (outputs.argmax(1) == labels).sum().item()

    def bare():
        for _ in range(steps):
            net.zero_grad(set_to_none=True)
            F.cross_entropy(net(images), labels).backward()

    def infer():
        net.eval()
        with torch.no_grad():
            for first in range(0, inferred, 256):
                net(test[first:first + 256]).argmax(1)
        net.train()

    peer_runtime.serve(f"PyTorch peer, {name}", {"train": train, "bare": bare, "infer": infer})


if __name__ == "__main__":
    main()
