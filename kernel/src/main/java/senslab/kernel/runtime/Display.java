package senslab.kernel.runtime;

import senslab.kernel.SenslabKernel;

/**
 * The display functions every notebook cell sees without imports (a static import is part of the
 * kernel's start-up). Names and behaviour follow IJava's {@code display}/{@code updateDisplay}, so a
 * notebook written against them also runs on IJava or JJava.
 */
public final class Display {

    private Display() {
    }

    /** Shows {@code value} below the cell (charts and images as PNG, tables as HTML) and returns its display id. */
    public static String display(Object value) {
        return SenslabKernel.current().display(value);
    }

    /**
     * Shows {@code value} rendered only as the given MIME types (e.g. {@code "text/plain"}) and returns its display id.
     */
    public static String display(Object value, String... mimeTypes) {
        return SenslabKernel.current().display(value, mimeTypes);
    }

    /** Replaces what was shown under {@code id} (an id returned by {@link #display(Object)}) with {@code value}. */
    public static void updateDisplay(String id, Object value) {
        SenslabKernel.current().updateDisplay(id, value);
    }

    /**
     * Clears this cell's output. With {@code wait}, the clearing happens when the next output arrives, so a
     * cell that redraws (clear, then display again) does not flicker. This kernel's own: IJava has none, so
     * a notebook that calls it runs here only.
     */
    public static void clearOutput(boolean wait) {
        SenslabKernel.current().clearOutput(wait);
    }

    /** Clears this cell's output now. */
    public static void clearOutput() {
        clearOutput(false);
    }

    /** Replaces what was shown under {@code id} with {@code value} rendered as the given MIME types. */
    public static void updateDisplay(String id, Object value, String... mimeTypes) {
        SenslabKernel.current().updateDisplay(id, value, mimeTypes);
    }
}
