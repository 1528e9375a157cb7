package senslab.cam;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.util.NDImageUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.stream.IntStream;
import senslab.attribution.Attribution;
import senslab.attribution.AttributionMaps;
import senslab.attribution.Target;
import senslab.models.StagedNetwork;

/**
 * A class activation map of one convolutional stage (pytorch-grad-cam's {@code BaseCAM}): the stage's
 * channels weighted by a rule of the subclass, summed, ReLU, upsampled (bilinear) to the input size and
 * normalised to [0, 1] per image. Subclasses say only how channels are weighted. A CAM explains a class logit
 * ({@link Target#classLogit}): one map per image, in one channel "all".
 */
public abstract class Cam implements Attribution {
    private static final float EPSILON = 1e-7f;

    private final StagedNetwork network;
    private final String stage;
    private final String method;

    protected Cam(StagedNetwork network, String stage, String method) {
        network.indexOf(stage);
        this.network = network;
        this.stage = stage;
        this.method = method;
    }

    /** The weight of every channel, {@code [batch, channels]}, from the captured activations and gradients. */
    protected abstract NDArray channelWeights(ActivationGradients captured);

    /**
     * The maps of {@code inputs} ({@code [N, C, H, W]} or {@code [C, H, W]}, as the network sees them) for the
     * class {@code target} names (one for every image, or one per image): one H × W map per image, in [0, 1].
     */
    @Override
    public AttributionMaps attribute(NDArray inputs, Target target) {
        if (!(target instanceof Target.ClassLogit)) {
            throw new IllegalArgumentException(method + " explains a class logit: use Target.classLogit(...), not "
                    + target);
        }
        Shape shape = inputs.getShape().dimension() == 3 ? new Shape(1).addAll(inputs.getShape()) : inputs.getShape();
        if (shape.dimension() != 4) {
            throw new IllegalArgumentException("inputs must be [N, C, H, W] or [C, H, W], got " + inputs.getShape());
        }
        int images = (int) shape.get(0);
        int height = (int) shape.get(2);
        int width = (int) shape.get(3);
        target.checkImages(images);
        int[] classes = IntStream.range(0, images).map(target::classOf).toArray();
        float[] flat;
        try (NDManager scope = inputs.getManager().newSubManager()) {
            NDArray batch = inputs.reshape(shape);
            batch.attach(scope);
            ActivationGradients captured = ActivationGradients.capture(network, stage, batch, classes, scope);
            NDArray weights = channelWeights(captured).expandDims(2).expandDims(3);
            NDArray map = captured.activations().mul(weights).sum(new int[] {1}).maximum(0f);
            NDArray resized = NDImageUtils.resize(map.expandDims(3), width, height, Image.Interpolation.BILINEAR)
                    .squeeze(3);
            NDArray perImage = resized.reshape(images, -1);
            NDArray shifted = perImage.sub(perImage.min(new int[] {1}, true));
            flat = shifted.div(shifted.max(new int[] {1}, true).add(EPSILON)).toFloatArray();
        }
        float[][][][][] values = new float[images][1][1][height][width];
        for (int i = 0; i < images; i++) {
            for (int y = 0; y < height; y++) {
                System.arraycopy(flat, (i * height + y) * width, values[i][0][0][y], 0, width);
            }
        }
        return AttributionMaps.of(method, new CamSettings(stage), target, target.labels(network),
                List.of(AttributionMaps.ALL_CHANNELS), 1, values);
    }

    /** The stage whose activations are weighted. */
    public String stage() {
        return stage;
    }
}
