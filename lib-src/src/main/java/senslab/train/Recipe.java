package senslab.train;

import java.util.Locale;

/**
 * How a classifier is trained: Adam with a learning rate on a {@link Schedule}, L2 weight decay, label smoothing,
 * minibatch size, epochs, and how many training images of each class are used ({@code 0}: all). {@link #key()}
 * names the recipe in cache folders.
 */
public record Recipe(String name, float learningRate, Schedule schedule, float weightDecay, float labelSmoothing,
        int batchSize, int epochs, int imagesPerClass) {

    /** The learning rate over training. */
    public enum Schedule {
        /** {@code learningRate} throughout (the paper's). */
        CONSTANT,
        /** A linear warm-up over the first epoch to {@code learningRate}, then constant. */
        WARM_UP,
        /** A linear warm-up over the first 30 % of steps to {@code learningRate}, then cosine decay to zero. */
        ONE_CYCLE
    }

    public Recipe {
        if (!(learningRate > 0) || weightDecay < 0 || labelSmoothing < 0 || labelSmoothing >= 1
                || batchSize < 1 || epochs < 1 || imagesPerClass < 0) {
            throw new IllegalArgumentException("not a usable recipe: " + name + " lr " + learningRate
                    + ", weight decay "
                    + weightDecay + ", label smoothing " + labelSmoothing + ", batch " + batchSize + ", epochs "
                    + epochs + ", images per class " + imagesPerClass);
        }
    }

    /**
     * The paper's recipe: Adam, learning rate 0.001, batch 64, 15 epochs over all 50,000 images, plain cross-entropy.
     */
    public static Recipe paper() {
        return new Recipe("paper", 1e-3f, Schedule.CONSTANT, 0f, 0f, 64, 15, 0);
    }

    /** This recipe under another name. */
    public Recipe named(String newName) {
        return new Recipe(newName, learningRate, schedule, weightDecay, labelSmoothing, batchSize, epochs,
                imagesPerClass);
    }

    /** This recipe with another number of epochs. */
    public Recipe withEpochs(int epochs) {
        return new Recipe(name, learningRate, schedule, weightDecay, labelSmoothing, batchSize, epochs, imagesPerClass);
    }

    /** This recipe on the first {@code n} training images of each class. */
    public Recipe withImagesPerClass(int n) {
        return new Recipe(name, learningRate, schedule, weightDecay, labelSmoothing, batchSize, epochs, n);
    }

    /** The learning rate at step {@code step} (0-based) of {@code totalSteps}. */
    public float learningRateAt(long step, long totalSteps) {
        return switch (schedule) {
            case CONSTANT -> learningRate;
            case WARM_UP -> step < totalSteps / epochs ? warmingUp(step, Math.max(1, totalSteps / epochs))
                    : learningRate;
            case ONE_CYCLE -> {
                double warmup = Math.max(1, 0.3 * totalSteps);
                if (step < warmup) {
                    yield warmingUp(step, warmup);
                }
                double progress = (step - warmup) / Math.max(1, totalSteps - warmup);
                yield (float) (learningRate * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, progress))));
            }
        };
    }

    /** From 4 % of the rate at step 0, linearly, to the rate at step {@code steps}. */
    private float warmingUp(long step, double steps) {
        return (float) (learningRate * (0.04 + 0.96 * step / steps));
    }

    /** A file-name-safe description of every setting, e.g. {@code paper-adam0.001-constant-wd0-ls0-b64-e15-all}. */
    public String key() {
        return String.format(Locale.ROOT, "%s-adam%s-%s-wd%s-ls%s-b%d-e%d-%s", name, compact(learningRate),
                schedule.name().toLowerCase(Locale.ROOT).replace("_", ""), compact(weightDecay),
                compact(labelSmoothing),
                batchSize, epochs, imagesPerClass == 0 ? "all" : imagesPerClass + "pc");
    }

    private static String compact(float value) {
        return new java.math.BigDecimal(Float.toString(value)).stripTrailingZeros().toPlainString();
    }
}
