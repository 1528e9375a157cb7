package senslab.randomisation;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import senslab.attribution.Attribution;
import senslab.attribution.AttributionMaps;
import senslab.metric.Batch;
import senslab.metric.Better;
import senslab.metric.Method;
import senslab.metric.Metric;
import senslab.models.StagedNetwork;

/**
 * Model-parameter randomisation as a metric: Spearman's ρ between a method's map on the trained network and its map
 * when every stage is randomised (the last step of {@link ModelRandomisation#cascade}; one randomised copy for all the
 * methods of a batch); near 0 is what a method that
 * explains the learned network shows, so nearer 0 is better (ρ near −1, a map turned into its negative, follows the
 * input as much as ρ near 1). The method is rebuilt on the randomised copy by the
 * recipe given under its name; a method without a recipe is not applicable.
 */
public final class ParameterRandomisation implements Metric {
    private final ModelRandomisation randomisation;
    private final Map<String, Function<StagedNetwork, Attribution>> recipes;

    /**
     * @param randomisation how the network is copied and randomised
     * @param recipes       per method name, how to build the method on a network, e.g.
     *                      {@code Map.of("Grad-CAM", n -> new GradCam(n, "block3"))}
     */
    public ParameterRandomisation(ModelRandomisation randomisation,
            Map<String, Function<StagedNetwork, Attribution>> recipes) {
        this.randomisation = Objects.requireNonNull(randomisation, "randomisation");
        this.recipes = Map.copyOf(recipes);
    }

    @Override
    public String name() {
        return "model randomisation ρ";
    }

    @Override
    public String family() {
        return "randomisation";
    }

    @Override
    public Better better() {
        return Better.NEARER_ZERO;
    }

    @Override
    public boolean appliesTo(Method method) {
        return recipes.containsKey(method.name());
    }

    @Override
    public double[] score(Method method, AttributionMaps maps, Batch batch) {
        StagedNetwork copy = batch.shared(randomisation, StagedNetwork.class, randomisation::fullyRandomised);
        AttributionMaps randomised = recipes.get(method.name()).apply(copy).attribute(batch.inputs(), batch.target());
        double[] rho = new double[batch.images()];
        for (int image = 0; image < rho.length; image++) {
            rho[image] = MapSimilarity.spearman(maps, randomised, image);
        }
        return rho;
    }
}
