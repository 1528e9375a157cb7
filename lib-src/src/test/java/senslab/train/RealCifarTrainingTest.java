package senslab.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import senslab.Project;
import senslab.data.Cifar10;
import senslab.data.ImageFolder;
import senslab.data.ImageSet;
import senslab.data.Normalization;
import senslab.models.CifarNet;
import senslab.models.StagedNetwork;

/** The training loop really learns real CIFAR-10 images: VGG-16 fits a fixed set of 256 to ≥ 90 %. */
@Tag("slow") // trains on CIFAR-10: not in make check
class RealCifarTrainingTest {

    /** 256 real training images: the project's CIFAR-10, else the development archive in ../shared unpacked here. */
    private static ImageSet fixedTrainingImages(Path scratch) throws IOException, InterruptedException {
        Path folder = Project.data().resolve("cifar10-images");
        Path archive = Project.shared().resolve("data/cifar10-jpg.tar.gz");
        ImageSet train;
        if (Files.isDirectory(folder.resolve("train"))
                || Files.isRegularFile(Project.data().resolve("cifar10/test_batch.bin"))) {
            train = Cifar10.standard().train();
        } else {
            Assumptions.assumeTrue(Files.isRegularFile(archive), "skipped: no CIFAR-10 in " + Project.data()
                    + " and no " + archive + " (../shared is a development-only folder)");
            Process tar = new ProcessBuilder("tar", "xzf", archive.toString(), "-C", scratch.toString(), "train/")
                    .inheritIO().start();
            assertTrue(tar.waitFor() == 0, "tar could not unpack " + archive);
            train = ImageFolder.read(scratch.resolve("train"), 32);
        }
        return train.firstPerClass(26).first(256);
    }

    @Test
    void vgg16FitsAFixedSetOf256RealImages(@TempDir Path scratch) throws Exception {
        ImageSet images = fixedTrainingImages(scratch);
        Engine.getInstance().setRandomSeed(11);
        try (StagedNetwork vgg = CifarNet.VGG16.create()) {
            double before = Evaluation.accuracy(vgg, images, Normalization.CIFAR10);
            Recipe recipe = new Recipe("fit256", 1e-4f, Recipe.Schedule.CONSTANT, 0f, 0f, 32, 14, 0);
            List<Trainer.Epoch> history =
                    new Trainer(vgg, recipe, 1, Normalization.CIFAR10, scratch.resolve("checkpoints"))
                    .fit(images, null);
            double after = Evaluation.accuracy(vgg, images, Normalization.CIFAR10);
            System.out.printf(
                    "VGG-16 on 256 real CIFAR-10 images: %.1f %% before, %.1f %% after %d epochs (loss %.3f → %.3f)%n",
                    100 * before, 100 * after, history.size(), history.get(0).loss(),
                    history.get(history.size() - 1).loss());
            assertTrue(after >= 0.9, "training accuracy " + after);
        }
    }
}
