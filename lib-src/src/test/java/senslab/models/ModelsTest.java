package senslab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import senslab.Project;

@Tag("slow") // builds VGG-16 and ResNet-18: not in make check
class ModelsTest {

    @Test
    void vggStagesHaveThePapersShapesAndOneForwardGivesThemAll() {
        try (StagedNetwork vgg = Vgg16.cifar10(); NDManager m = NDManager.newBaseManager()) {
            assertEquals(List.of("block1", "block2", "block3", "block4", "block5", "logits"), vgg.stageNames());
            NDList outs = vgg.forwardAll(m.randomNormal(new Shape(2, 3, 32, 32)));
            Shape[] expected = {new Shape(2, 64, 16, 16), new Shape(2, 128, 8, 8), new Shape(2, 256, 4, 4),
                new Shape(2, 512, 2, 2), new Shape(2, 512, 1, 1), new Shape(2, 10)};
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], outs.get(i).getShape(), vgg.stageNames().get(i));
            }
            assertEquals(List.of(expected), List.copyOf(vgg.stageShapes(2).values()));
            // the last stage of forwardAll is the network's output, and forwardAfter resumes from a stage
            NDArray x = m.randomNormal(new Shape(2, 3, 32, 32));
            NDList all = vgg.forwardAll(x);
            assertTrue(all.get(5).allClose(vgg.forward(x), 1e-5, 1e-5, false));
            assertTrue(all.get(5).allClose(vgg.forwardAfter("block3", all.get(2)), 1e-5, 1e-5, false));
            // a pass that stops at a stage gives that stage's outputs and no more
            NDList through = vgg.forwardThrough(vgg.parameterStore(), x, 2, false);
            assertEquals(3, through.size());
            assertTrue(through.get(2).allClose(all.get(2), 1e-6, 1e-6, false));
        }
    }

    @Test
    void ultrasoundVggIsTheSameClassAt224PixelsAnd3Classes() {
        try (StagedNetwork vgg = Vgg16.create(224, 3)) {
            Map<String, Shape> shapes = vgg.stageShapes(1);
            assertEquals(new Shape(1, 64, 112, 112), shapes.get("block1"));
            assertEquals(new Shape(1, 512, 7, 7), shapes.get("block5"));
            assertEquals(new Shape(1, 3), shapes.get("logits"));
            // the classifier's first layer takes 512·7·7 inputs
            long firstLinear = vgg.block().getParameters().stream()
                    .filter(p -> p.getKey().contains("04Linear_weight") || p.getKey().endsWith("02Linear_weight"))
                    .mapToLong(p -> p.getValue().getArray().getShape().get(1)).max().orElse(0);
            assertEquals(512L * 7 * 7, firstLinear);
        }
        assertThrows(IllegalArgumentException.class, () -> Vgg16.build(100, 3));
    }

    @Test
    void resnetStagesHaveTheCifarShapes() {
        try (StagedNetwork resnet = ResNet18.cifar10(); NDManager m = NDManager.newBaseManager()) {
            assertEquals(List.of("layer1", "layer2", "layer3", "layer4", "logits"), resnet.stageNames());
            NDList outs = resnet.forwardAll(m.randomNormal(new Shape(2, 3, 32, 32)));
            Shape[] expected = {new Shape(2, 64, 32, 32), new Shape(2, 128, 16, 16), new Shape(2, 256, 8, 8),
                new Shape(2, 512, 4, 4), new Shape(2, 10)};
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], outs.get(i).getShape(), resnet.stageNames().get(i));
            }
            assertEquals(List.of(expected), List.copyOf(resnet.stageShapes(2).values()));
            // 11.17 M parameters, as torchvision-style CIFAR ResNet-18 has
            long count = resnet.block().getParameters().stream()
                    .filter(p -> p.getValue().requiresGradient())
                    .mapToLong(p -> p.getValue().getArray().size()).sum();
            assertEquals(11_173_962L, count);
        }
    }

    @Test
    void savedThenLoadedNetworkGivesTheIdenticalForwardPass(@TempDir Path dir) {
        Path file = dir.resolve("resnet.params");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(3, 3, 32, 32));
            float[] before;
            Engine.getInstance().setRandomSeed(1);
            try (StagedNetwork a = ResNet18.cifar10()) {
                a.save(file);
                before = a.forward(x).toFloatArray();
            }
            Engine.getInstance().setRandomSeed(2);
            try (StagedNetwork b = ResNet18.cifar10()) {
                assertFalse(java.util.Arrays.equals(before, b.forward(x).toFloatArray()), "different seeds differ");
                b.load(file);
                assertArrayEquals(before, b.forward(x).toFloatArray());
            }
            try (StagedNetwork vgg = Vgg16.cifar10()) {
                assertThrows(IllegalArgumentException.class, () -> vgg.load(file));
            }
        }
    }

    @Test
    void userTorchScriptClassifierLoadsAsAOneStageNetwork() {
        Path pt = Project.shared().resolve("data/paper-diabetes-model/diabetes_ffn_paper.pt");
        Assumptions.assumeTrue(Files.isRegularFile(pt), "skipped: " + pt
                + " is absent (../shared is a development-only folder)");
        try (StagedNetwork net = TorchScriptModels.load(pt, new Shape(8)); NDManager m = NDManager.newBaseManager()) {
            assertEquals(List.of("logits"), net.stageNames());
            float[] twoRows = {6, 148, 72, 35, 0, 33.6f, 0.627f, 50, 1, 85, 66, 29, 0, 26.6f, 0.351f, 31};
            NDArray rows = m.create(twoRows, new Shape(2, 8));
            float[] p = net.forward(rows).toFloatArray();
            assertEquals(0.2703, p[0], 1e-4);
            assertEquals(0.1618, p[1], 1e-4);
        }
        assertThrows(IllegalArgumentException.class, () -> TorchScriptModels.load(Path.of("no-such.pt"), new Shape(8)));
    }
}
