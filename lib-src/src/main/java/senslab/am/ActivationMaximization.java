package senslab.am;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import senslab.data.Normalization;
import senslab.engine.OwnedScalar;
import senslab.image.Clamp;
import senslab.image.GaussianBlur;
import senslab.image.ImageOperator;
import senslab.models.FrozenParameters;
import senslab.models.StagedNetwork;

/**
 * Activation maximization by gradient ascent (paper section 3.2), composed of small pieces:
 * an {@link Objective} (what to maximize, one target per image of the batch), {@link Penalty}s with
 * their weights (eq. 4: x ← x + ε₁ ∂a/∂x − ε₂ ∂R/∂x), {@link Transform}s the network sees the image
 * through (jitter), regularizing {@link ImageOperator}s r of eq. 5 (x ← r(x) + ε₁ ∂a/∂x) and
 * constraints applied after each step (clamping to [0, 1]).
 *
 * <p>Immutable, as {@code PixelSensitivity} and {@code Sobol} are: every option returns a new configuration with
 * one value of its {@link AmSettings} (the recipe its change maps record) replaced, so one recipe can be varied
 * without changing it.
 *
 * <p>The image lives in <b>pixel space</b> [0, 1]; the {@link Normalization} is applied only on the way
 * into the network, so clamping and TV are about the picture itself. All targets are optimized together
 * in one batch. Each step runs in its own NDManager scope, so memory stays flat over hundreds of steps.
 *
 * <pre>{@code
 * AmResult r = ActivationMaximization.paperTv(net, Normalization.CIFAR10, Objective.classLogit(0, 1, 2))
 *         .runFromNoise(7);
 * }</pre>
 */
public final class ActivationMaximization {
    /** The paper's ε₁ and ε₂. */
    public static final double PAPER_STEP = 0.1;
    /** The paper's number of steps. */
    public static final int PAPER_STEPS = 300;

    /** Measures every run's smoothness, whatever regularizes it. */
    private static final TotalVariation TV = new TotalVariation();

    private final StagedNetwork network;
    private final Normalization normalization;
    private final AmSettings settings;
    private final int progressEvery;
    private final Consumer<AmProgress> progress;

