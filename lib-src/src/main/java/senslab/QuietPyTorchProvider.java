package senslab;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineProvider;
import ai.djl.pytorch.engine.PtEngineProvider;
import ai.djl.pytorch.jni.LibUtils;
import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DJL's PyTorch engine with NNPACK switched off. DJL finds engines through {@code META-INF/services} and
 * keeps the first provider of each name; this library's classes come before DJL's jars on every class path
 * the project builds (notebooks, tests, benchmarks, {@code make classpath}, a Maven dependency), so
 * {@code Engine.getInstance()} goes through here and nobody has to call anything.
 *
 * <p>Why: for a convolution that oneDNN declines (one small image, as in perturbation maps and activation
 * maximization), PyTorch asks whether NNPACK is available, which initializes it, and on CPUs NNPACK does not
 * support it prints {@code Could not initialize NNPACK! Reason: Unsupported hardware.} to the process's
 * native stderr, where no Java code can filter it. NNPACK would not run those convolutions anyway (it takes
 * only batches of 16 or more, which oneDNN takes first), so switching it off, as
 * {@code torch.backends.nnpack.set_flags(False)} does in Python, changes no result and no speed; the
 * question is then never asked. Nothing else is silenced: every other native warning still shows.
 */
public final class QuietPyTorchProvider implements EngineProvider {
    private static final Logger LOG = LoggerFactory.getLogger(QuietPyTorchProvider.class);
    private static final String GLOBAL_CONTEXT = "_ZN2at13globalContextEv";
    private static final String SET_NNPACK = "_ZN2at7Context20setUserEnabledNNPACKEb";
    private static final String GET_NNPACK = "_ZNK2at7Context17userEnabledNNPACKEv";

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
                    switchOffNnpack();
                    configured = true;
                }
            }
        }
        return engine;
    }

    private static void switchOffNnpack() {
        try {
            setNnpack(false);
        } catch (UnsatisfiedLinkError e) {
            LOG.debug("NNPACK stays on (this libtorch does not export {}): its warning may show", SET_NNPACK, e);
        }
    }

    /** Switches NNPACK on or off for the whole process: {@code at::globalContext().setUserEnabledNNPACK(on)}. */
    static void setNnpack(boolean on) {
        function(SET_NNPACK).invokeVoid(new Object[] {globalContext(), on});
    }

    /** Whether NNPACK may be used: {@code at::globalContext().userEnabledNNPACK()}. */
    static boolean nnpackEnabled() {
        // a C++ bool comes back in the low byte only
        return (function(GET_NNPACK).invokeInt(new Object[] {globalContext()}) & 0xFF) != 0;
    }

    private static Pointer globalContext() {
        return function(GLOBAL_CONTEXT).invokePointer(new Object[0]);
    }

    /** A function of the libtorch DJL loaded (opening it again returns the same library). */
    private static Function function(String symbol) {
        Path library = Path.of(LibUtils.getLibtorchPath(), System.mapLibraryName("torch_cpu"));
        return NativeLibrary.getInstance(library.toString()).getFunction(symbol);
    }
}
