package senslab.train;

import ai.djl.engine.Engine;
import java.nio.file.Path;
import java.util.Map;
import senslab.Profile;
import senslab.Project;
import senslab.data.SyntheticPatches;
import senslab.models.PatchNet;
import senslab.models.StagedNetwork;

/**
 * The small CNN ({@link PatchNet}) trained on the synthetic patch set ({@link SyntheticPatches}), the network whose
 * maps can be scored against true masks. Cached like the CIFAR-10 networks, under
 * {@code data/models/patchnet-<profile>-<recipe>-patches-v<version>-seed<seed>/}: the first call trains (progress
 * lines, checkpoints each epoch, resuming an interrupted run), later calls load the weights; a folder's weights are
 * never overwritten.
 */
public final class PatchModels {
    /** The seed used unless one is given. */
    public static final long SEED = 1;

    private PatchModels() {
    }

    /**
     * The recipe of a profile: Adam with a one-cycle schedule peaking at 10⁻², batch 32, for the epochs and
     * training images per class of the profile's table ({@link Profile#PATCH_EPOCHS}, {@link Profile#PATCH_IMAGES}).
     * Two epochs of 100 images per class (smoke) already classify 1,000 held-out images without error; at 3·10⁻³
     * and batch 64 the same took three epochs of 250.
     */
    public static Recipe recipe(Profile profile) {
        return new Recipe("patches", 1e-2f, Recipe.Schedule.ONE_CYCLE, 0f, 0f, 32, profile.get(Profile.PATCH_EPOCHS),
                profile.get(Profile.PATCH_IMAGES));
    }

    /** The held-out images of a profile ({@link Profile#PATCH_TEST_IMAGES} per class), with their true masks. */
    public static SyntheticPatches testSet(Profile profile) {
        return SyntheticPatches.test(profile.get(Profile.PATCH_TEST_IMAGES));
    }

    /** The network trained in {@code profile}, seed {@value #SEED}, cached under the project's {@code data/models/}. */
    public static TrainedPatchNet loadOrTrain(Profile profile) {
        return loadOrTrain(profile, recipe(profile), SEED, Project.data().resolve("models"));
    }

    /**
     * Loads the network trained by {@code recipe} with {@code seed} on {@code recipe.imagesPerClass()} training
     * images of each class from its folder under {@code modelsDir}, or trains it there (resuming from a checkpoint),
     * then measures its accuracy on the profile's {@link #testSet}.
     */
    public static TrainedPatchNet loadOrTrain(Profile profile, Recipe recipe, long seed, Path modelsDir) {
        if (recipe.imagesPerClass() < 1) {
            throw new IllegalArgumentException("the synthetic set is generated, not read: give the recipe a number of "
                    + "training images per class (withImagesPerClass), not " + recipe.imagesPerClass() + " ('all')");
        }
        Path folder = modelsDir.resolve("patchnet-" + profile.label() + "-" + recipe.key() + "-patches-v"
                + SyntheticPatches.VERSION + "-seed" + seed);
        Engine.getInstance().setRandomSeed((int) seed);
        StagedNetwork network = PatchNet.create(SyntheticPatches.SIZE, SyntheticPatches.CLASSES.size());
        try {
            if (TrainingResult.isIn(folder)) {
                TrainingResult saved = TrainingResult.load(network, folder);
                System.out.println("loaded the trained PatchNet from " + folder);
                return trained(profile, recipe, seed, network, saved, folder);
            }
            SyntheticPatches train = SyntheticPatches.train(recipe.imagesPerClass());
            SyntheticPatches test = testSet(profile);
            System.out.printf("training PatchNet (%s profile: %s, seed %d) on %s; checkpoints in %s%n",
                    profile.label(), recipe.key(), seed, train, folder);
            Trainer trainer = new Trainer(network, recipe, seed, SyntheticPatches.NORMALIZATION, folder);
            trainer.fit(train.images(), test.images());
            TrainingResult result =
                    TrainingResult.measure(network, train.images(), test.images(), SyntheticPatches.NORMALIZATION);
            result.save(network, trainer, folder, Map.of("architecture", "patchnet", "recipe", recipe.key(),
                    "seed", Long.toString(seed), "source", train.key() + ", test " + test.key()));
            return trained(profile, recipe, seed, network, result, folder);
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    private static TrainedPatchNet trained(Profile profile, Recipe recipe, long seed, StagedNetwork network,
            TrainingResult result, Path folder) {
        return new TrainedPatchNet(profile, recipe, seed, network, result.trainAccuracy(), result.trainImages(),
                result.testAccuracy(), result.testImages(), folder);
    }
}
