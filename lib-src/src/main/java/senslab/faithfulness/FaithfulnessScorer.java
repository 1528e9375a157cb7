package senslab.faithfulness;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import java.util.List;
import senslab.attribution.AttributionMaps;
import senslab.attribution.MapTransforms;
import senslab.metric.Batch;
import senslab.metric.Method;
import senslab.metric.MethodRun;

/**
 * {@link Faithfulness} run for the metrics: image by image, the μ-fidelity subsets drawn from the settings' seed and
 * the image itself (so an image scores the same in any batch or partition), the results of a method's maps kept with
 * the batch so that deletion, insertion and μ-fidelity of the same maps share one evaluation.
 */
final class FaithfulnessScorer {
    private final Faithfulness faithfulness;

    FaithfulnessScorer(Faithfulness faithfulness) {
        this.faithfulness = faithfulness;
    }

    Faithfulness faithfulness() {
        return faithfulness;
    }

    /** The result of each image of the batch: one method's maps, under its name, label as in the maps. */
    FaithfulnessResult[] perImage(Method method, AttributionMaps maps, Batch batch) {
        return batch.shared(List.of(this, maps), FaithfulnessResult[].class, () -> evaluate(method, maps, batch));
    }

    private FaithfulnessResult[] evaluate(Method method, AttributionMaps maps, Batch batch) {
        FaithfulnessResult[] results = new FaithfulnessResult[batch.images()];
        for (int image = 0; image < results.length; image++) {
            AttributionMaps one = MapTransforms.images(maps, image, image + 1);
            try (NDArray x = batch.inputs().get(new NDIndex(image + ":" + (image + 1)))) {
                results[image] = faithfulness.seed(batch.seed(faithfulness.settings().seed(), image))
                        .evaluate(x, List.of(MethodRun.of(method.name(), one)));
            }
        }
        return results;
    }
}
