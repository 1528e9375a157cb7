package senslab.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import senslab.engine.OwnedScalar;

/**
 * Full-batch training of a binary classifier that outputs probabilities ({@code [batch, 1]}), with binary
 * cross-entropy and plain SGD with L2 weight decay, w ← w − lr (∂L/∂w + λ w), exactly PyTorch's
 * {@code SGD(lr, weight_decay)} without momentum. Every epoch is one step on the whole training set; each
 * step's arrays live in their own NDManager, so memory stays flat over thousands of epochs. DJL's PyTorch
 * gradient collector is one per process, so trainings run one after the other, not side by side.
 */
public final class FullBatchTraining {
    private final TrainingRecipe recipe;
    private final int reportEvery;
    private final Consumer<String> progress;

    private FullBatchTraining(TrainingRecipe recipe, int reportEvery, Consumer<String> progress) {
        this.recipe = recipe;
        this.reportEvery = reportEvery;
        this.progress = progress;
    }

    /** Training with this recipe, silent. */
    public static FullBatchTraining of(TrainingRecipe recipe) {
        return new FullBatchTraining(recipe, 0, line -> { });
    }

    /** Reports epoch, loss and elapsed time every {@code epochs} epochs (and at the end) to {@code sink}. */
    public FullBatchTraining progress(int epochs, Consumer<String> sink) {
        return new FullBatchTraining(recipe, epochs, sink);
    }

    public TrainingRecipe recipe() {
        return recipe;
    }

    /**
     * Trains an initialized block in place on rows {@code x} with 0/1 labels {@code y}; parameters stay in
     * whatever manager they were initialized in.
     */
    public TrainingLog train(Block block, double[][] x, double[] y) {
        if (!block.isInitialized()) {
            throw new IllegalArgumentException("initialize the block before training it");
        }
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException(x.length + " rows but " + y.length + " labels");
        }
        int d = x[0].length;
        float[] features = new float[x.length * d];
        // BCE needs the probability of each row's true class: p·(2y − 1) + (1 − y)
        float[] sign = new float[y.length];
        float[] offset = new float[y.length];
        for (int r = 0; r < x.length; r++) {
            for (int c = 0; c < d; c++) {
                features[r * d + c] = (float) x[r][c];
            }
            if (y[r] != 0 && y[r] != 1) {
                throw new IllegalArgumentException("label " + r + " is " + y[r] + "; labels must be 0 or 1");
            }
            sign[r] = (float) (2 * y[r] - 1);
            offset[r] = (float) (1 - y[r]);
        }
        List<Parameter> weights = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                weights.add(p.getValue());
            }
        }
        NDManager owner = weights.get(0).getArray().getManager();
        float[] losses = new float[recipe.epochs()];
        long start = System.nanoTime();
        int threads = JniUtils.getNumThreads();
        // Tensors of 500 × 10 are far below what pays for parallel kernels: on a busy machine waking PyTorch's
        // worker threads for every small operation makes an epoch ten times slower than running on one.
        JniUtils.setNumThreads(1);
        try {
            runEpochs(block, owner, weights, features, sign, offset, x.length, d, losses, start);
        } finally {
            JniUtils.setNumThreads(threads);
        }
        return new TrainingLog(losses, (System.nanoTime() - start) / 1e9);
    }

    private void runEpochs(Block block, NDManager owner, List<Parameter> weights, float[] features, float[] sign,
            float[] offset, int rows, int d, float[] losses, long start) {
        Optimizer before = sgd(recipe.learningRate());
        Optimizer after = sgd(recipe.learningRate() * recipe.stepFactor());
        for (int epoch = 0; epoch < recipe.epochs(); epoch++) {
            try (NDManager step = owner.newSubManager()) {
                NDArray input = step.create(features, new Shape(rows, d));
                NDArray signs = step.create(sign, new Shape(rows, 1));
                NDArray offsets = step.create(offset, new Shape(rows, 1));
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray p = block.forward(new ParameterStore(step, false), new NDList(input), true)
                            .singletonOrThrow();
                    NDArray loss = binaryCrossEntropy(p, signs, offsets);
                    collector.backward(loss);
                    losses[epoch] = loss.getFloat();
                }
                Optimizer sgd = epoch < recipe.stepEpoch() ? before : after;
                for (Parameter w : weights) {
                    NDArray gradient = w.getArray().getGradient();
                    gradient.attach(step);
                    sgd.update(w.getId(), w.getArray(), gradient);
                    gradient.muli(0); // PyTorch accumulates gradients across backward passes
                }
            }
            if (reportEvery > 0 && ((epoch + 1) % reportEvery == 0 || epoch + 1 == recipe.epochs())) {
                progress.accept(String.format("epoch %5d/%d  loss %.4f  lr %.4g  %.1f s", epoch + 1, recipe.epochs(),
                        losses[epoch], recipe.learningRateAt(epoch), (System.nanoTime() - start) / 1e9));
            }
        }
    }

    /** Plain SGD with L2 weight decay (DJL's fused update: w ← w − lr (g + λ w)). */
    private Optimizer sgd(double learningRate) {
        return Optimizer.sgd().setLearningRateTracker(Tracker.fixed((float) learningRate))
                .optWeightDecays((float) recipe.weightDecay()).build();
    }

    /**
     * PyTorch's BCELoss, mean of −(y log p + (1 − y) log(1 − p)) with each log clamped at −100, written as
     * −mean(log q) with q = p·sign + offset the probability given to the true class (sign = 2y − 1,
     * offset = 1 − y): five tensor operations instead of thirteen. The clamp is an {@link OwnedScalar}: the
     * backward pass reads it.
     */
    static NDArray binaryCrossEntropy(NDArray p, NDArray sign, NDArray offset) {
        return p.mul(sign).add(offset).log().maximum(OwnedScalar.of(p, -100)).mean().neg();
    }

    /** The loss of every epoch and the wall time taken. */
    public record TrainingLog(float[] losses, double seconds) {
        public float finalLoss() {
            return losses[losses.length - 1];
        }
    }
}
