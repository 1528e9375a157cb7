package senslab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import senslab.Profile;
import senslab.data.SyntheticPatches;

@Tag("slow") // trains the small CNN of the synthetic set for about half a minute: not in make check
class PatchModelsTest {

    @Test
    void theQuickRecipeClassifiesHeldOutImagesAlmostPerfectlyAndIsCached(@TempDir Path dir) {
        Recipe recipe = PatchModels.recipe(Profile.QUICK);
        long start = System.nanoTime();
        float[] logits;
        SyntheticPatches held = SyntheticPatches.generate(50, 77); // a stream neither the training nor the test set
        try (TrainedPatchNet trained = PatchModels.loadOrTrain(Profile.QUICK, recipe, 1, dir);
                NDManager m = NDManager.newBaseManager()) {
            System.out.printf("%s, trained in %.1f s%n", trained.summary(), (System.nanoTime() - start) / 1e9);
            assertEquals(SyntheticPatches.CLASSES.size() * Profile.QUICK.get(Profile.PATCH_TEST_IMAGES),
                    trained.testImages());
            assertTrue(trained.testAccuracy() >= 0.95, trained.summary());
            double other = Evaluation.accuracy(trained.network(), held.images(), SyntheticPatches.NORMALIZATION);
            assertTrue(other >= 0.95, "accuracy on 400 images of another seed: " + other);
            assertFalse(Files.exists(trained.folder().resolve("checkpoint.params")), "checkpoint removed once done");
            logits = trained.network().forward(held.images().batch(m, SyntheticPatches.NORMALIZATION)).toFloatArray();
        }
        try (TrainedPatchNet again = PatchModels.loadOrTrain(Profile.QUICK, recipe, 1, dir);
                NDManager m = NDManager.newBaseManager()) {
            assertArrayEquals(logits,
                    again.network().forward(held.images().batch(m, SyntheticPatches.NORMALIZATION)).toFloatArray(),
                    "the second call loads the same weights");
        }
    }

    @Test
    void aRecipeWithoutACountOfImagesIsRefused(@TempDir Path dir) {
        Recipe all = PatchModels.recipe(Profile.SMOKE).withImagesPerClass(0);
        var error = assertThrows(IllegalArgumentException.class,
                () -> PatchModels.loadOrTrain(Profile.SMOKE, all, 1, dir));
        assertTrue(error.getMessage().contains("withImagesPerClass"), error.getMessage());
    }
}
