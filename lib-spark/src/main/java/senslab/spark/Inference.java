package senslab.spark;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/** Executor threads run inference: PyTorch's grad mode is per thread, and DJL turns it off only where the engine started. */
final class Inference {
    private Inference() {
    }

    /** Turns autograd's grad mode off on the calling thread (the engine is loaded first). */
    static void onThisThread() {
        Engine.getEngine("PyTorch");
        JniUtils.setGradMode(false);
    }
}
