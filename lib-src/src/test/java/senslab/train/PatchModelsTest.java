package senslab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import senslab.Profile;
import senslab.data.ImageSet;
import senslab.data.SyntheticPatches;

@Tag("slow") // trains the small CNN of the synthetic set (5 to 20 s on 2 cores): not in make check
class PatchModelsTest {

    @Test
    void theSmokeRecipeAlreadyClassifiesHeldOutImagesByThePatchAndIsCached(@TempDir Path dir) {
        Recipe recipe = PatchModels.recipe(Profile.SMOKE);
        long start = System.nanoTime();
        float[] logits;
        SyntheticPatches held = SyntheticPatches.generate(50, 77); // a stream neither the training nor the test set
        try (TrainedPatchNet trained = PatchModels.loadOrTrain(Profile.SMOKE, recipe, 1, dir);
                NDManager m = NDManager.newBaseManager()) {
            System.out.printf("%s, trained in %.1f s%n", trained.summary(), (System.nanoTime() - start) / 1e9);
            assertEquals(SyntheticPatches.CLASSES.size() * Profile.SMOKE.get(Profile.PATCH_TEST_IMAGES),
                    trained.testImages());
            assertTrue(trained.testAccuracy() >= 0.95, trained.summary());
            double other = Evaluation.accuracy(trained.network(), held.images(), SyntheticPatches.NORMALIZATION);
            assertTrue(other >= 0.95, "accuracy on 400 images of another seed: " + other);
            assertFalse(Files.exists(trained.folder().resolve("checkpoint.params")), "checkpoint removed once done");
            // the network looks where the truth is: grey over the patch leaves it near chance (1/8), grey over as
            // large a square of background elsewhere changes nothing
            double patchHidden = Evaluation.accuracy(trained.network(), greyed(held, true),
                    SyntheticPatches.NORMALIZATION);
            double backgroundHidden = Evaluation.accuracy(trained.network(), greyed(held, false),
                    SyntheticPatches.NORMALIZATION);
            System.out.printf("accuracy with the patch hidden %.3f, with background hidden %.3f%n", patchHidden,
                    backgroundHidden);
            assertTrue(patchHidden < 0.3 && backgroundHidden >= 0.95,
                    "accuracy with the patch hidden " + patchHidden + ", with background hidden " + backgroundHidden);
            logits = trained.network().forward(held.images().batch(m, SyntheticPatches.NORMALIZATION)).toFloatArray();
        }
        try (TrainedPatchNet again = PatchModels.loadOrTrain(Profile.SMOKE, recipe, 1, dir);
                NDManager m = NDManager.newBaseManager()) {
            assertArrayEquals(logits,
                    again.network().forward(held.images().batch(m, SyntheticPatches.NORMALIZATION)).toFloatArray(),
                    "the second call loads the same weights");
        }
    }

    /** The images with mid-grey over each one's patch, or over an 8×8 square of background away from it. */
    private static ImageSet greyed(SyntheticPatches set, boolean patch) {
        byte[] pixels = set.images().pixelBytes();
        for (int i = 0; i < set.size(); i++) {
            SyntheticPatches.Patch where = set.patch(i);
            int row = patch ? where.row() : where.row() >= 12 ? 0 : 24;
            int column = patch ? where.column() : where.column() >= 12 ? 0 : 24;
            for (int c = 0; c < 3; c++) {
                for (int y = row; y < row + 8; y++) {
                    Arrays.fill(pixels, ((i * 3 + c) * 32 + y) * 32 + column, ((i * 3 + c) * 32 + y) * 32 + column + 8,
                            (byte) 128);
                }
            }
        }
        return new ImageSet(SyntheticPatches.CLASSES, 3, 32, 32, pixels, set.labels());
    }

    @Test
    void aRecipeWithoutACountOfImagesIsRefused(@TempDir Path dir) {
        Recipe all = PatchModels.recipe(Profile.SMOKE).withImagesPerClass(0);
        var error = assertThrows(IllegalArgumentException.class,
                () -> PatchModels.loadOrTrain(Profile.SMOKE, all, 1, dir));
        assertTrue(error.getMessage().contains("withImagesPerClass"), error.getMessage());
    }
}
