package senslab.notebook;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import senslab.Profile;
import senslab.attribution.Attribution;
import senslab.attribution.Target;
import senslab.axiomatic.Completeness;
import senslab.cam.GradCam;
import senslab.complexity.Complexity;
import senslab.complexity.Sparseness;
import senslab.faithfulness.Faithfulness;
import senslab.faithfulness.Infidelity;
import senslab.faithfulness.RandomAttribution;
import senslab.gradient.InputTimesGradient;
import senslab.gradient.IntegratedGradients;
import senslab.gradient.NoiseTunnel;
import senslab.gradient.Saliency;
import senslab.localisation.GroundTruth;
import senslab.localisation.PointingGame;
import senslab.localisation.RelevanceMass;
import senslab.metric.Evaluation;
import senslab.metric.EvaluationScores;
import senslab.metric.Method;
import senslab.metric.Metric;
import senslab.models.StagedNetwork;
import senslab.occlusion.Occlusion;
import senslab.occlusion.Rise;
import senslab.perturb.PixelSensitivity;
import senslab.randomisation.ModelRandomisation;
import senslab.randomisation.ParameterRandomisation;
import senslab.randomisation.RandomLogit;
import senslab.randomisation.RandomisationResult;
import senslab.robustness.InputNoise;

/**
 * Notebook 09's question, "which map can I trust?", for one network: every map method of the library built on it
 * with the profile's settings (saliency, input × gradient, Integrated Gradients, SmoothGrad, occlusion, RISE,
 * Grad-CAM of one stage, the gradient mode of the finite differences, and random cells as the chance level), every
 * metric family on it (faithfulness with infidelity, robustness, randomisation, complexity, completeness, and
 * localisation where the true masks are known), the one evaluation of methods × metrics × images, and the
 * cascading randomisation of every method for the strip of maps per randomised stage.
 *
 * <pre>{@code
 * MapTrust vgg = MapTrust.of("VGG-16", net, CifarNet.VGG16::create, "block3", 10, profile, System.out::println);
 * EvaluationScores scores = vgg.evaluate(x, Target.classLogit(labels));
 * }</pre>
 */
public final class MapTrust {
    /** The chance level's name in tables and sentences. */
    public static final String RANDOM = "random";
    /** Occlusion's square, in pixels: the synthetic patch's size. */
    private static final int OCCLUSION_WINDOW = 8;
    /** Occlusion's step, in pixels: 49 windows on a 32 × 32 image, each pixel under up to 4 of them. */
    private static final int OCCLUSION_STRIDE = 4;
    /** Uniform input noise of the robustness metrics, in normalized units (about 6 of 255 grey levels on CIFAR-10). */
    private static final double NOISE_RADIUS = 0.1;
    /** Side of the squares infidelity removes, in pixels. */
    private static final int INFIDELITY_SQUARE = 8;
    private static final double MU_FIDELITY_FRACTION = 0.2;

    private final Settings settings;
    private final StagedNetwork net;
    private final Supplier<StagedNetwork> architecture;
    private final Consumer<String> progress;
    private final Map<String, Function<StagedNetwork, Attribution>> recipes;

    /**
     * What a {@code MapTrust} is made of besides its network, as a value that can travel: an evaluation on Spark
     * rebuilds the same methods and metrics with it on each executor's copy of the network ({@link #on}).
     *
     * @param network  how tables name the network
     * @param camStage the stage Grad-CAM reads
     * @param classes  the network's outputs
     * @param profile  the profile whose settings the methods and metrics take
     * @param truth    the true masks of the localisation metrics (by the image's index in the set), or null: none
     */
    public record Settings(String network, String camStage, int classes, Profile profile, GroundTruth truth)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        public Settings {
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(camStage, "camStage");
            Objects.requireNonNull(profile, "profile");
        }

