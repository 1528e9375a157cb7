package senslab.attribution;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.List;

/**
 * What one forward pass of a network gave, by stage: what a {@link Target} reads. A network cut into named stages
 * gives the outputs of its stages from the first up to the deepest one the target reads (the pass may stop there);
 * a model that is not cut gives its output as one stage, e.g. {@code "output"}.
 *
 * @param stages the network's stage names, in forward order (all of them, also those the pass did not reach)
 * @param values the outputs of stages 0 … k of the pass, {@code [rows, …]} each
 */
public record Outputs(List<String> stages, NDList values) {

    public Outputs {
        stages = List.copyOf(stages);
        if (values.isEmpty() || values.size() > stages.size()) {
            throw new IllegalArgumentException(values.size() + " stage outputs for the " + stages.size()
                    + " stages " + stages);
        }
    }

    /** The output of the stage named {@code name}, with a clear error for a stage that is not there or not reached. */
    public NDArray stage(String name) {
        int index = stages.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no stage named '" + name + "'; this network has " + stages);
        }
        if (index >= values.size()) {
            throw new IllegalStateException("the forward pass stopped at stage '" + stages.get(values.size() - 1)
                    + "', before '" + name + "': run it through the stage the target reads");
        }
        return values.get(index);
    }

    /** The network's own output: its last stage's, e.g. the logits of a classifier. */
    public NDArray output() {
        return stage(stages.get(stages.size() - 1));
    }

    /** Rows of the pass (images, or copies of one image). */
    public int rows() {
        return Math.toIntExact(values.get(0).getShape().get(0));
    }
}
