package senslab.kernel;

import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.messages.publish.PublishClearOutput;

import java.nio.charset.StandardCharsets;

/**
 * The notebook's streams, attached to one cell's reply environment while that cell runs. The base
 * library keeps attaching to its own execute handler; this kernel has its own (so that replies carry the
 * real error), hence these package-level doors, and {@code clear_output}, which the base library lacks.
 */
final class CellIO extends JupyterIO {

    private volatile ShellReplyEnvironment cell;

    CellIO() {
        super(StandardCharsets.UTF_8);
    }

    /** Output from now on belongs to the cell answered through {@code env}. */
    void attach(ShellReplyEnvironment env, boolean stdinEnabled) {
        setEnv(env);
        setJupyterInEnabled(stdinEnabled);
        cell = env;
    }

    void detach(ShellReplyEnvironment env) {
        cell = null;
        retractEnv(env);
    }

    /**
     * Clears the running cell's output: now, or with {@code wait} when the next output arrives (no flicker
     * for a redraw). Text printed before is flushed first, so it is what gets cleared.
     */
    void clearOutput(boolean wait) {
        ShellReplyEnvironment env = cell;
        if (env == null) {
            throw new IllegalStateException("clearOutput works only while a cell runs");
        }
        flush();
        env.publish(wait ? PublishClearOutput.BEFORE_NEXT_OUTPUT : PublishClearOutput.NOW);
    }

    /** Sends what the cell printed so far. */
    void flush() {
        out.flush();
        err.flush();
    }
}
