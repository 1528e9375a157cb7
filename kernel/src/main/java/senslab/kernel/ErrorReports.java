package senslab.kernel;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.UnresolvedReferenceException;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a notebook shows when a cell fails: compile errors with the cell's own line, column and a caret
 * under the culprit; exceptions with the cell's frames only (the kernel's machinery is cut off).
 */
final class ErrorReports {

    private static final int MAX_FRAMES = 25;
    private static final int MAX_LINES = 200;

    private final JShell shell;
    private final StringStyler styler;

    ErrorReports(JShell shell, StringStyler styler) {
        this.shell = shell;
        this.styler = styler;
    }

    /** JShell rejected {@code snippet}, a part of the cell {@code code} that starts at {@code chunk}. */
    CellError compilation(String code, Chunks.Chunk chunk, Snippet snippet) {
        List<String> report = new ArrayList<>();
        String summary = null;
        List<Diag> diags = shell.diagnostics(snippet).filter(Diag::isError).collect(Collectors.toList());
        for (Diag d : diags) {
            String message = d.getMessage(Locale.ROOT);
            String first = message.lines().findFirst().orElse("");
            long at = d.getStartPosition() >= 0 ? d.getStartPosition() : d.getPosition();
            long end = Math.max(at + 1, d.getEndPosition());
            int pos = (int) Math.min(code.length(), chunk.start() + Math.max(0, at));
            int lineStart = code.lastIndexOf('\n', pos - 1) + 1;
            int lineEnd = code.indexOf('\n', pos);
            if (lineEnd < 0) {
                lineEnd = code.length();
            }
            int lineNumber = (int) code.substring(0, lineStart).chars().filter(c -> c == '\n').count() + 1;
            String line = code.substring(lineStart, lineEnd);
            int column = pos - lineStart;
            int width = (int) Math.max(1, Math.min(end - Math.max(0, at), line.length() - column));
            if (summary == null) {
                summary = "line " + lineNumber + ": " + first;
            }
            report.add(styler.secondary("Compile error, line " + lineNumber + ", column " + (column + 1) + ": ")
                    + first);
            message.lines().skip(1).forEach(l -> report.add("    " + l.strip()));
            report.add("    " + line);
            report.add("    " + indentLike(line, column) + styler.secondary("^" + "~".repeat(Math.max(0, width - 1))));
        }
        if (summary == null) {
            summary = "the snippet was rejected";
            report.add(summary + ": " + snippet.source());
        }
        return CellError.compilation(summary, report);
    }

    /** The cell's code threw, or used what is not declared yet. */
    CellError thrown(JShellException e) {
        if (e instanceof UnresolvedReferenceException) {
            Snippet s = ((UnresolvedReferenceException) e).getSnippet();
            String missing = shell.unresolvedDependencies(((UnresolvedReferenceException) e).getSnippet())
                    .collect(Collectors.joining(", "));
            String message = "cannot use " + s.source().lines().findFirst().orElse("").strip()
                    + " until " + missing + " is declared";
            return CellError.thrown(UnresolvedReferenceException.class.getSimpleName(), message,
                    List.of(styler.secondary(message)));
        }
        EvalException ex = (EvalException) e;
        return CellError.thrown(ex.getExceptionClassName(), ex.getMessage(), describe(ex));
    }

    /** The kernel's own work failed (a class that cannot link, memory exhausted outside the cell's code). */
    CellError kernelFailure(Throwable e) {
        String message = "kernel error: " + e;
        return CellError.thrown(e.getClass().getName(), message, List.of(styler.secondary(message)));
    }

    /** The exception and its causes, each with the cell's frames. */
    List<String> describe(Throwable t) {
        List<String> report = new ArrayList<>();
        describe(t, report, "");
        return report;
    }

    private void describe(Throwable t, List<String> report, String prefix) {
        String name = t instanceof EvalException ? ((EvalException) t).getExceptionClassName() : t.getClass().getName();
        report.add(styler.secondary(prefix + name) + (t.getMessage() == null ? "" : ": " + t.getMessage()));
        StackTraceElement[] frames = t.getStackTrace();
        int shown = 0;
        for (int i = 0; i < frames.length && !isKernelFrame(frames[i]); i++) {
            int repeats = 0;
            while (i + 1 < frames.length && frames[i + 1].equals(frames[i])) {
                repeats++;
                i++;
            }
            if (shown == MAX_FRAMES) {
                report.add("        ... more frames");
                break;
            }
            report.add("        at " + frame(frames[i]) + (repeats > 0 ? "  (and " + repeats + " more times)" : ""));
            shown++;
        }
        if (t.getCause() != null && t.getCause() != t && report.size() < MAX_LINES) {
            describe(t.getCause(), report, "Caused by: ");
        }
    }

    private static boolean isKernelFrame(StackTraceElement f) {
        String c = f.getClassName();
        return c.startsWith("jdk.internal.reflect.") || c.startsWith("java.lang.reflect.Method")
                || c.startsWith("senslab.kernel.");
    }

    /** A stack frame; JShell reports a cell's own code with an empty class name and file "#snippet-id". */
    private static String frame(StackTraceElement f) {
        if (!f.getClassName().isEmpty()) {
            return f.toString();
        }
        String method = f.getMethodName().isEmpty() ? "<cell>" : f.getMethodName();
        return method + "(" + f.getFileName() + ":" + f.getLineNumber() + ")";
    }

    private static String indentLike(String line, int column) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < column && i < line.length(); i++) {
            s.append(line.charAt(i) == '\t' ? '\t' : ' ');
        }
        return s.toString();
    }
}
