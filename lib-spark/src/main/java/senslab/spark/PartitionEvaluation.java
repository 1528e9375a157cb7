package senslab.spark;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.apache.spark.api.java.function.Function;
import senslab.data.Normalization;
import senslab.metric.Evaluation;
import senslab.metric.EvaluationScores;
import senslab.models.StagedNetwork;

/**
 * What an executor does with one chunk of images: rebuild the network from its source and the evaluation from its
 * recipe, and score the chunk as the piece of the whole set it is ({@link Evaluation#scores(NDArray,
 * senslab.attribution.Target, int)}). The network and every native array live for this task only.
 */
final class PartitionEvaluation implements Function<ImageChunk, EvaluationScores> {
    private static final long serialVersionUID = 1L;

    private final NetworkSource source;
    private final EvaluationRecipe recipe;
    private final LabelTarget target;
    private final float[] mean;
    private final float[] std;
    // the driver's threads, as the direct call has them: metrics' numbers may change in the last bits with them
    private final Inference inference = Inference.withDriverThreads();

    PartitionEvaluation(NetworkSource source, EvaluationRecipe recipe, LabelTarget target,
            Normalization normalization) {
        this.source = source;
        this.recipe = recipe;
        this.target = target;
        this.mean = normalization.mean();
        this.std = normalization.std();
    }

    @Override
    public EvaluationScores call(ImageChunk chunk) throws Exception {
        return inference.run(() -> {
            try (StagedNetwork net = source.open(); NDManager manager = NDManager.newBaseManager()) {
                NDArray x = chunk.images().batch(manager, new Normalization(mean, std));
                Evaluation evaluation = recipe.on(net, source);
                return Inference.oneGradientCollector(
                        () -> evaluation.scores(x, target.of(chunk.labels()), chunk.first()));
            }
        });
    }
}
