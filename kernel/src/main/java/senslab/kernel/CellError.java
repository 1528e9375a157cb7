package senslab.kernel;

import java.util.List;

/**
 * A cell failed. What the notebook shows, in both the iopub {@code error} message and the
 * {@code execute_reply}: {@link #name()} as {@code ename} (the real exception class for code that threw),
 * {@link #getMessage()} as {@code evalue}, {@link #report()} as {@code traceback}.
 */
final class CellError extends RuntimeException {

    static final String COMPILATION = "CompilationException";
    static final String INTERRUPTED = "EvaluationInterruptedException";
    static final String MAGIC = "MagicException";

    private final String name;
    private final List<String> report;

    private CellError(String name, String message, List<String> report) {
        super(message, null, false, false);
        this.name = name;
        this.report = List.copyOf(report);
    }

    /** The cell does not compile; {@code message} is the compiler's first message. */
    static CellError compilation(String message, List<String> report) {
        return new CellError(COMPILATION, message, report);
    }

    /** The cell's code threw {@code exceptionClass} (its name as the code saw it). */
    static CellError thrown(String exceptionClass, String message, List<String> report) {
        return new CellError(exceptionClass, message == null ? "" : message, report);
    }

    /** The cell was interrupted (the notebook's stop button); {@code report} says how it ended. */
    static CellError interrupted(List<String> report) {
        return new CellError(INTERRUPTED, "the cell was interrupted", report);
    }

    /** A magic ({@code %name}) failed or does not exist. */
    static CellError magic(String message) {
        return new CellError(MAGIC, message, List.of(message));
    }

    /** The error's name ({@code ename}). */
    String name() {
        return name;
    }

    /** The traceback lines. */
    List<String> report() {
        return report;
    }
}
