package senslab.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import senslab.data.ImageSet;
import senslab.data.Normalization;
import senslab.models.StagedNetwork;

/**
 * Minibatch training of a classifier with cross-entropy and Adam, as a {@link Recipe} says. Prints its
 * progress (epoch, batch, loss, accuracy, images/s) to {@code System.out} about every
 * {@value #PROGRESS_SECONDS} seconds; checkpoints the weights and the optimizer state into a folder after
 * every epoch and resumes from there when started again; stops cleanly, keeping the last checkpoint, when
 * its thread is interrupted (a notebook's stop button).
 */
public final class Trainer {
    static final int PROGRESS_SECONDS = 10;
    private static final String CHECKPOINT = "checkpoint";

    private final StagedNetwork network;
    private final Recipe recipe;
    private final long seed;
    private final Normalization normalization;
    private final Path checkpoints;
    private Consumer<Epoch> onEpoch = epoch -> { };

    /** One epoch's figures: mean training loss and accuracy over its batches, monitored test accuracy, seconds. */
    public record Epoch(int epoch, double loss, double trainAccuracy, double testAccuracy, double seconds) {
    }

    /**
     * Trains {@code network} (already initialized) by {@code recipe}; {@code seed} fixes the order of the
     * images; checkpoints go to {@code checkpoints} (a folder of their own).
     */
    public Trainer(StagedNetwork network, Recipe recipe, long seed, Normalization normalization, Path checkpoints) {
        this.network = network;
        this.recipe = recipe;
        this.seed = seed;
        this.normalization = normalization;
        this.checkpoints = checkpoints;
    }

    /** Calls {@code listener} after each epoch is checkpointed (e.g. to chart the progress live). */
    public Trainer onEpoch(Consumer<Epoch> listener) {
        onEpoch = listener;
        return this;
    }

