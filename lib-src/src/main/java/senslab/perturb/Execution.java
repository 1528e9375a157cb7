package senslab.perturb;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a call runs, apart from what it computes: perturbed copies per pass (0: automatic), where progress lines go,
 * and the index in the whole data set of the call's first image (random draws are per image of the set, so a set
 * mapped in pieces draws what one call on the whole set draws).
 */
record Execution(int batchSize, Consumer<String> progress, int firstImage) {
    static final Execution DEFAULTS = new Execution(0, message -> { }, 0);

    Execution {
        Objects.requireNonNull(progress, "progress");
        if (batchSize < 0) {
            throw new IllegalArgumentException("batch size must be >= 0 (0 = automatic), got " + batchSize);
        }
        if (firstImage < 0) {
            throw new IllegalArgumentException("the first image's index must be >= 0, got " + firstImage);
        }
    }

    Execution withBatchSize(int copies) {
        return new Execution(copies, progress, firstImage);
    }

    Execution withProgress(Consumer<String> sink) {
        return new Execution(batchSize, sink, firstImage);
    }

    Execution withFirstImage(int index) {
        return new Execution(batchSize, progress, index);
    }
}
