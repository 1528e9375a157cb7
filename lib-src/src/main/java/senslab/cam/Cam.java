package senslab.cam;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.util.NDImageUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import senslab.attribution.CountsPasses;
import senslab.attribution.AttributionMaps;
import senslab.attribution.Target;
import senslab.models.StagedNetwork;

/**
 * A class activation map of one convolutional stage (pytorch-grad-cam's {@code BaseCAM}): the stage's
 * channels weighted by a rule of the subclass, summed, ReLU, upsampled (bilinear) to the input size and
 * normalised to [0, 1] per image. Subclasses say only how channels are weighted. A CAM explains any {@link Target}
 * read at or after its stage (what pytorch-grad-cam calls a target: a class logit, a channel's mean, a later
 * stage's norm…), by the gradient of its score: one map per image and label, in one channel "all".
 */
public abstract class Cam implements CountsPasses {
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
     * The maps of {@code inputs} ({@code [N, C, H, W]} or {@code [C, H, W]}, as the network sees them) for every
     * label of {@code target} read at or after the stage (a class logit, one for every image or one per image; a
     * channel or the norm of a later stage…): one H × W map per image and label, in [0, 1].
     */
    @Override
    public AttributionMaps attribute(NDArray inputs, Target target) {
        Shape shape = inputs.getShape().dimension() == 3 ? new Shape(1).addAll(inputs.getShape()) : inputs.getShape();
        if (shape.dimension() != 4) {
            throw new IllegalArgumentException("inputs must be [N, C, H, W] or [C, H, W], got " + inputs.getShape());
        }
        int images = (int) shape.get(0);
        int height = (int) shape.get(2);
        int width = (int) shape.get(3);
        int plane = height * width;
        target.checkImages(images);
        List<String> labels = target.labels(network.stageNames());
        float[][][] values = new float[images][labels.size()][];
        try (NDManager scope = inputs.getManager().newSubManager()) {
            NDArray batch = inputs.reshape(shape);
            batch.attach(scope);
            for (int label = 0; label < labels.size(); label++) {
                ActivationGradients captured = ActivationGradients.capture(network, stage, batch, target, label, scope);
                NDArray weights = channelWeights(captured).expandDims(2).expandDims(3);
                NDArray map = captured.activations().mul(weights).sum(new int[] {1}).maximum(0f);
                NDArray resized = NDImageUtils.resize(map.expandDims(3), width, height, Image.Interpolation.BILINEAR)
                        .squeeze(3);
                NDArray perImage = resized.reshape(images, -1);
                NDArray shifted = perImage.sub(perImage.min(new int[] {1}, true));
                float[] flat = shifted.div(shifted.max(new int[] {1}, true).add(EPSILON)).toFloatArray();
                for (int i = 0; i < images; i++) {
                    values[i][label] = Arrays.copyOfRange(flat, i * plane, (i + 1) * plane);
                }
            }
        }
        return AttributionMaps.of(method, new CamSettings(stage), target, labels,
                List.of(AttributionMaps.ALL_CHANNELS), height, width, 1, values);
    }

    /** The stage whose activations are weighted. */
    public String stage() {
        return stage;
    }

    /** One forward pass to the target and one backward pass to the stage per map (per image and label). */
    @Override
    public double forwardPassesPerMap(int height, int width) {
        return 1;
    }

    @Override
    public double backwardPassesPerMap(int height, int width) {
        return 1;
    }
}
