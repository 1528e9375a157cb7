package senslab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The NNPACK warning, made to happen on any x86-64 machine: a stand-in for NNPACK's initializer, compiled
 * here with the system's C compiler and preloaded into a child JVM, answers "unsupported hardware", as NNPACK
 * does on the CPUs where the warning was seen. The child runs one small-image convolution, once with DJL
 * alone on its class path (the warning must show, or this test proves nothing) and once with this
 * library's classes first, as every entry point of the project has them (no line of the warning).
 */
class QuietNativeOutputTest {
    private static final String WARNING = "Could not initialize NNPACK";

    @Test
    void theNnpackWarningShowsWithDjlAloneAndNotWithThisLibrary() throws Exception {
        Path fake = fakeNnpack();
        List<String> classpath = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
        String library = Path.of("target", "classes").toAbsolutePath().toString();
        assertTrue(classpath.contains(library), "the library's classes are on the test class path: " + classpath);
        String djlAlone =
                classpath.stream().filter(e -> !e.equals(library)).collect(Collectors.joining(File.pathSeparator));

        String without = runConvolution(fake, djlAlone);
        assertTrue(without.contains(WARNING), "the stand-in makes libtorch warn:\n" + without);
        String with = runConvolution(fake, String.join(File.pathSeparator, classpath));
        assertFalse(with.contains(WARNING), with);
        assertTrue(with.contains("convolution done"), with);
    }

    /** A shared library whose nnp_initialize returns nnp_status_unsupported_hardware (51). */
    private static Path fakeNnpack() throws IOException, InterruptedException {
        Path dir = Files.createDirectories(Path.of("target", "fake-nnpack"));
        Path source = Files.writeString(dir.resolve("fake_nnpack.c"), "int nnp_initialize(void) { return 51; }\n");
        Path library = dir.resolve("libfakennpack.so");
        Process cc;
        try {
            cc = new ProcessBuilder("cc", "-shared", "-fPIC", "-o", library.toString(), source.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "skipped: no C compiler (cc) to build the NNPACK stand-in: " + e.getMessage());
            throw e;
        }
        String out = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(cc.waitFor() == 0, "skipped: cc could not build the NNPACK stand-in: " + out);
        return library.toAbsolutePath();
    }

    private static String runConvolution(Path preload, String classpath) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Dai.djl.offline=true", "-cp", classpath,
                SingleImageConvolution.class.getName()).redirectErrorStream(true);
        builder.environment().put("LD_PRELOAD", preload.toString());
        Process child = builder.start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(2, TimeUnit.MINUTES), "the child JVM did not finish:\n" + out);
        assertEquals(0, child.exitValue(), out);
        return out;
    }

    /** The child: a 3×3 convolution of one 32×32 image, which oneDNN declines and NNPACK is asked about. */
    public static final class SingleImageConvolution {
        public static void main(String[] args) {
            try (NDManager manager = NDManager.newBaseManager()) {
                Conv2d.conv2d(manager.ones(new Shape(1, 3, 32, 32)), manager.ones(new Shape(8, 3, 3, 3)), null,
                        new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1).singletonOrThrow().sum().getFloat();
            }
            System.out.println("convolution done");
        }
    }
}
