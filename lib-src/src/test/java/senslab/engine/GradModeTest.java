package senslab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Every thread gets grad mode off, not only the one that loaded the engine: a notebook cell's thread (JShell starts
 * one per snippet) must not record an autograd graph in an inference pass through weights that take gradients.
 */
class GradModeTest {

    /**
     * PyTorch records a graph in every op of a thread whose grad mode is on (on a fresh thread without this library's
     * provider, {@code matMul} through a weight that takes gradients gets an {@code MmBackward0}); grad mode is read
     * directly because DJL 0.36's {@code getGradientFunctionNames} crashes the JVM on a tensor without a graph.
     */
    @Test
    void aFreshThreadThatGetsTheEngineHasGradModeOff() throws Exception {
        Engine.getInstance();
        ExecutorService fresh = Executors.newSingleThreadExecutor();
        try {
            boolean gradMode = fresh.submit(() -> {
                try (NDManager manager = NDManager.newBaseManager()) {
                    return JniUtils.isGradMode();
                }
            }).get();
            assertFalse(gradMode, "a new thread would record an autograd graph in every forward pass");
        } finally {
            fresh.shutdown();
        }
    }

    @Test
    void aGradientCollectorStillTurnsGradModeOnForItsScope() throws Exception {
        ExecutorService fresh = Executors.newSingleThreadExecutor();
        try {
            boolean[] modes = fresh.submit(() -> {
                try (NDManager manager = NDManager.newBaseManager()) {
                    boolean before = JniUtils.isGradMode();
                    boolean inside;
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        inside = JniUtils.isGradMode();
                        NDArray x = manager.ones(new Shape(3));
                        x.setRequiresGradient(true);
                        collector.backward(x.mul(x).sum());
                        assertEquals(2f, x.getGradient().getFloat(0));
                    }
                    return new boolean[] {before, inside, JniUtils.isGradMode()};
                }
            }).get();
            assertFalse(modes[0], "before the collector");
            assertTrue(modes[1], "inside the collector");
            assertFalse(modes[2], "after the collector");
        } finally {
            fresh.shutdown();
        }
    }
}
