package senslab.engine;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineProvider;
import ai.djl.pytorch.engine.PtEngineProvider;
import ai.djl.pytorch.jni.JniUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DJL's PyTorch engine, configured and checked before its first use. DJL finds engines through
 * {@code META-INF/services} and keeps the first provider of each name; this library's classes come before DJL's
 * jars on every class path the project builds (notebooks, tests, benchmarks, {@code make classpath}, a Maven
 * dependency), so {@code Engine.getInstance()} goes through here and nobody has to call anything.
 *
 * <p>Configured: NNPACK is switched off. For a convolution that oneDNN declines (one small image, as in
 * perturbation maps and activation maximization), PyTorch asks whether NNPACK is available, which initializes
 * it, and on CPUs NNPACK does not support it prints {@code Could not initialize NNPACK! Reason: Unsupported
 * hardware.} to the process's native stderr, where no Java code can filter it. NNPACK would not run those
 * convolutions anyway (it takes only batches of 16 or more, which oneDNN takes first), so switching it off, as
 * {@code torch.backends.nnpack.set_flags(False)} does in Python, changes no result and no speed. Convolutions are
 * routed round oneDNN when {@link Remedy#ROUTE_CONVOLUTIONS} is asked for.
 *
 * <p>Grad mode off on every thread: PyTorch keeps it per thread, on by default, and DJL turns it off only on the
 * thread that loads the engine. Every other thread (a notebook cell's, which JShell starts anew for each snippet, a
 * worker pool's) would record an autograd graph in each forward pass through weights that take gradients, at several
 * times the time and memory. The first time a thread gets the engine here, it gets grad mode off, as the loading
 * thread does; a {@code GradientCollector} turns it on for its own scope, as everywhere.
 *
 * <p>Checked: {@link EngineCheck} runs once; if the engine is wrong on this host, every call here throws
 * {@link EngineDefectException} naming the failing case and the fix.
 */
public final class CheckedPyTorchProvider implements EngineProvider {
    private static final Logger LOG = LoggerFactory.getLogger(CheckedPyTorchProvider.class);

    private static final ThreadLocal<Boolean> GRAD_MODE_SET = ThreadLocal.withInitial(() -> false);

    private final PtEngineProvider pytorch = new PtEngineProvider();
    private volatile boolean configured;

    @Override
    public String getEngineName() {
        return pytorch.getEngineName();
    }

    @Override
    public int getEngineRank() {
        return pytorch.getEngineRank();
    }

    @Override
    public Engine getEngine() {
        Engine engine = pytorch.getEngine();
        if (!configured) {
            synchronized (this) {
                if (!configured) {
                    configure();
                    configured = true;
                }
            }
        }
        EngineCheck.require();
        if (!GRAD_MODE_SET.get()) {
            JniUtils.setGradMode(false);
            GRAD_MODE_SET.set(true);
        }
        return engine;
    }

    private static void configure() {
        try {
            LibTorch.setNnpack(false);
        } catch (UnsatisfiedLinkError e) {
            LOG.debug("NNPACK stays on (this libtorch does not export its switch): its warning may show", e);
        }
        if (Remedy.requested() == Remedy.ROUTE_CONVOLUTIONS) {
            LibTorch.setMkldnn(false);
        }
    }
}
