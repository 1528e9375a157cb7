package senslab.kernel;

import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Completion, inspection (shift-tab) and is_complete, from JShell's source analysis of the cell. */
final class CodeAssistance {

    private final JShell shell;

    CodeAssistance(JShell shell) {
        this.shell = shell;
    }

    /** Completions for the code before {@code at}, type-matching ones first. */
    ReplacementOptions complete(String code, int at) {
        String text = blankMagicLines(code);
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        for (Chunks.Chunk chunk : Chunks.split(analysis, text)) {
            if (at < chunk.start() || at > chunk.end()) {
                continue;
            }
            int[] anchor = new int[1];
            String source = text.substring(chunk.start(), at);
            List<SourceCodeAnalysis.Suggestion> suggestions =
                    analysis.completionSuggestions(source, source.length(), anchor);
            Set<String> options = new LinkedHashSet<>();
            suggestions.stream().filter(SourceCodeAnalysis.Suggestion::matchesType).forEach(s ->
                    options.add(s.continuation()));
            suggestions.forEach(s -> options.add(s.continuation()));
            return new ReplacementOptions(new ArrayList<>(options), chunk.start() + anchor[0], at);
        }
        return null;
    }

    /** The signature and javadoc of what is at {@code at}, or a variable's type and value. */
    DisplayData inspect(String code, int at, boolean detail) {
        String text = blankMagicLines(code);
        int end = at;
        while (end < text.length() && Character.isJavaIdentifierPart(text.charAt(end))) {
            end++;
        }
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        for (Chunks.Chunk chunk : Chunks.split(analysis, text)) {
            if (end < chunk.start() || at > chunk.end()) {
                continue;
            }
            String source = text.substring(chunk.start(), Math.min(chunk.end(), text.length()));
            int cursor = end - chunk.start();
            List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(source, cursor, detail);
            if (docs.isEmpty()) {
                // a bare method name: ask as if the call's parenthesis were typed
                String call = source.substring(0, cursor) + "(" + source.substring(cursor).replaceFirst("^\\(", "");
                docs = analysis.documentation(call, cursor + 1, detail);
            }
            if (!docs.isEmpty()) {
                String doc = docs.stream()
                        .map(d -> d.signature()
                                + (d.javadoc() == null || d.javadoc().isBlank() ? "" : "\n" + d.javadoc()))
                        .collect(Collectors.joining("\n\n"));
                return new DisplayData(doc);
            }
            String word = identifierAt(text, at);
            String vars = shell.variables()
                    .filter(v -> shell.status(v).isActive() && v.name().equals(word))
                    .map(v -> v.typeName() + " " + v.name() + " = " + shell.varValue(v))
                    .collect(Collectors.joining("\n"));
            if (!vars.isEmpty()) {
                return new DisplayData(vars);
            }
        }
        return null;
    }

    /** {@link BaseKernel#IS_COMPLETE_YES}, {@link BaseKernel#IS_COMPLETE_BAD}, or the indent to continue with. */
    String isComplete(String code) {
        String text = code.stripLeading().startsWith("%%") ? afterFirstLine(code.stripLeading()) : code;
        text = blankMagicLines(text);
        if (text.isBlank()) {
            return BaseKernel.IS_COMPLETE_YES;
        }
        for (Chunks.Chunk chunk : Chunks.split(shell.sourceCodeAnalysis(), text)) {
            if (chunk.incomplete()) {
                return "    ";
            }
            if (chunk.completeness() == SourceCodeAnalysis.Completeness.UNKNOWN) {
                return BaseKernel.IS_COMPLETE_BAD;
            }
        }
        return BaseKernel.IS_COMPLETE_YES;
    }

    private static String identifierAt(String text, int at) {
        int start = Math.min(at, text.length());
        while (start > 0 && Character.isJavaIdentifierPart(text.charAt(start - 1))) {
            start--;
        }
        int end = Math.min(at, text.length());
        while (end < text.length() && Character.isJavaIdentifierPart(text.charAt(end))) {
            end++;
        }
        return text.substring(start, end);
    }

    private static String afterFirstLine(String s) {
        int eol = s.indexOf('\n');
        return eol < 0 ? "" : s.substring(eol + 1);
    }

    /** Magic lines replaced by spaces, so offsets in the cell stay valid for JShell's analysis. */
    private static String blankMagicLines(String code) {
        return code.lines().map(l -> Magics.isLineMagic(l) || l.stripLeading().startsWith("%%") ? " ".repeat(l.length())
                : l)
                .collect(Collectors.joining("\n")) + (code.endsWith("\n") ? "\n" : "");
    }
}
