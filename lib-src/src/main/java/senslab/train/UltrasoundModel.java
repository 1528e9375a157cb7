package senslab.train;

import ai.djl.engine.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import senslab.Profile;
import senslab.Project;
import senslab.data.ImageFolder;
import senslab.data.ImageSet;
import senslab.data.Normalization;
import senslab.data.UltrasoundImages;
import senslab.models.StagedNetwork;
import senslab.models.Vgg16;

/**
 * The VGG-16 of paper section 4, trained on a lung-ultrasound image folder ({@code train|test/<class>/…},
 * as {@link UltrasoundImages} unpacks it) with the authors' recipe, through the project's image-folder
 * loader and trainer: 224×224 inputs, classifier 512·7·7 → 4096 → 4096 → classes, Adam lr 1e-4 with
 * weight decay 5e-4, batch 32, 5 epochs, normalization {@link Normalization#ULTRASOUND}. Weights are
 * cached under {@code data/models/} in a folder named by the data, size, recipe and seed.
 */
public final class UltrasoundModel {
    /** The authors' input size. */
    public static final int SIZE = 224;
    public static final long SEED = 1;

    private UltrasoundModel() {
    }

    /** The authors' recipe. */
    public static Recipe paperRecipe() {
        return new Recipe("ultrasound-paper", 1e-4f, Recipe.Schedule.CONSTANT, 5e-4f, 0f, 32, 5, 0);
    }

    /**
     * The recipe of a profile: the authors', for the epochs and images per class of the profile's table
     * ({@link Profile#ULTRASOUND_EPOCHS}, {@link Profile#ULTRASOUND_IMAGES}): {@code paper} the authors' 5 epochs;
     * {@code quick} 2; {@code smoke} 1 epoch on the first 8 images of each class (the mechanics only).
     */
    public static Recipe recipe(Profile profile) {
        return paperRecipe().withEpochs(profile.get(Profile.ULTRASOUND_EPOCHS))
                .withImagesPerClass(profile.get(Profile.ULTRASOUND_IMAGES));
    }

    /**
     * The network trained on {@code folder} by {@code profile}'s {@link #recipe}, loaded from the cache when trained
     * before.
     */
    public static StagedNetwork loadOrTrain(Path folder, Profile profile) {
        return loadOrTrain(folder, SIZE, recipe(profile), SEED, Project.data().resolve("models"));
    }

    /**
     * The network for {@code size × size} images trained by {@code recipe} with {@code seed} on {@code folder}
     * (resuming from a checkpoint), or loaded from its folder under {@code modelsDir}.
     */
    public static StagedNetwork loadOrTrain(Path folder, int size, Recipe recipe, long seed, Path modelsDir) {
        Path cache = modelsDir.getParent() == null ? modelsDir.resolve("cache") : modelsDir.resolveSibling("cache");
        ImageSet train = ImageFolder.read(folder.resolve("train"), size, cache);
        ImageSet test = ImageFolder.read(folder.resolve("test"), size, cache);
        if (!train.classes().equals(test.classes())) {
            throw new IllegalArgumentException("the train and test folders of " + folder + " have different classes: "
                    + train.classes() + " vs " + test.classes());
        }
        Path dir = modelsDir.resolve("ultrasound-vgg16-" + ImageFolder.key(folder.resolve("train"), size) + "-"
                + recipe.key() + "-seed" + seed);
        Path weights = dir.resolve("weights.params");
        Engine.getInstance().setRandomSeed((int) seed);
        StagedNetwork network = Vgg16.create(size, train.classes().size());
        try {
            if (Files.isRegularFile(weights)) {
                network.load(weights);
                System.out.println("loaded the trained ultrasound VGG-16 from " + dir);
                return network;
            }
            System.out.printf("training VGG-16 (%dx%d, classes %s) on %d images of %s (%s); checkpoints in %s%n",
                    size, size, train.classes(), train.size(), folder, recipe.key(), dir);
            Trainer trainer = new Trainer(network, recipe, seed, Normalization.ULTRASOUND, dir);
            trainer.fit(train, test);
            System.out.printf("accuracy: train %.1f %% (paper: 94 %%), test %.1f %%%n",
                    100 * Evaluation.accuracy(network, train, Normalization.ULTRASOUND),
                    100 * Evaluation.accuracy(network, test, Normalization.ULTRASOUND));
            network.save(weights);
            trainer.deleteCheckpoint();
            return network;
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }
}
