package senslab.perturb;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import senslab.models.StagedNetwork;

/**
 * What both ways of computing the maps share: network, δ, difference, stages, channels, batches, progress, and
 * the index of a call's first image in the whole data set (random draws are per image of the set).
 */
record Settings(StagedNetwork net, Delta delta, Difference difference, java.util.List<String> stages, int[] channels,
        int batchSize, Consumer<String> progress, int firstImage) {

    /** δ for image {@code image} of a call: the draws of image {@code firstImage + image} of the data set. */
    float[] deltas(int image, int count) {
        return delta.forImage(firstImage + image, count);
    }

    /** The input elements to perturb (channel-major indices), for the chosen channels of an image. */
    int[] elements(Images in) {
        int plane = in.height() * in.width();
        for (int c : channels) {
            if (c >= in.channels()) {
                throw new IllegalArgumentException("channel " + c + " chosen, but the images have " + in.channels());
            }
        }
        return IntStream.of(channels).flatMap(c -> IntStream.range(c * plane, (c + 1) * plane)).toArray();
    }

    int[] stageIndices() {
        return stages.stream().mapToInt(net::indexOf).toArray();
    }

    /** The deepest chosen stage: forward passes stop there. */
    int lastStageIndex() {
        return stages.stream().mapToInt(net::indexOf).max().orElseThrow();
    }

    /** Elements of every stage's output (up to the deepest chosen one) for one image. */
    long[] outputSizes(NDManager call, ParameterStore store, Images in) {
        try (NDManager scope = call.newSubManager()) {
            return net.forwardThrough(store, scope.create(in.tiled(0, 1), in.shape(1)), lastStageIndex(), false)
                    .stream().mapToLong(NDArray::size).toArray();
        }
    }

    SensitivityMaps maps(String method, Images in, float[][][] values) {
        return new SensitivityMaps(method + ", " + difference + ", " + delta, stages,
                SensitivityMaps.names(in.channels(), channels), in.height(), in.width(), values);
    }
}
