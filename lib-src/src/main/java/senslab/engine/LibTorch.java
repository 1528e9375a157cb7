package senslab.engine;

import ai.djl.pytorch.jni.LibUtils;
import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few libtorch switches and facts DJL does not expose, called by their C++ names in the libtorch DJL loaded
 * (opening it again returns the same library). Call only once the engine is loaded.
 */
final class LibTorch {
    private static final String GLOBAL_CONTEXT = "_ZN2at13globalContextEv";
    private static final String SET_NNPACK = "_ZN2at7Context20setUserEnabledNNPACKEb";
    private static final String GET_NNPACK = "_ZNK2at7Context17userEnabledNNPACKEv";
    private static final String SET_MKLDNN = "_ZN2at7Context20setUserEnabledMkldnnEb";
    private static final String GET_MKLDNN = "_ZNK2at7Context17userEnabledMkldnnEv";
    private static final String CPU_CAPABILITY = "_ZN2at18get_cpu_capabilityB5cxx11Ev";
    private static final String MKLDNN_VERSION = "_ZN2at18get_mkldnn_versionB5cxx11Ev";

    private LibTorch() {
    }

    /** {@code at::globalContext().setUserEnabledNNPACK(on)}, as {@code torch.backends.nnpack.set_flags}. */
    static void setNnpack(boolean on) {
        function(SET_NNPACK).invokeVoid(new Object[] {globalContext(), on});
    }

    static boolean nnpackEnabled() {
        return flag(GET_NNPACK);
    }

    /**
     * {@code at::globalContext().setUserEnabledMkldnn(on)}, as {@code torch.backends.mkldnn.enabled = on}: off,
     * PyTorch runs convolutions with its own im2col and BLAS kernels instead of oneDNN's. It is read at every
     * call, so it takes effect at once, for forward and backward passes alike.
     */
    static void setMkldnn(boolean on) {
        function(SET_MKLDNN).invokeVoid(new Object[] {globalContext(), on});
    }

    static boolean mkldnnEnabled() {
        return flag(GET_MKLDNN);
    }

    /** The instruction set ATen's own kernels were dispatched to: {@code AVX512}, {@code AVX2}, {@code DEFAULT}. */
    static String cpuCapability() {
        return string(CPU_CAPABILITY);
    }

    /** oneDNN's version as libtorch reports it, e.g. {@code v3.7.1}. */
    static String onednnVersion() {
        String text = string(MKLDNN_VERSION);
        Matcher version = Pattern.compile("v[0-9.]+").matcher(text);
        return version.find() ? version.group() : text;
    }

    private static boolean flag(String symbol) {
        // a C++ bool comes back in the low byte only
        return (function(symbol).invokeInt(new Object[] {globalContext()}) & 0xFF) != 0;
    }

    /**
     * A {@code std::string} returned by value: the caller passes the memory for it as a hidden first argument
     * (the Itanium C++ ABI); libstdc++ lays it out as a pointer to the characters followed by their length. The
     * characters are not freed: these are read once per JVM.
     */
    private static String string(String symbol) {
        try (Memory result = new Memory(32)) {
            function(symbol).invokeVoid(new Object[] {result});
            long length = result.getLong(Native.POINTER_SIZE);
            return new String(result.getPointer(0).getByteArray(0, (int) length), StandardCharsets.UTF_8);
        }
    }

    private static Pointer globalContext() {
        return function(GLOBAL_CONTEXT).invokePointer(new Object[0]);
    }

    private static Function function(String symbol) {
        Path library = Path.of(LibUtils.getLibtorchPath(), System.mapLibraryName("torch_cpu"));
        return NativeLibrary.getInstance(library.toString()).getFunction(symbol);
    }
}