    private ActivationMaximization(StagedNetwork network, Normalization normalization, AmSettings settings,
            int progressEvery, Consumer<AmProgress> progress) {
        this.network = Objects.requireNonNull(network, "network");
        this.normalization = Objects.requireNonNull(normalization, "normalization");
        this.settings = settings;
        this.progressEvery = progressEvery;
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * Plain gradient ascent of {@code objective} (eq. 2), 300 steps of ε₁ = 0.1; add pieces with the methods
     * below. Immutable: every one of them returns a new configuration.
     */
    public static ActivationMaximization of(StagedNetwork network, Normalization normalization, Objective objective) {
        return new ActivationMaximization(network, normalization, AmSettings.plain(objective), 0, AmProgress::print);
    }

    /** The paper's TV recipe (eq. 4): ε₁ = ε₂ = 0.1, 300 steps, clamped to [0, 1] after each step. */
    public static ActivationMaximization paperTv(StagedNetwork network, Normalization normalization,
            Objective objective) {
        return of(network, normalization, objective).penalize(new TotalVariation(), PAPER_STEP).constrain(Clamp.unit());
    }

    /** The operator variant (eq. 5): a Gaussian blur of {@code sigma} pixels each step, ε₁ = 0.1, clamped. */
    public static ActivationMaximization paperBlur(StagedNetwork network, Normalization normalization,
            Objective objective, double sigma) {
        return of(network, normalization, objective).regularize(new GaussianBlur(sigma)).constrain(Clamp.unit());
    }

    /** A batch of starting images: mid-grey 0.5 plus uniform noise of ±{@code 0.1}, reproducible by seed. */
    public static NDArray noise(NDManager manager, int batch, int channels, int height, int width, long seed) {
        manager.getEngine().setRandomSeed((int) seed);
        return manager.randomUniform(0.4f, 0.6f, new Shape(batch, channels, height, width));
    }

    /** The whole recipe at once (e.g. one recorded by an earlier run's change maps). */
    public ActivationMaximization with(AmSettings recipe) {
        return new ActivationMaximization(network, normalization, recipe, progressEvery, progress);
    }

    /** The number of gradient steps (the paper: 300). */
    public ActivationMaximization steps(int steps) {
        return with(settings.withSteps(steps));
    }

    /** ε₁, the step along the activation gradient. */
    public ActivationMaximization stepSize(double epsilon1) {
        return with(settings.withStepSize(epsilon1));
    }

    /** Adds −weight·∂R/∂x to every step (eq. 4 with ε₂ = weight). */
    public ActivationMaximization penalize(Penalty penalty, double weight) {
        return with(settings.withPenalty(penalty, weight));
    }

    /** The network sees the image through {@code transform} (applied in order). */
    public ActivationMaximization transform(Transform transform) {
        return with(settings.withTransform(transform));
    }

    /** Eq. 5: x ← r(x) + ε₁ ∂a/∂x, with r applied in order. */
    public ActivationMaximization regularize(ImageOperator operator) {
        return with(settings.withRegularizer(operator));
    }

    /** Applied to the image after every step (e.g. {@link Clamp#unit()}). */
    public ActivationMaximization constrain(ImageOperator operator) {
        return with(settings.withConstraint(operator));
    }

    /** Seed of the stochastic transforms. */
    public ActivationMaximization seed(long seed) {
        return with(settings.withSeed(seed));
    }

    /** Reports progress every {@code every} steps (0 = ten reports per run) to {@code listener}. */
    public ActivationMaximization progress(int every, Consumer<AmProgress> listener) {
        return new ActivationMaximization(network, normalization, settings, every, listener);
    }

    /** No progress reports. */
    public ActivationMaximization quiet() {
        return progress(Integer.MAX_VALUE, p -> { });
    }

    /** The recipe: objective, steps, penalties, transforms, operators, seed. */
    public AmSettings settings() {
        return settings;
    }

    /**
     * Runs the ascent from grey noise ({@link #noise} of {@code seed}), one image of the network's input shape per
     * target of the objective; see {@link #run}.
     */
    public AmResult runFromNoise(long seed) {
        Shape image = network.imageShape();
        try (NDManager manager = NDManager.newBaseManager()) {
            return run(noise(manager, settings.objective().batchSize(), (int) image.get(0), (int) image.get(1),
                    (int) image.get(2), seed));
        }
    }

    /**
     * Runs the ascent from {@code start} ({@code [batch, channels, height, width]} in pixel space, one image
     * per target; left untouched) and returns the final images and the activation trace of every target.
     */
    public AmResult run(NDArray start) {
        Objective objective = settings.objective();
        Shape shape = start.getShape();
        if (shape.dimension() != 4 || shape.get(0) != objective.batchSize()) {
            throw new IllegalArgumentException("start must be [" + objective.batchSize()
                    + ", channels, height, width] (one image per target of " + objective.describe() + "), got "
                    + shape);
        }
        List<String> labels = objective.target().labels(network.stageNames());
        if (labels.size() != 1) {
            throw new IllegalArgumentException("activation maximization climbs one number per image: give a target"
                    + " with one label, not " + labels);
        }
        int steps = settings.steps();
        int batch = objective.batchSize();
        float[][] activation = new float[batch][steps + 1];
        float[][] totalVariation = new float[batch][steps + 1];
        Random random = new Random(settings.seed());
        int every = progressEvery > 0 ? progressEvery : Math.max(1, steps / 10);
        long started = System.nanoTime();
        try (NDManager root = start.getManager().newSubManager();
                FrozenParameters frozen = new FrozenParameters(network.block())) {
            ParameterStore store = new ParameterStore(root, false);
            NDArray x = start.duplicate();
            x.attach(root);
            for (int t = 0; t < steps; t++) {
                NDArray next;
                try (NDManager scope = root.newSubManager()) {
                    x.tempAttach(scope);
                    x.setRequiresGradient(true);
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        collector.backward(climb(x, store, random, activation, totalVariation, t));
                    }
                    NDArray gradient = x.getGradient();
                    NDArray base = x.stopGradient();
                    for (ImageOperator r : settings.regularizers()) {
                        base = r.apply(base);
                    }
                    next = base.add(gradient);
                    for (ImageOperator c : settings.constraints()) {
                        next = c.apply(next);
                    }
                    next.attach(root);
                }
                x.close();
                x = next;
                if (t % every == 0) {
                    progress.accept(new AmProgress(t, steps, activation, totalVariation, seconds(started)));
                }
            }
            try (NDManager scope = root.newSubManager()) {
                x.tempAttach(scope);
                climb(x, store, random, activation, totalVariation, steps);
            }
            progress.accept(new AmProgress(steps, steps, activation, totalVariation, seconds(started)));
            return new AmResult(settings, labels, start.toFloatArray(), x.toFloatArray(), shape, activation,
                    totalVariation);
        }
    }

    /** ε₁·Σa − Σ ε_k·ΣR_k at x (whose gradient is the step of eq. 4), recording a and the TV of x at step t. */
    private NDArray climb(NDArray x, ParameterStore store, Random random, float[][] activation,
            float[][] totalVariation, int t) {
        NDArray seen = x;
        for (Transform transform : settings.transforms()) {
            seen = transform.apply(seen, random);
        }
        NDArray a = settings.objective().activation(network, store, normalization.apply(seen));
        NDArray climb = a.sum().mul(OwnedScalar.of(a, settings.stepSize()));
        for (AmSettings.Weighted p : settings.penalties()) {
            climb = climb.sub(p.penalty().value(x).sum().mul(OwnedScalar.of(x, p.weight())));
        }
        record(a, activation, t);
        record(TV.value(x.stopGradient()), totalVariation, t);
        return climb;
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }

    private static void record(NDArray perImage, float[][] trace, int t) {
        float[] values = perImage.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        for (int i = 0; i < values.length; i++) {
            trace[i][t] = values[i];
        }
    }
}
