package senslab.models;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Freezes a network's weights while gradients are taken with respect to its input or an inner
 * activation only (no weight gradients computed: faster), and restores each weight's state on close.
 */
public final class FrozenParameters implements AutoCloseable {
    private final List<Parameter> frozen = new ArrayList<>();

    public FrozenParameters(Block block) {
        for (Parameter parameter : block.getParameters().values()) {
            if (parameter.isInitialized() && parameter.requiresGradient()) {
                parameter.freeze(true);
                frozen.add(parameter);
            }
        }
    }

    @Override
    public void close() {
        frozen.forEach(parameter -> parameter.freeze(false));
    }
}
