package senslab.randomisation;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import java.util.function.Supplier;
import senslab.attribution.Attribution;
import senslab.attribution.AttributionMaps;
import senslab.attribution.Target;
import senslab.masking.LogitMemo;
import senslab.models.StagedNetwork;

/**
 * Cascading model-parameter randomisation (Adebayo et al. 2018, "Sanity checks for saliency maps"): the stages of
 * a copy of the network are randomised one after the other from the top (the logits) down, the method is run again
 * after each step, and every map is compared with the map of the trained network (Spearman's ρ, SSIM). A method
 * whose maps survive the randomisation of the layers that learned does not explain what the network learned.
 *
 * <p>The user's network is never changed: its weights are copied into a new network of the same architecture
 * (from {@code architecture}, e.g. {@code () -> Models.vgg16(10)}), which is randomised and closed afterwards. A
 * randomised parameter keeps the mean and standard deviation of its trained values and loses their structure: its
 * values are drawn afresh from a normal distribution with that mean and deviation (from the seed, the stage and
 * the parameter's place, so any step of the cascade randomises a stage the same way).
 */
public final class ModelRandomisation {
    private final StagedNetwork net;
    private final Supplier<StagedNetwork> architecture;
    private final long seed;

    private ModelRandomisation(StagedNetwork net, Supplier<StagedNetwork> architecture, long seed) {
        this.net = Objects.requireNonNull(net, "net");
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        this.seed = seed;
    }

    /**
     * Randomises copies of {@code net}; {@code architecture} makes a new, initialized network of the same
     * architecture (its own weights are overwritten by the copy's).
     */
    public static ModelRandomisation of(StagedNetwork net, Supplier<StagedNetwork> architecture) {
        return new ModelRandomisation(net, architecture, 0);
    }

    /** The seed of the random parameters. */
    public ModelRandomisation seed(long value) {
        return new ModelRandomisation(net, architecture, value);
    }

    public long seed() {
        return seed;
    }

    /** The stages in the order the cascade randomises them: the network's, from the last one down. */
    public List<String> order() {
        List<String> order = new ArrayList<>(net.stageNames());
        Collections.reverse(order);
        return order;
    }

    /**
     * The cascade: the maps {@code method} (built on a network, e.g. {@code n -> new GradCam(n, "block3")}) makes of
     * {@code inputs} on the trained network, then after each further stage is randomised, from the top down.
     *
     * @throws CancellationException when the thread is interrupted between steps
     */
    public RandomisationResult cascade(Function<StagedNetwork, Attribution> method, NDArray inputs, Target target) {
        AttributionMaps original = method.apply(net).attribute(inputs, target);
        List<AttributionMaps> steps = new ArrayList<>();
        try (StagedNetwork copy = copy()) {
            List<String> order = order();
            for (int k = 0; k < order.size(); k++) {
                if (Thread.interrupted()) {
                    throw new CancellationException("model randomisation stopped by an interrupt after " + k
                            + " of " + order.size() + " stages");
                }
                randomise(copy, order.get(k));
                steps.add(method.apply(copy).attribute(inputs, target));
            }
        }
        return new RandomisationResult(order(), original, steps);
    }

    /** A copy of the network with every stage randomised, as at the cascade's last step; the caller closes it. */
    public StagedNetwork fullyRandomised() {
        StagedNetwork copy = copy();
        order().forEach(stage -> randomise(copy, stage));
        return copy;
    }

    /** A new network of the architecture with the user's weights. */
    private StagedNetwork copy() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            net.block().saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the network's weights", e);
        }
        StagedNetwork copy = architecture.get();
        if (!copy.stageNames().equals(net.stageNames())) {
            copy.close();
            throw new IllegalArgumentException("the architecture gives a network with stages " + copy.stageNames()
                    + ", the network to randomise has " + net.stageNames());
        }
        return copy.load(new ByteArrayInputStream(bytes.toByteArray()), "a copy of the network's weights");
    }

    /**
     * Draws the trainable parameters of {@code stage} of {@code copy} afresh; what the copy scored before (inside an
     * evaluation's {@link LogitMemo}) no longer holds.
     */
    private void randomise(StagedNetwork copy, String stage) {
        LogitMemo.forget(copy);
        int index = copy.indexOf(stage);
        Block block = copy.block().getChildren().get(index).getValue();
        int place = 0;
        for (Pair<String, Parameter> named : block.getParameters()) {
            Parameter parameter = named.getValue();
            place++;
            if (!parameter.isInitialized() || !parameter.requiresGradient()) {
                continue;
            }
            NDArray array = parameter.getArray();
            float[] values = array.toFloatArray();
            double mean = 0;
            for (float v : values) {
                mean += v;
            }
            mean /= values.length;
            double variance = 0;
            for (float v : values) {
                variance += (v - mean) * (v - mean);
            }
            double sd = values.length > 1 ? Math.sqrt(variance / (values.length - 1)) : 0;
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index * 1_009L + place);
            for (int k = 0; k < values.length; k++) {
                values[k] = (float) (mean + sd * random.nextGaussian());
            }
            array.set(values);
        }
    }
}
