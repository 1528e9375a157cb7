package senslab.train;

import java.nio.file.Path;
import senslab.Profile;
import senslab.data.SyntheticPatches;
import senslab.models.StagedNetwork;

/**
 * The small CNN ({@code PatchNet}) trained on the synthetic patch set, with how it was trained and the accuracies it
 * reached (fractions in [0, 1]) on its training images and on held-out test images; close it to free the network.
 */
public record TrainedPatchNet(Profile profile, Recipe recipe, long seed, StagedNetwork network, double trainAccuracy,
        int trainImages, double testAccuracy, int testImages, Path folder) implements AutoCloseable {

    /** The file holding the trained weights, for {@code StagedNetwork.load} (e.g. in another JVM). */
    public Path weightsFile() {
        return folder.resolve(TrainedModels.WEIGHTS);
    }

    /** The held-out images the test accuracy was measured on, with their true masks. */
    public SyntheticPatches testSet() {
        return PatchModels.testSet(profile);
    }

    /** One line: "PatchNet on synthetic patches (quick profile): train 99.9 % on 4000 images, test 99.6 % on 1000". */
    public String summary() {
        return String.format("PatchNet on synthetic patches (%s profile, %s, seed %d): train %.1f %% on %d images, "
                + "test %.1f %% on %d held-out images", profile.label(), recipe.key(), seed, 100 * trainAccuracy,
                trainImages, 100 * testAccuracy, testImages);
    }

    @Override
    public void close() {
        network.close();
    }
}
