package senslab.kernel;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Runs a cell: the cell magic {@code %%time}, line magics where they stand, and the Java in between cut
 * into JShell snippets, run in order. Returns the value of the cell's last expression as an object.
 */
final class CellEvaluator {

    private final JShell shell;
    private final CellExecutionControl control;
    private final Magics magics;
    private final ErrorReports errors;
    private volatile boolean interrupted;

    CellEvaluator(JShell shell, CellExecutionControl control, Magics magics, ErrorReports errors) {
        this.shell = shell;
        this.control = control;
        this.magics = magics;
        this.errors = errors;
    }

    /** The value of the cell's last expression (null for none, or for an output stream), or a {@link CellError}. */
    Object run(String cell) {
        interrupted = false;
        try {
            String first = cell.stripLeading();
            return shown(first.startsWith("%%") ? runCellMagic(first) : runLines(cell));
        } catch (LinkageError | VirtualMachineError e) {
            // the kernel's own work failed (not the cell's code, whose errors arrive as EvalException)
            throw errors.kernelFailure(e);
        } finally {
            control.clearValues();
        }
    }

    /**
     * What a cell's value shows: nothing for a print stream or writer, which {@code System.out.printf(…)} and its
     * kind return for chaining (the reader wants the text printed, not {@code java.io.PrintStream@1b2c3d}).
     */
    private static Object shown(Object value) {
        return value instanceof PrintStream || value instanceof PrintWriter ? null : value;
    }

    /** Stops the running cell (see {@link CellExecutionControl#stop()}); the snippets after it do not run. */
    void interrupt() {
        interrupted = true;
        shell.stop();
    }

    private Object runCellMagic(String cell) {
        int eol = cell.indexOf('\n');
        String header = eol < 0 ? cell : cell.substring(0, eol);
        String body = eol < 0 ? "" : cell.substring(eol + 1);
        List<String> words = Magics.words(header.substring(2));
        if (words.isEmpty() || !words.get(0).equals("time")) {
            throw CellError.magic("unknown cell magic " + header.strip() + "; the only cell magic is %%time");
        }
        long start = System.nanoTime();
        try {
            return runLines(body);
        } finally {
            System.out.println(String.format(Locale.ROOT, "Wall time: %.3f s", (System.nanoTime() - start) / 1e9));
        }
    }

    /** Runs code and line magics in order; magic lines run when reached, code lines between them as snippets. */
    private Object runLines(String code) {
        String[] lines = code.split("\n", -1);
        StringBuilder pending = new StringBuilder();
        Object last = null;
        for (int i = 0; i < lines.length; i++) {
            if (!Magics.isLineMagic(lines[i])) {
                pending.append(lines[i]).append('\n');
                continue;
            }
            last = runCode(pending.toString());
            try {
                last = magics.run(lines[i]);
            } catch (CellError e) {
                throw e;
            } catch (Exception | LinkageError e) {
                throw CellError.magic(lines[i].strip() + " failed: " + e);
            }
            // blank lines in place of the ones done, so compile errors name the cell's own line numbers
            pending.setLength(0);
            pending.append("\n".repeat(i + 1));
        }
        if (!pending.toString().isBlank()) {
            last = runCode(pending.toString());
        }
        return last;
    }

    private Object runCode(String code) {
        Object last = null;
        for (Chunks.Chunk chunk : Chunks.split(shell.sourceCodeAnalysis(), code)) {
            checkInterrupted(null);
            last = null;
            for (SnippetEvent event : shell.eval(chunk.source())) {
                if (event.causeSnippet() != null) {
                    continue;
                }
                Snippet snippet = event.snippet();
                checkInterrupted(event);
                if (event.status() == Snippet.Status.REJECTED) {
                    throw errors.compilation(code, chunk, snippet);
                }
                if (event.exception() != null) {
                    throw errors.thrown(event.exception());
                }
                warnUnresolved(snippet, event.status());
                last = isExpression(snippet) ? control.takeValue(event.value()) : null;
                if (snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                    // the value is shown, not kept as $N: JShell would hold every result (images too) for
                    // good, and compile each later snippet against all of them
                    shell.drop(snippet);
                }
            }
        }
        return last;
    }

    /** After an interrupt nothing else runs; how the code reacted to it (e.g. its own exception) is shown. */
    private void checkInterrupted(SnippetEvent event) {
        if (!interrupted) {
            return;
        }
        List<String> report =
                new ArrayList<>(List.of("Interrupted: the cell was stopped; the kernel keeps its state."));
        if (event != null && event.exception() instanceof EvalException) {
            report.addAll(errors.describe(event.exception()));
        }
        throw CellError.interrupted(report);
    }

    private static boolean isExpression(Snippet s) {
        return s.kind() == Snippet.Kind.EXPRESSION
                || (s instanceof VarSnippet && s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND);
    }

    private void warnUnresolved(Snippet snippet, Snippet.Status status) {
        if (status == Snippet.Status.RECOVERABLE_DEFINED || status == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
            List<String> missing =
                    shell.unresolvedDependencies((DeclarationSnippet) snippet).collect(Collectors.toList());
            System.err.println("note: " + snippet.source().lines().findFirst().orElse("").strip()
                    + " cannot be used until " + String.join(", ", missing) + " is declared");
        }
    }
}