        /**
         * The methods and metrics on {@code net}; {@code architecture} makes a new network of the same architecture
         * (the randomisation metrics randomise a copy, never {@code net}).
         */
        public MapTrust on(StagedNetwork net, Supplier<StagedNetwork> architecture, Consumer<String> progress) {
            net.indexOf(camStage);
            Map<String, Function<StagedNetwork, Attribution>> recipes = new LinkedHashMap<>();
            recipes.put("saliency", Saliency::of);
            recipes.put("input × gradient", InputTimesGradient::of);
            recipes.put("Integrated Gradients", n -> IntegratedGradients.of(n).steps(profile.get(Profile.IG_STEPS)));
            recipes.put("SmoothGrad", n -> NoiseTunnel.smoothGrad(Saliency.of(n))
                    .samples(profile.get(Profile.NOISE_SAMPLES)));
            recipes.put("occlusion", n -> Occlusion.of(n).window(OCCLUSION_WINDOW).stride(OCCLUSION_STRIDE));
            recipes.put("RISE", n -> Rise.of(n).masks(profile.get(Profile.RISE_MASKS)));
            recipes.put("Grad-CAM " + camStage, n -> new GradCam(n, camStage));
            recipes.put("gradient mode", n -> PixelSensitivity.of(n).firstOrder(64, 0));
            return new MapTrust(this, net, architecture, progress, recipes);
        }
    }

    private MapTrust(Settings settings, StagedNetwork net, Supplier<StagedNetwork> architecture,
            Consumer<String> progress, Map<String, Function<StagedNetwork, Attribution>> recipes) {
        this.settings = settings;
        this.net = Objects.requireNonNull(net, "net");
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.recipes = recipes;
    }

    /**
     * The methods and metrics for {@code net} ({@code classes} outputs), named {@code network} in tables;
     * {@code architecture} makes a new network of the same architecture (the randomisation metrics randomise a
     * copy, never {@code net}); Grad-CAM is taken at {@code camStage}.
     */
    public static MapTrust of(String network, StagedNetwork net, Supplier<StagedNetwork> architecture,
            String camStage, int classes, Profile profile, Consumer<String> progress) {
        return new Settings(network, camStage, classes, profile, null).on(net, architecture, progress);
    }

    /** The same, with the localisation metrics scored against {@code truth} (by the image's index in the set). */
    public MapTrust withTruth(GroundTruth masks) {
        return new Settings(settings.network(), settings.camStage(), settings.classes(), settings.profile(),
                Objects.requireNonNull(masks, "masks")).on(net, architecture, progress);
    }

    /** What this is made of besides the network: to rebuild it elsewhere (an executor) with {@link Settings#on}. */
    public Settings settings() {
        return settings;
    }

    public String network() {
        return settings.network();
    }

    /** Every method on the network, in the order above, then random cells on the metrics' grid. */
    public List<Method> methods() {
        List<Method> methods = new ArrayList<>();
        recipes.forEach((name, recipe) -> methods.add(Method.of(name, recipe.apply(net))));
        methods.add(Method.of(RANDOM, new RandomAttribution(net, settings.profile().get(Profile.METRIC_GRID), 0)));
        return methods;
    }

    /** Every metric, family by family, with the profile's settings (localisation only when masks are known). */
    public List<Metric> metrics() {
        Profile profile = settings.profile();
        int draws = profile.get(Profile.METRIC_PERTURBATIONS);
        List<Metric> metrics = new ArrayList<>(Faithfulness.of(net).grid(profile.get(Profile.METRIC_GRID))
                .muFidelity(draws, MU_FIDELITY_FRACTION).metrics());
        metrics.add(Infidelity.squares(net, INFIDELITY_SQUARE, draws, 0).scaled());
        metrics.addAll(InputNoise.uniform(NOISE_RADIUS, profile.get(Profile.ROBUSTNESS_SAMPLES), 0).metrics());
        metrics.add(new ParameterRandomisation(ModelRandomisation.of(net, architecture), recipes));
        metrics.add(new RandomLogit(settings.classes(), 0));
        metrics.add(new Sparseness());
        metrics.add(new Complexity());
        metrics.add(Completeness.of(net));
        metrics.add(Completeness.of(net).against(0f));
        if (settings.truth() != null) {
            metrics.add(new PointingGame(settings.truth()));
            metrics.add(new RelevanceMass(settings.truth()));
        }
        return metrics;
    }

    /** Every method × every metric over the images of {@code inputs} (numbered from 0 in their set). */
    public EvaluationScores evaluate(NDArray inputs, Target target) {
        progress.accept(network() + ": " + recipes.size() + " methods and random cells × " + metrics().size()
                + " metrics over " + inputs.getShape().get(0) + " images");
        return evaluation().scores(inputs, target);
    }

    /** The one evaluation of every method × every metric that {@link #evaluate} runs, for pieces of a set. */
    public Evaluation evaluation() {
        return Evaluation.of(methods(), metrics()).progress(line -> progress.accept(network() + ", " + line));
    }

    /**
     * The cascading randomisation of every method (random cells aside) on the first {@code images} images of
     * {@code inputs}: each method's maps on the trained network, then after each stage is randomised, top down.
     */
    public Map<String, RandomisationResult> cascade(NDArray inputs, Target target, int images) {
        ModelRandomisation randomisation = ModelRandomisation.of(net, architecture);
        Map<String, RandomisationResult> results = new LinkedHashMap<>();
        try (NDArray first = inputs.get(new NDIndex("0:" + images))) {
            Target sliced = target.slice(0, images);
            recipes.forEach((name, recipe) -> {
                progress.accept(String.format(Locale.ROOT, "%s: randomising %s top down, %s", network(),
                        String.join(", ", randomisation.order()), name));
                results.put(name, randomisation.cascade(recipe, first, sliced));
            });
        }
        return results;
    }
}
