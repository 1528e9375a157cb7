package senslab.kernel;

import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

import java.util.ArrayList;
import java.util.List;

/** A cell's code cut into JShell snippets, each with its offset in the cell. */
final class Chunks {

    /** One snippet: {@code start} is where it begins in the cell, {@code source} what JShell evaluates. */
    record Chunk(int start, int end, String source, Completeness completeness) {
        boolean incomplete() {
            return completeness == Completeness.DEFINITELY_INCOMPLETE
                    || completeness == Completeness.CONSIDERED_INCOMPLETE;
        }
    }

    private Chunks() {
    }

    static List<Chunk> split(SourceCodeAnalysis analysis, String code) {
        List<Chunk> chunks = new ArrayList<>();
        int offset = 0;
        String rest = code;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            int lead = leadingBlank(rest);
            String source = info.source();
            String remaining = info.remaining();
            if (source == null || info.completeness() == Completeness.EMPTY
                    || info.completeness() == Completeness.DEFINITELY_INCOMPLETE
                    || info.completeness() == Completeness.CONSIDERED_INCOMPLETE) {
                source = rest.substring(lead);
                remaining = "";
            }
            int consumed = rest.length() - remaining.length();
            chunks.add(new Chunk(offset + sourceStart(rest, source, lead), offset + consumed, source,
                    info.completeness()));
            offset += consumed;
            rest = remaining;
        }
        return chunks;
    }

    /** Where {@code source} begins in {@code rest}: JShell may keep leading blank lines, or add a final ';'. */
    private static int sourceStart(String rest, String source, int lead) {
        int at = rest.indexOf(source);
        if (at < 0 && source.endsWith(";")) {
            at = rest.indexOf(source.substring(0, source.length() - 1));
        }
        return at >= 0 ? at : lead;
    }

    private static int leadingBlank(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
