package senslab.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import senslab.data.ImageSet;
import senslab.data.Normalization;
import senslab.models.StagedNetwork;

/**
 * The accuracies a trained classifier reached (fractions in [0, 1]) and on how many images, as written beside its
 * weights in a cache folder ({@value TrainedModels#RESULT}): the weights and this file together mean "trained".
 */
record TrainingResult(double trainAccuracy, int trainImages, double testAccuracy, int testImages) {

    /** Whether {@code folder} holds finished weights and their result. */
    static boolean isIn(Path folder) {
        return Files.isRegularFile(folder.resolve(TrainedModels.WEIGHTS))
                && Files.isRegularFile(folder.resolve(TrainedModels.RESULT));
    }

    /** Loads the weights of {@code folder} into {@code network} and reads their result. */
    static TrainingResult load(StagedNetwork network, Path folder) {
        network.load(folder.resolve(TrainedModels.WEIGHTS));
        Properties saved = Trainer.read(folder.resolve(TrainedModels.RESULT));
        return new TrainingResult(Double.parseDouble(saved.getProperty("trainAccuracy")),
                Integer.parseInt(saved.getProperty("trainImages")),
                Double.parseDouble(saved.getProperty("testAccuracy")),
                Integer.parseInt(saved.getProperty("testImages")));
    }

    /** Measures the accuracy of {@code network} on the images it was trained on and on test images. */
    static TrainingResult measure(StagedNetwork network, ImageSet train, ImageSet test, Normalization normalization) {
        System.out.printf("evaluating on %d training and %d test images%n", train.size(), test.size());
        return new TrainingResult(Evaluation.accuracy(network, train, normalization), train.size(),
                Evaluation.accuracy(network, test, normalization), test.size());
    }

    /**
     * Saves the trained weights and this result, with {@code description} (architecture, recipe, seed, data), into
     * {@code folder}, then removes the trainer's checkpoint.
     */
    void save(StagedNetwork network, Trainer trainer, Path folder, Map<String, String> description) {
        network.save(folder.resolve(TrainedModels.WEIGHTS));
        Properties saved = new Properties();
        description.forEach(saved::setProperty);
        saved.setProperty("trainAccuracy", Double.toString(trainAccuracy));
        saved.setProperty("trainImages", Integer.toString(trainImages));
        saved.setProperty("testAccuracy", Double.toString(testAccuracy));
        saved.setProperty("testImages", Integer.toString(testImages));
        try (Writer out = Files.newBufferedWriter(folder.resolve(TrainedModels.RESULT))) {
            saved.store(out, "trained " + description.get("architecture") + "; delete this folder to train again");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results in " + folder + ": " + e.getMessage(), e);
        }
        trainer.deleteCheckpoint();
    }
}
