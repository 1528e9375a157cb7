package senslab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import senslab.am.ActivationMaximization;
import senslab.am.AmResult;
import senslab.am.Objective;
import senslab.data.Normalization;
import senslab.models.StagedNetwork;
import senslab.models.Vgg16;

/**
 * Figure 11's workload, side by side in one run: the ten CIFAR-10 class images optimized together in one
 * batch of 10 (our way) versus one after the other (one image per run, as a per-image loop does), the same
 * number of TV-regularized steps on the same VGG-16 (weights do not change the cost, so a freshly
 * initialized network is used and no training is needed). Goals: ≥ 4× faster batched; peak memory
 * (VmHWM) < 4 GB. Steps: first argument or 5 (the paper uses 300; the ratio does not depend on it).
 * When {@code python3} with PyTorch is installed (Debian's {@code python3-torch}; {@code /usr/bin/python3} first),
 * the same loop written in PyTorch (the authors' framework) is timed in the same run, batched and one by one, as a
 * peer.
 */
public final class AmBench {
    private static final int CLASSES = 10;
    /** Both ways run alternately this many times; the best time of each counts (the machine is shared). */
    private static final int ROUNDS = 3;

    private AmBench() {
    }

    public static void main(String[] args) throws IOException {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Engine.getInstance().setRandomSeed(1);
        try (StagedNetwork vgg = Vgg16.cifar10(); NDManager manager = NDManager.newBaseManager()) {
            int[] classes = new int[CLASSES];
            for (int c = 0; c < CLASSES; c++) {
                classes[c] = c;
            }
            NDArray start = ActivationMaximization.noise(manager, CLASSES, 3, 32, 32, 7);
            warmUp(vgg, start);

            AmResult together = null;
            double batched = Double.MAX_VALUE;
            double sequential = Double.MAX_VALUE;
            float gainSum = 0;
            for (int round = 0; round < ROUNDS; round++) {
                long t0 = System.nanoTime();
                together = ActivationMaximization.paperTv(vgg, Normalization.CIFAR10, Objective.classLogit(classes))
                        .steps(steps).quiet().run(start);
                batched = Math.min(batched, (System.nanoTime() - t0) / 1e9);
                t0 = System.nanoTime();
                gainSum = 0;
                for (int c = 0; c < CLASSES; c++) {
                    try (NDManager one = manager.newSubManager()) {
                        NDArray image = start.get(c + ":" + (c + 1)).duplicate();
                        image.attach(one);
                        AmResult alone =
                                ActivationMaximization.paperTv(vgg, Normalization.CIFAR10, Objective.classLogit(c))
                                .steps(steps).quiet().run(image);
                        gainSum += alone.gain()[0];
                    }
                }
                sequential = Math.min(sequential, (System.nanoTime() - t0) / 1e9);
            }

            float batchedGain = 0;
            for (float g : together.gain()) {
                batchedGain += g;
            }
            System.out.printf("AM, Figure 11 workload: 10 class images of VGG-16 (CIFAR-10), %d TV steps each,"
                    + " best of %d rounds%n", steps, ROUNDS);
            System.out.printf("  together in one batch of 10 : %7.2f s (%.1f ms a step)%n", batched,
                    1000 * batched / steps);
            System.out.printf("  one image after the other   : %7.2f s (%.1f ms a step of one image)%n", sequential,
                    1000 * sequential / steps / CLASSES);
            System.out.printf("  ratio (goal >= 4x)          : %7.1fx%n", sequential / batched);
            System.out.printf("  same result: mean activation gain %.4f batched vs %.4f one by one%n",
                    batchedGain / CLASSES, gainSum / CLASSES);
            System.out.printf("  at the paper's 300 steps    : ~%.0f s batched vs ~%.0f s one by one%n",
                    batched * 300 / steps, sequential * 300 / steps);
            System.out.printf("peak resident memory (VmHWM): %.2f GB (goal < 4 GB)%n", vmHwmKb() / 1024.0 / 1024.0);
            pytorchPeer(steps, batched);
        }
    }

    /** The same AM loop (VGG-16 with BatchNorm, TV step of eq. 4, clamp) in PyTorch, timed batched and one by one. */
    private static final String PYTORCH = String.join("\n",
            "import sys, time, torch, torch.nn as nn",
            "steps = int(sys.argv[1]); torch.manual_seed(1)",
            "layers, c = [], 3",
            "for n, ch in zip([2, 2, 3, 3, 3], [64, 128, 256, 512, 512]):",
            "    for _ in range(n):",
            "        layers += [nn.Conv2d(c, ch, 3, padding=1), nn.BatchNorm2d(ch), nn.ReLU()]; c = ch",
            "    layers.append(nn.MaxPool2d(2, 2))",
            "net = nn.Sequential(*layers, nn.Flatten(), nn.Linear(512, 4096), nn.ReLU(), nn.Dropout(),",
            "                    nn.Linear(4096, 4096), nn.ReLU(), nn.Dropout(), nn.Linear(4096, 10)).eval()",
            "for p in net.parameters(): p.requires_grad_(False)",
            "def tv(x): return ((x[:, :, 1:] - x[:, :, :-1]).abs().flatten(1).mean(1)",
            "                   + (x[:, :, :, 1:] - x[:, :, :, :-1]).abs().flatten(1).mean(1))",
            "def am(x, targets):",
            "    for _ in range(steps):",
            "        x = x.detach().requires_grad_(True)",
            "        a = net((x - 0.5) / 0.5)[torch.arange(len(targets)), targets]",
            "        (0.1 * a.sum() - 0.1 * tv(x).sum()).backward()",
            "        x = (x + x.grad).clamp(0, 1)",
            "    return x",
            "x0 = torch.rand(10, 3, 32, 32) * 0.2 + 0.4",
            "am(x0, torch.arange(10))",
            "t = time.time(); am(x0, torch.arange(10)); b = time.time() - t",
            "t = time.time()",
            "for i in range(10): am(x0[i:i + 1], torch.tensor([i]))",
            "print(b, time.time() - t)");

    private static void pytorchPeer(int steps, double ours) {
        try {
            String interpreter = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
            Process python = new ProcessBuilder(List.of(interpreter, "-c", PYTORCH, Integer.toString(steps)))
                    .redirectErrorStream(true).start();
            String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!python.waitFor(30, TimeUnit.MINUTES) || python.exitValue() != 0) {
                System.out.println("PyTorch peer skipped (python3 with torch not usable here): "
                        + out.lines().reduce((a, b) -> b).orElse(""));
                return;
            }
            String[] times = out.lines().reduce((a, b) -> b).orElse("").split(" ");
            double batched = Double.parseDouble(times[0]);
            double sequential = Double.parseDouble(times[1]);
            System.out.printf("PyTorch peer (python3, same loop): batch of 10 %.2f s, one by one %.2f s (%.1fx)%n",
                    batched, sequential, sequential / batched);
            System.out.printf("  ours batched vs PyTorch batched: %.2fx the time%n", ours / batched);
        } catch (IOException e) {
            System.out.println("PyTorch peer skipped (no python3): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void warmUp(StagedNetwork vgg, NDArray start) {
        ActivationMaximization.paperTv(vgg, Normalization.CIFAR10, Objective.classLogit(0, 1, 2, 3, 4, 5, 6, 7, 8, 9))
                .steps(2).quiet().run(start);
    }

    private static long vmHwmKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D+", ""));
            }
        }
        return -1;
    }
}
