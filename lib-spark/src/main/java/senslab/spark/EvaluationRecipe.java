package senslab.spark;

import java.io.Serializable;
import java.util.Objects;
import senslab.metric.Evaluation;
import senslab.models.StagedNetwork;
import senslab.notebook.MapTrust;

/**
 * How an executor builds the methods and metrics of a {@link SparkEvaluation} on the network it opened: a value
 * that travels with the job, so it holds settings, not networks or native arrays. Results are kept under a digest
 * of its serialized form, so two recipes that serialize alike must build the same evaluation.
 *
 * <pre>{@code
 * EvaluationRecipe recipe = EvaluationRecipe.of(MapTrust.of("VGG-16", net, CifarNet.VGG16::create, "block3", 10,
 *         profile, System.out::println));
 * }</pre>
 */
@FunctionalInterface
public interface EvaluationRecipe extends Serializable {

    /**
     * The evaluation of methods × metrics on {@code net}, which {@code source} opened where this runs; the
     * source also makes new networks of the architecture ({@link NetworkSource#newNetwork}), e.g. to randomise.
     */
    Evaluation on(StagedNetwork net, NetworkSource source);

    /** The methods and metrics of {@code trust} (notebook 09's), rebuilt on each executor from its settings. */
    static EvaluationRecipe of(MapTrust trust) {
        return new Trust(trust.settings());
    }

    /** {@link MapTrust}'s evaluation with these settings. */
    record Trust(MapTrust.Settings settings) implements EvaluationRecipe {
        private static final long serialVersionUID = 1L;

        public Trust {
            Objects.requireNonNull(settings, "settings");
        }

        @Override
        public Evaluation on(StagedNetwork net, NetworkSource source) {
            return settings.on(net, source::newNetwork, line -> { }).evaluation();
        }

        @Override
        public String toString() {
            return "MapTrust of " + settings.network() + " (Grad-CAM at " + settings.camStage() + ", "
                    + settings.classes() + " classes, " + settings.profile().label() + " profile"
                    + (settings.truth() != null ? ", with true masks)" : ")");
        }
    }
}
