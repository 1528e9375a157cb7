package senslab.perturb;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import senslab.attribution.Attribution;
import senslab.attribution.AttributionMaps;
import senslab.attribution.MethodSettings;
import senslab.attribution.Outputs;
import senslab.attribution.Target;
import senslab.image.Images;
import senslab.models.StagedNetwork;

/**
 * The mechanism both ways of computing pixel maps share: the images copied to the JVM, the elements perturbed, per
 * image its δ, the maps of every image (from the subclass), then the labelled maps. Native memory lives in one scope
 * per call.
 */
abstract class PixelAttribution implements Attribution {
    final StagedNetwork net;
    final FiniteDifferenceSettings perturbation;
    final Execution run;

    PixelAttribution(StagedNetwork net, FiniteDifferenceSettings perturbation, Execution run) {
        this.net = Objects.requireNonNull(net, "net");
        this.perturbation = Objects.requireNonNull(perturbation, "perturbation");
        this.run = Objects.requireNonNull(run, "run");
    }

    /** What one call works on: the target, the images, the elements perturbed, and its native scope. */
    record Call(Target target, Images in, int[] elements, int labels, NDManager manager, ParameterStore store) {
    }

    /** The method's short name in the maps. */
    abstract String method();

    /** The typed settings the maps record. */
    public abstract MethodSettings settings();

    /** {@code values[image][label]}: the maps of every image of the call, over the call's elements. */
    abstract float[][][] maps(Call call);

    /** The δ of every element of image {@code image} of the call (numbered in the whole set from the first image). */
    float[] deltas(Call call, int image) {
        return perturbation.delta().forImage(run.firstImage() + image, call.in().size());
    }

    @Override
    public final AttributionMaps attribute(NDArray images, Target target) {
        Images in = Images.of(images);
        target.checkImages(in.count());
        List<String> labels = target.labels(net.stageNames());
        int[] channels = perturbation.channels();
        float[][][] values;
        try (NDManager manager = images.getManager().newSubManager()) {
            values = maps(new Call(target, in, elements(in, channels), labels.size(), manager, net.parameterStore()));
        }
        // values[image][label] runs over the chosen channels' elements, channel-major: the maps' own layout
        return AttributionMaps.of(method(), settings(), target, labels, in.channelNames(channels), in.height(),
                in.width(), 1, values);
    }

    /** The input elements to perturb (channel-major indices), for the chosen channels of an image. */
    private static int[] elements(Images in, int[] channels) {
        int plane = in.height() * in.width();
        for (int c : channels) {
            if (c >= in.channels()) {
                throw new IllegalArgumentException("channel " + c + " chosen, but the images have " + in.channels());
            }
        }
        return IntStream.of(channels).flatMap(c -> IntStream.range(c * plane, (c + 1) * plane)).toArray();
    }

    /** The outputs of stages 0 … {@code last} of a pass of {@code input}, for the target to read. */
    Outputs forward(ParameterStore store, NDArray input, int last) {
        return new Outputs(net.stageNames(), net.forwardThrough(store, input, last, false));
    }

    /** Elements of every stage's output, up to stage {@code last}, for one image. */
    long[] outputSizes(Call c, int last) {
        try (NDManager scope = c.manager().newSubManager()) {
            return forwardOne(scope, c, last).values().stream().mapToLong(NDArray::size).toArray();
        }
    }

    /** Elements of each vector the target explains, per label, for one image. */
    long[] targetSizes(Call c) {
        try (NDManager scope = c.manager().newSubManager()) {
            Outputs outputs = forwardOne(scope, c, c.target().deepestStage(net.stageNames()));
            return IntStream.range(0, c.labels())
                    .mapToLong(label -> c.target().vector(outputs, label, Target.copiesOf(0, 1)).getShape().get(1))
                    .toArray();
        }
    }

    private Outputs forwardOne(NDManager scope, Call c, int last) {
        return forward(c.store(), scope.create(c.in().tiled(0, 1), c.in().shape(1)), last);
    }
}
