package senslab.kernel;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

import java.nio.file.Files;
import java.nio.file.Path;

/** Starts the kernel: {@code java senslab.kernel.Main <connection-file>} (as the kernelspec does). */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !Files.isRegularFile(Path.of(args[0]))) {
            System.err.println(
                    "usage: java senslab.kernel.Main <connection-file>  (Jupyter starts this through the kernelspec)");
            System.exit(2);
        }
        KernelConnectionProperties properties = KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
        JupyterConnection connection = new JupyterConnection(properties);
        SenslabKernel kernel = SenslabKernel.fromEnvironment();
        kernel.becomeHandlerForConnection(connection);
        kernel.onStartup();
        interruptOnSigint(kernel);
        exitWithParent();
        connection.connect();
        connection.waitUntilClose();
        System.exit(0);
    }

    /** A kernel whose Jupyter client died (without a shutdown request) ends too, instead of lingering. */
    private static void exitWithParent() {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            System.err.println("senslab kernel: the process that started it is gone; exiting");
            System.exit(1);
        }));
    }

    /** SIGINT (interrupt_mode "signal", or Ctrl-C in a terminal) stops the running cell, not the kernel. */
    private static void interruptOnSigint(SenslabKernel kernel) {
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> kernel.interrupt());
    }
}
