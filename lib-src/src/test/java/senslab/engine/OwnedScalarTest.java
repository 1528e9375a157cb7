package senslab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class OwnedScalarTest {
    private static final int TRIALS = 30;

    /**
     * y = max(3x, −100)², dy/dx = 18x, with a garbage collection and fresh direct buffers (the JVM's native memory
     * being reused) between the forward and the backward pass, as happens in any long loop.
     */
    private static int wrongGradients(UnaryOperator<NDArray> function) throws InterruptedException {
        int wrong = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            try (NDManager manager = NDManager.newBaseManager();
                    GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray x = manager.create(new float[] {1, 2, 3, 4});
                x.setRequiresGradient(true);
                NDArray y = function.apply(x);
                System.gc();
                Thread.sleep(5);
                List<ByteBuffer> churn = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    churn.add(ByteBuffer.allocateDirect(4).putFloat(0, 1e30f));
                }
                collector.backward(y.sum());
                float[] gradient = x.getGradient().toFloatArray();
                for (int i = 0; i < gradient.length; i++) {
                    if (Math.abs(gradient[i] - 18f * (i + 1)) > 1e-3) {
                        wrong++;
                        break;
                    }
                }
            }
        }
        return wrong;
    }

    /**
     * In a child JVM on glibc's allocator with MALLOC_PERTURB_ (free() overwrites what it frees, so reading freed
     * memory shows at once, where jemalloc, which every JVM here preloads, would leave the old bytes for a while):
     * DJL's Java-number constants give wrong gradients, which shows this test sees the defect, and owned ones none.
     */
    @Test
    void ownedConstantsGiveRightGradientsWhereDjlsJavaNumbersDoNot() throws Exception {
        assertTrue(wrongGradientsInAChild("java-numbers") > 0, "the defect did not show: this test proves nothing");
        assertEquals(0, wrongGradientsInAChild("owned"), "backward passes with a wrong gradient, of " + TRIALS);
    }

    private static int wrongGradientsInAChild(String constants) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder child = new ProcessBuilder(java, "-Dai.djl.offline=true", "-cp",
                System.getProperty("java.class.path"), Probe.class.getName(), constants).redirectErrorStream(true);
        // keep what the host's engine remedy preloads, drop the allocator
        child.environment().put("LD_PRELOAD", Preload.inheritedWithout("malloc"));
        child.environment().remove("MALLOC_CONF");
        child.environment().put("MALLOC_PERTURB_", "165");
        Process process = child.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        String last = output.strip().substring(output.strip().lastIndexOf('\n') + 1);
        return Integer.parseInt(last.replace("wrong gradients: ", ""));
    }

    /** The child: prints the number of wrong gradients with Java numbers or with owned constants. */
    static final class Probe {
        private Probe() {
        }

        public static void main(String[] args) throws InterruptedException {
            UnaryOperator<NDArray> function = args[0].equals("owned")
                    ? x -> x.mul(OwnedScalar.of(x, 3)).maximum(OwnedScalar.of(x, -100)).pow(OwnedScalar.of(x, 2))
                    : x -> x.mul(3f).maximum(-100f).pow(2f);
            System.out.println("wrong gradients: " + wrongGradients(function));
        }
    }
}
