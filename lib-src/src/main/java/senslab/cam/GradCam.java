package senslab.cam;

import ai.djl.ndarray.NDArray;
import senslab.models.StagedNetwork;

/** Grad-CAM (Selvaraju et al. 2017): a channel's weight is the spatial mean of its gradients. */
public final class GradCam extends Cam {

    /** Grad-CAM of {@code network}'s convolutional stage {@code stage}. */
    public GradCam(StagedNetwork network, String stage) {
        super(network, stage, "Grad-CAM");
    }

    @Override
    protected NDArray channelWeights(ActivationGradients captured) {
        NDArray g = captured.gradients();
        return g.reshape(g.getShape().get(0), g.getShape().get(1), -1).mean(new int[] {2});
    }
}