    /**
     * Runs the epochs not yet checkpointed, monitoring accuracy on {@code monitor} (a few test images) after each,
     * and returns every epoch's figures (those of earlier runs included).
     *
     * @throws CancellationException when the thread is interrupted; the last checkpoint stays
     */
    public List<Epoch> fit(ImageSet train, ImageSet monitor) {
        ImageSet images = recipe.imagesPerClass() > 0 ? train.firstPerClass(recipe.imagesPerClass()) : train;
        List<Parameter> trainable = network.block().getParameters().values().stream()
                .filter(Parameter::requiresGradient).toList();
        AdamState adam = new AdamState(trainable, network.parameterManager());
        List<Epoch> history = resume(adam);
        int batches = (images.size() + recipe.batchSize() - 1) / recipe.batchSize();
        long totalSteps = (long) batches * recipe.epochs();
        for (int epoch = history.size() + 1; epoch <= recipe.epochs(); epoch++) {
            int[] order = shuffled(images.size(), new Random(seed * 1_000_003L + epoch));
            long start = System.nanoTime();
            long shown = start;
            double lossSum = 0;
            long correct = 0;
            int seen = 0;
            for (int b = 0; b < batches; b++) {
                if (Thread.interrupted()) {
                    throw stopped(epoch - 1);
                }
                int[] batch =
                        IntStream.range(b * recipe.batchSize(), Math.min(images.size(), (b + 1) * recipe.batchSize()))
                        .map(i -> order[i]).toArray();
                if (batch.length < 2) {
                    continue; // BatchNorm cannot train on one image
                }
                float[] lossAndCorrect = step(images, batch, adam, recipe.learningRateAt(adam.steps(), totalSteps));
                lossSum += lossAndCorrect[0] * batch.length;
                correct += (long) lossAndCorrect[1];
                seen += batch.length;
                long now = System.nanoTime();
                if (now - shown > PROGRESS_SECONDS * 1e9 || b == batches - 1) {
                    shown = now;
                    double rate = seen / ((now - start) / 1e9);
                    System.out.printf(
                            "epoch %d/%d  batch %d/%d  loss %.3f  accuracy %.1f %%  %.0f images/s  %s left in epoch%n",
                            epoch, recipe.epochs(), b + 1, batches, lossSum / seen, 100.0 * correct / seen, rate,
                            duration((images.size() - seen) / rate));
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double tested = monitor == null ? Double.NaN : Evaluation.accuracy(network, monitor, normalization);
            Epoch done = new Epoch(epoch, lossSum / seen, (double) correct / seen, tested, seconds);
            history.add(done);
            checkpoint(adam, history);
            System.out.printf("epoch %d/%d done in %s: loss %.3f, training accuracy %.1f %%%s; checkpoint saved%n",
                    epoch,
                    recipe.epochs(), duration(seconds), done.loss(), 100 * done.trainAccuracy(),
                    monitor == null ? ""
                    : String.format(", accuracy on %d test images %.1f %%", monitor.size(), 100 * tested));
            onEpoch.accept(done);
        }
        return history;
    }

    /**
     * Forward, cross-entropy (with label smoothing), backward and an Adam update on one batch, in its own memory scope.
     */
    private float[] step(ImageSet images, int[] batch, AdamState adam, float learningRate) {
        try (NDManager scope = network.parameterManager().newSubManager()) {
            NDArray x = images.batch(scope, batch, normalization);
            NDArray labels = images.labels(scope, batch);
            NDArray loss;
            NDArray logits;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                logits = network.forward(network.parameterStore(), x, true);
                int classes = (int) logits.getShape().get(1);
                float smoothing = recipe.labelSmoothing();
                NDArray target = labels.oneHot(classes).mul(1 - smoothing).add(smoothing / classes);
                loss = logits.logSoftmax(1).mul(target).sum(new int[] {1}).mean().neg();
                collector.backward(loss);
            }
            adam.step(learningRate, recipe.weightDecay());
            long correct = logits.argMax(1).toType(DataType.INT32, false).eq(labels).sum().getLong();
            return new float[] {loss.getFloat(), correct};
        }
    }

    private List<Epoch> resume(AdamState adam) {
        Path properties = checkpoints.resolve(CHECKPOINT + ".properties");
        List<Epoch> history = new ArrayList<>();
        if (!Files.isRegularFile(properties)) {
            return history;
        }
        Properties saved = read(properties);
        if (!recipe.key().equals(saved.getProperty("recipe")) || seed != Long.parseLong(saved.getProperty("seed"))) {
            throw new IllegalStateException(checkpoints + " holds a checkpoint of another recipe or seed ("
                    + saved.getProperty("recipe") + ", seed " + saved.getProperty("seed") + "); use another folder");
        }
        network.load(checkpoints.resolve(CHECKPOINT + ".params"));
        adam.load(checkpoints.resolve(CHECKPOINT + ".adam"));
        int epochs = Integer.parseInt(saved.getProperty("epochs"));
        for (int e = 1; e <= epochs; e++) {
            String[] f = saved.getProperty("epoch" + e).split(",");
            history.add(new Epoch(e, Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3])));
        }
        System.out.printf("resuming from the checkpoint after epoch %d of %d in %s%n", epochs, recipe.epochs(),
                checkpoints);
        return history;
    }

    private void checkpoint(AdamState adam, List<Epoch> history) {
        try {
            Files.createDirectories(checkpoints);
            Properties saved = new Properties();
            saved.setProperty("recipe", recipe.key());
            saved.setProperty("seed", Long.toString(seed));
            saved.setProperty("epochs", Integer.toString(history.size()));
            for (Epoch e : history) {
                saved.setProperty("epoch" + e.epoch(), e.loss() + "," + e.trainAccuracy() + "," + e.testAccuracy() + ","
                        + e.seconds());
            }
            network.save(checkpoints.resolve(CHECKPOINT + ".params"));
            adam.save(checkpoints.resolve(CHECKPOINT + ".adam"));
            Path partial = checkpoints.resolve(CHECKPOINT + ".properties.partial");
            try (Writer out = Files.newBufferedWriter(partial)) {
                saved.store(out, "training checkpoint: delete this folder to start over");
            }
            Files.move(partial, checkpoints.resolve(CHECKPOINT + ".properties"),
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a checkpoint in " + checkpoints + ": " + e.getMessage(), e);
        }
    }

    /** Removes the checkpoint files (once the final weights are saved elsewhere). */
    public void deleteCheckpoint() {
        for (String suffix : List.of(".params", ".adam", ".properties")) {
            try {
                Files.deleteIfExists(checkpoints.resolve(CHECKPOINT + suffix));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private CancellationException stopped(int epochsDone) {
        return new CancellationException("training stopped by an interrupt; " + (epochsDone == 0
                ? "no epoch was finished, so there is no checkpoint yet"
                : "the checkpoint after epoch " + epochsDone + " stays in " + checkpoints + ": run again to resume"));
    }

    static Properties read(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static int[] shuffled(int n, Random random) {
        int[] order = IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }
}
