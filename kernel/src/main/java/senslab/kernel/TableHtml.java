package senslab.kernel;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An HTML table for a Tablesaw {@code Table}, read by reflection (Tablesaw is not on the kernel's class path).
 * Decimal numbers show 4 significant digits, as a reader compares them, with the full value on hover.
 */
final class TableHtml {
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+\\.[0-9]+([eE][-+]?[0-9]+)?");
    private static final MathContext SHOWN = new MathContext(4);

    private TableHtml() {
    }

    static String of(Object table, int maxRows) {
        try {
            Class<?> type = table.getClass();
            String name = (String) type.getMethod("name").invoke(table);
            @SuppressWarnings("unchecked")
            List<String> columns = (List<String>) type.getMethod("columnNames").invoke(table);
            int rows = (Integer) type.getMethod("rowCount").invoke(table);
            Method cell = type.getMethod("getString", int.class, int.class);

            StringBuilder html = new StringBuilder("<table class=\"dataframe\">");
            if (name != null && !name.isBlank()) {
                html.append("<caption>").append(escape(name)).append("</caption>");
            }
            html.append("<thead><tr>");
            for (String column : columns) {
                html.append("<th>").append(escape(column)).append("</th>");
            }
            html.append("</tr></thead><tbody>");
            for (int r = 0; r < Math.min(rows, maxRows); r++) {
                html.append("<tr>");
                for (int c = 0; c < columns.size(); c++) {
                    html.append(td(String.valueOf(cell.invoke(table, r, c))));
                }
                html.append("</tr>");
            }
            html.append("</tbody></table>");
            if (rows > maxRows) {
                html.append("<p>").append(rows - maxRows).append(" more rows (").append(rows).append(" in all)</p>");
            }
            return html.toString();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the Tablesaw table: " + e, e);
        }
    }

    private static String td(String value) {
        if (!DECIMAL.matcher(value).matches()) {
            return "<td>" + escape(value) + "</td>";
        }
        BigDecimal exact = new BigDecimal(value);
        BigDecimal shown = exact.round(SHOWN).stripTrailingZeros();
        if (shown.compareTo(exact) == 0) {
            return "<td>" + value + "</td>";
        }
        double size = Math.abs(shown.doubleValue());
        String text = size == 0 || (size >= 1e-4 && size < 1e7) ? shown.toPlainString() : shown.toString();
        return "<td title=\"" + value + "\">" + text + "</td>";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
