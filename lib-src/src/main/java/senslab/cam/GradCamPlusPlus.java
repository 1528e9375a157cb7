package senslab.cam;

import ai.djl.ndarray.NDArray;
import senslab.models.StagedNetwork;

/**
 * Grad-CAM++ (Chattopadhyay et al. 2018), as pytorch-grad-cam computes it: a channel's weight is
 * Σ α·ReLU(g) with α = g² / (2g² + Σ_ab A · g³).
 */
public final class GradCamPlusPlus extends Cam {

    /** Grad-CAM++ of {@code network}'s convolutional stage {@code stage}. */
    public GradCamPlusPlus(StagedNetwork network, String stage) {
        super(network, stage, "Grad-CAM++");
    }

    @Override
    protected NDArray channelWeights(ActivationGradients captured) {
        NDArray g = captured.gradients();
        NDArray g2 = g.square();
        NDArray activationSum = captured.activations().sum(new int[] {2, 3}, true);
        NDArray alpha = g2.div(g2.mul(2).add(activationSum.mul(g2.mul(g))).add(1e-7f));
        alpha = alpha.mul(g.neq(0).toType(g.getDataType(), false));
        return alpha.mul(g.maximum(0f)).sum(new int[] {2, 3});
    }
}
