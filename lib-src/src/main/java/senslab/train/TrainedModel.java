package senslab.train;

import java.nio.file.Path;
import senslab.Profile;
import senslab.models.CifarNet;
import senslab.models.StagedNetwork;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A trained CIFAR-10 network with how it was trained and the accuracies it reached (fractions in [0, 1]);
 * close it to free the network's memory.
 */
public record TrainedModel(CifarNet architecture, Profile profile, Recipe recipe, long seed, StagedNetwork network,
        double trainAccuracy, int trainImages, double testAccuracy, int testImages,
        Path folder) implements AutoCloseable {

    /** The file holding the trained weights, for {@code StagedNetwork.load} (e.g. in another JVM). */
    public Path weightsFile() {
        return folder.resolve(TrainedModels.WEIGHTS);
    }

    /** This run's accuracies next to the paper's, in percent. */
    public Table comparison() {
        return Table.create(architecture.label() + " on CIFAR-10: accuracy (%)",
                StringColumn.create("run", "this run (" + profile.label() + " profile, " + recipe.key() + ", seed "
                        + seed + ")", "paper"),
                DoubleColumn.create("train", round(100 * trainAccuracy), architecture.paperTrainAccuracy()),
                DoubleColumn.create("test", round(100 * testAccuracy), architecture.paperTestAccuracy()),
                StringColumn.create("measured on", trainImages + " train / " + testImages + " test images",
                        "50000 / 10000"));
    }

    /** One line: "VGG-16 (quick): train 71.2 %, test 64.0 % (paper 92 / 84.9 %)". */
    public String summary() {
        return String.format(
                "%s (%s profile): train %.1f %% on %d images, test %.1f %% on %d images (paper: %.2f / %.2f %%)",
                architecture.label(), profile.label(), 100 * trainAccuracy, trainImages, 100 * testAccuracy, testImages,
                architecture.paperTrainAccuracy(), architecture.paperTestAccuracy());
    }

    private static double round(double percent) {
        return Math.round(percent * 100) / 100.0;
    }

    @Override
    public void close() {
        network.close();
    }
}
