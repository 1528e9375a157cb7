package senslab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import senslab.Profile;
import senslab.data.UltrasoundImages;
import senslab.models.StagedNetwork;

@Tag("slow") // trains a VGG-16: not in make check
class UltrasoundModelTest {

    /** A tiny image folder laid out as UltrasoundImages unpacks it: 3 classes, a few 32×32 images each. */
    private static Path folder(Path root) throws IOException {
        Random random = new Random(2);
        for (String split : new String[] {"train", "test"}) {
            for (int c = 0; c < UltrasoundImages.CLASSES.size(); c++) {
                Path dir = Files.createDirectories(root.resolve(split).resolve(UltrasoundImages.CLASSES.get(c)));
                for (int i = 0; i < (split.equals("train") ? 4 : 2); i++) {
                    BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
                    for (int y = 0; y < 32; y++) {
                        for (int x = 0; x < 32; x++) {
                            int v = (int) (40 * random.nextDouble()) + (y % 8 == c ? 150 : 0);
                            image.setRGB(x, y, v << 16 | v << 8 | v);
                        }
                    }
                    ImageIO.write(image, "png", dir.resolve("img" + i + ".png").toFile());
                }
            }
        }
        return root;
    }

    @Test
    void trainsOnASmallImageFolderThenLoadsFromTheCache(@TempDir Path tmp) throws IOException {
        Path images = folder(tmp.resolve("ultrasound"));
        Path models = tmp.resolve("models");
        var recipe = UltrasoundModel.paperRecipe();
        var small = new Recipe(recipe.name(), recipe.learningRate(), recipe.schedule(), recipe.weightDecay(),
                recipe.labelSmoothing(), 4, 1, 0);
        try (StagedNetwork trained = UltrasoundModel.loadOrTrain(images, 32, small, 1, models);
                NDManager manager = NDManager.newBaseManager()) {
            NDArray logits = trained.forward(manager.zeros(new ai.djl.ndarray.types.Shape(2, 3, 32, 32)));
            assertEquals(new ai.djl.ndarray.types.Shape(2, 3), logits.getShape(), "three classes out");
            float[] expected = logits.toFloatArray();
            try (Stream<Path> files = Files.walk(models)) {
                assertTrue(files.anyMatch(f -> f.getFileName().toString().equals("weights.params")), "weights cached");
            }
            try (StagedNetwork loaded = UltrasoundModel.loadOrTrain(images, 32, small, 1, models)) {
                float[] again =
                        loaded.forward(manager.zeros(new ai.djl.ndarray.types.Shape(2, 3, 32, 32))).toFloatArray();
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], again[i], 1e-5, "the cached weights give the same logits");
                }
            }
        }
    }

    @Test
    void theAuthorsRecipe() {
        var recipe = UltrasoundModel.paperRecipe();
        assertEquals(1e-4f, recipe.learningRate());
        assertEquals(5e-4f, recipe.weightDecay());
        assertEquals(32, recipe.batchSize());
        assertEquals(5, recipe.epochs());
        assertEquals(224, UltrasoundModel.SIZE);
    }

    @Test
    void profilesTrainWhatTheirTableSaysUnderTheSameCacheKeys() {
        assertEquals(UltrasoundModel.paperRecipe(), UltrasoundModel.recipe(Profile.PAPER));
        for (Profile profile : Profile.values()) {
            assertEquals(profile.get(Profile.ULTRASOUND_EPOCHS), UltrasoundModel.recipe(profile).epochs());
            assertEquals(profile.get(Profile.ULTRASOUND_IMAGES), UltrasoundModel.recipe(profile).imagesPerClass());
        }
        assertEquals("ultrasound-paper-adam0.0001-constant-wd0.0005-ls0-b32-e2-all",
                UltrasoundModel.recipe(Profile.QUICK).key());
        assertEquals("ultrasound-paper-adam0.0001-constant-wd0.0005-ls0-b32-e1-8pc",
                UltrasoundModel.recipe(Profile.SMOKE).key());
    }
}
