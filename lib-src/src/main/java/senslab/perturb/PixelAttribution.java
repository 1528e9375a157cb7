package senslab.perturb;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import senslab.attribution.Attribution;
import senslab.attribution.AttributionMaps;
import senslab.attribution.Target;

/**
 * The mechanism both ways of computing pixel maps share: the images copied to the JVM, per image its δ and its
 * maps (from the subclass), a progress line, then the labelled maps. Native memory lives in one scope per call.
 */
abstract class PixelAttribution implements Attribution {
    final Settings settings;

    PixelAttribution(Settings settings) {
        this.settings = settings;
    }

    /** What one call works on: the target, the images, the elements perturbed, and its native scope. */
    record Call(Target target, Images in, int[] elements, int labels, NDManager manager, ParameterStore store) {
    }

    /** The maps of one image: [label][element] over the call's elements. */
    interface ImageMaps {
        float[][] of(int image, float[] deltas, int classOfRows);
    }

    /** The method's short name in the maps. */
    abstract String method();

    /** The typed settings the maps record. */
    abstract Object described(Images in);

    /** Prepares the call (batch sizes, output sizes) and returns how it maps each image. */
    abstract ImageMaps prepare(Call call);

    /** The work per image, for progress lines. */
    abstract String work(Call call);

    @Override
    public final AttributionMaps attribute(NDArray images, Target target) {
        Settings s = settings;
        Images in = Images.of(images);
        target.checkImages(in.count());
        float[][][] values = new float[in.count()][][];
        try (NDManager manager = images.getManager().newSubManager()) {
            Call call = new Call(target, in, s.elements(in), target.labels(s.net()).size(), manager,
                    s.net().parameterStore());
            ImageMaps maps = prepare(call);
            for (int image = 0; image < in.count(); image++) {
                long start = System.nanoTime();
                values[image] = maps.of(image, s.delta().forImage(image, in.size()), target.classOf(image));
                s.progress().accept(String.format("image %d/%d: %s, %.1f s", image + 1, in.count(), work(call),
                        (System.nanoTime() - start) / 1e9));
            }
        }
        return s.maps(method(), described(in), target, in, values);
    }
}
