package senslab.perturb;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import senslab.attribution.AttributionMaps;
import senslab.attribution.Target;
import senslab.models.StagedNetwork;

/**
 * What both ways of computing the maps share: network, δ, difference, channels, batches, progress, and the index
 * of a call's first image in the whole data set (random draws are per image of the set). A new option is a
 * component here and a field of {@link Change}; {@link #with} copies the rest.
 */
record Settings(StagedNetwork net, Delta delta, Difference difference, int[] channels, int batchSize,
        Consumer<String> progress, int firstImage) {

    /** The defaults: δ = 0.1, {@link Difference#OF_OUTPUTS}, channels 0, 1, 2, automatic batches, no progress. */
    static Settings defaults(StagedNetwork net) {
        return new Settings(net, Delta.fixed(0.1), Difference.OF_OUTPUTS, new int[] {0, 1, 2}, 0, message -> { }, 0);
    }

    /** A copy with what {@code change} sets, e.g. {@code with(c -> c.delta = delta)}. */
    Settings with(Consumer<Change> change) {
        Change copy = new Change(this);
        change.accept(copy);
        return new Settings(copy.net, copy.delta, copy.difference, copy.channels, copy.batchSize, copy.progress,
                copy.firstImage);
    }

    /** The settings' values, to change in {@link #with}. */
    static final class Change {
        StagedNetwork net;
        Delta delta;
        Difference difference;
        int[] channels;
        int batchSize;
        Consumer<String> progress;
        int firstImage;

        private Change(Settings s) {
            net = s.net;
            delta = s.delta;
            difference = s.difference;
            channels = s.channels;
            batchSize = s.batchSize;
            progress = s.progress;
            firstImage = s.firstImage;
        }
    }

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

    /** Elements of every stage's output, up to stage {@code last}, for one image. */
    long[] outputSizes(NDManager call, ParameterStore store, Images in, int last) {
        try (NDManager scope = call.newSubManager()) {
            return forwardOne(scope, store, in, last).stream().mapToLong(NDArray::size).toArray();
        }
    }

    /** Elements of each vector the target explains, per label, for one image. */
    long[] targetSizes(NDManager call, ParameterStore store, Images in, Target target) {
        try (NDManager scope = call.newSubManager()) {
            NDList outputs = forwardOne(scope, store, in, target.deepestStage(net));
            return IntStream.range(0, target.labels(net).size())
                    .mapToLong(label -> target.outputs(net, outputs, label, target.classOf(0)).getShape().get(1))
                    .toArray();
        }
    }

    private NDList forwardOne(NDManager scope, ParameterStore store, Images in, int last) {
        return net.forwardThrough(store, scope.create(in.tiled(0, 1), in.shape(1)), last, false);
    }

    /** What the finite-difference maps were made with. */
    FiniteDifferenceSettings described(Images in) {
        return new FiniteDifferenceSettings(delta, difference,
                AttributionMaps.inputChannelNames(in.channels(), channels));
    }

    /** Maps from values[image][label] over the chosen channels' elements (channel-major). */
    AttributionMaps maps(String method, Object settings, Target target, Images in, float[][][] values) {
        List<String> labels = target.labels(net);
        int plane = in.height() * in.width();
        float[][][][][] maps = new float[values.length][labels.size()][channels.length][in.height()][in.width()];
        for (int i = 0; i < values.length; i++) {
            for (int q = 0; q < labels.size(); q++) {
                for (int c = 0; c < channels.length; c++) {
                    for (int h = 0; h < in.height(); h++) {
                        System.arraycopy(values[i][q], c * plane + h * in.width(), maps[i][q][c][h], 0, in.width());
                    }
                }
            }
        }
        return AttributionMaps.of(method, settings, target, labels, described(in).channels(), 1, maps);
    }
}
