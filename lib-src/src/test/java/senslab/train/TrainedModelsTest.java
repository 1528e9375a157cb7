package senslab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import senslab.Profile;
import senslab.data.Cifar10;
import senslab.data.ImageSet;
import senslab.data.Normalization;
import senslab.models.CifarNet;

@Tag("slow") // trains networks: not in make check
class TrainedModelsTest {

    /** A CIFAR-10 binary release of a few learnable images, written in the canonical layout. */
    private static Cifar10 tinyRelease(Path dir) throws Exception {
        Path release = Files.createDirectories(dir.resolve("cifar10"));
        ImageSet images = TrainerTest.learnableImages(60, 5);
        for (int file = 0; file < 6; file++) {
            byte[] records = new byte[10 * 3073];
            for (int r = 0; r < 10; r++) {
                int i = file * 10 + r;
                records[r * 3073] = (byte) images.label(i);
                System.arraycopy(images.subset(i).pixelBytes(), 0, records, r * 3073 + 1, 3072);
            }
            Files.write(release.resolve(file < 5 ? "data_batch_" + (file + 1) + ".bin" : "test_batch.bin"), records);
        }
        return new Cifar10(release, dir.resolve("no-images"), URI.create("http://127.0.0.1:9/x"), dir.resolve("cache"));
    }

    @Test
    void firstCallTrainsAndSavesLaterCallsLoadTheSameWeightsWithoutOverwriting(@TempDir Path dir) throws Exception {
        Cifar10 data = tinyRelease(dir);
        Path models = dir.resolve("models");
        Recipe recipe = new Recipe("tiny", 1e-4f, Recipe.Schedule.CONSTANT, 0f, 0f, 10, 1, 2);
        float[] trained;
        Path weights;
        try (TrainedModel model = TrainedModels.loadOrTrain(CifarNet.RESNET18, Profile.SMOKE, recipe, 3, data, models);
                NDManager m = NDManager.newBaseManager()) {
            weights = model.folder().resolve("weights.params");
            assertTrue(Files.isRegularFile(weights));
            assertTrue(model.folder().getFileName().toString().startsWith("resnet18-smoke-tiny-adam0.0001-constant"),
                    model.folder().toString());
            assertFalse(Files.exists(model.folder().resolve("checkpoint.params")),
                    "the checkpoint is removed once done");
            assertEquals(20, model.trainImages());
            assertEquals(10, model.testImages());
            trained = model.network().forward(data.test().batch(m, Normalization.CIFAR10)).toFloatArray();
            assertEquals(2, model.comparison().rowCount());
            assertTrue(model.summary().contains("paper: 98.38 / 83.04 %"), model.summary());
        }
        FileTime written = Files.getLastModifiedTime(weights);
        try (TrainedModel again = TrainedModels.loadOrTrain(CifarNet.RESNET18, Profile.SMOKE, recipe, 3, data, models);
                NDManager m = NDManager.newBaseManager()) {
            assertArrayEquals(trained,
                    again.network().forward(data.test().batch(m, Normalization.CIFAR10)).toFloatArray());
            assertEquals(written, Files.getLastModifiedTime(weights));
        }
    }

    @Test
    void profilesChooseThePapersRecipeOrShorterOnes() {
        assertEquals(Recipe.paper(), TrainedModels.recipe(CifarNet.VGG16, Profile.PAPER));
        Recipe quick = TrainedModels.recipe(CifarNet.VGG16, Profile.QUICK);
        Recipe smoke = TrainedModels.recipe(CifarNet.RESNET18, Profile.SMOKE);
        assertTrue(quick.epochs() * quick.imagesPerClass() < Recipe.paper().epochs() * 5000);
        assertTrue(smoke.epochs() * smoke.imagesPerClass() * 10 <= 1000);
    }

    @Test
    void recipesTrainWhatTheProfileTableSays() {
        for (Profile profile : Profile.values()) {
            for (CifarNet net : CifarNet.values()) {
                Recipe recipe = TrainedModels.recipe(net, profile);
                assertEquals(profile.get(Profile.CIFAR_EPOCHS), recipe.epochs(), profile + " " + net);
                assertEquals(profile.get(net == CifarNet.VGG16 ? Profile.VGG16_IMAGES : Profile.RESNET18_IMAGES),
                        recipe.imagesPerClass(), profile + " " + net);
            }
        }
        // the cache folders of trained weights are named by these keys: they must not change
        assertEquals("quick-adam0.001-warmup-wd0-ls0-b64-e4-2000pc",
                TrainedModels.recipe(CifarNet.VGG16, Profile.QUICK).key());
        assertEquals("smoke-adam0.001-onecycle-wd0-ls0-b64-e2-50pc",
                TrainedModels.recipe(CifarNet.RESNET18, Profile.SMOKE).key());
    }
}
