package senslab.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import senslab.Project;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The Pima Indians diabetes data of the paper's section 2 ({@code data/diabetes.csv}, 768 rows): 8 raw
 * features and the 0/1 {@code Outcome}. The paper's split: training rows 0–499, test rows 500–699; the
 * Sobol bounds are the per-feature minimum and maximum over rows 0–699.
 */
public final class DiabetesData {
    /** The feature columns, in the dataset's (and the network's input) order. */
    public static final List<String> FEATURES = List.of("Pregnancies", "Glucose", "BloodPressure",
            "SkinThickness", "Insulin", "BMI", "DiabetesPedigreeFunction", "Age");
    public static final String OUTCOME = "Outcome";
    /** The paper's split: [0, 500) train, [500, 700) test; rows 700–767 are not used. */
    public static final int TRAIN_END = 500;
    public static final int TEST_END = 700;

    private final Table table;

    private DiabetesData(Table table) {
        this.table = table;
    }

    /** The project's copy, {@code data/diabetes.csv}. */
    public static DiabetesData load() {
        return load(Project.data().resolve("diabetes.csv"));
    }

    /**
     * Reads a CSV with the dataset's header; every cell must be a number (errors name the row and column of
     * the first missing or non-numeric cell).
     */
    public static DiabetesData load(Path csv) {
        if (!Files.isRegularFile(csv)) {
            throw new IllegalArgumentException("no diabetes CSV at " + csv.toAbsolutePath()
                    + "; the project ships it as data/diabetes.csv (see data/README.md)");
        }
        Table raw;
        try {
            raw = Table.read().csv(CsvReadOptions.builder(csv.toFile()).columnTypes(c -> ColumnType.STRING)
                    .missingValueIndicator(new String[0]).build());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot read " + csv + " as CSV: " + e.getMessage(), e);
        }
        List<String> wanted = new ArrayList<>(FEATURES);
        wanted.add(OUTCOME);
        List<String> absent = wanted.stream().filter(c -> !raw.columnNames().contains(c)).toList();
        if (!absent.isEmpty()) {
            throw new IllegalArgumentException(csv + " lacks the column(s) " + absent + "; its header must be "
                    + String.join(",", wanted));
        }
        Table numeric = Table.create("Pima Indians diabetes (" + csv.getFileName() + ")");
        for (String name : wanted) {
            StringColumn column = raw.stringColumn(name);
            double[] values = new double[column.size()];
            for (int row = 0; row < values.length; row++) {
                values[row] = parse(column.get(row), row, name, csv);
            }
            numeric.addColumns(DoubleColumn.create(name, values));
        }
        if (numeric.rowCount() < TEST_END) {
            throw new IllegalArgumentException(csv + " has " + numeric.rowCount() + " rows; the paper's split needs "
                    + "at least " + TEST_END);
        }
        return new DiabetesData(numeric);
    }

    private static double parse(String cell, int row, String column, Path csv) {
        String text = cell == null ? "" : cell.trim();
        if (text.isEmpty()) {
            throw new IllegalArgumentException(csv.getFileName() + ": row " + row + " (line " + (row + 2)
                    + "), column '" + column + "' is missing; every cell must hold a number");
        }
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the cell's position
        }
        throw new IllegalArgumentException(csv.getFileName() + ": row " + row + " (line " + (row + 2) + "), column '"
                + column + "' holds '" + text + "', which is not a finite number");
    }

    /** All rows, features and Outcome as double columns. */
    public Table table() {
        return table;
    }

    /** Table 1 of the paper: the first five rows. */
    public Table head() {
        return table.first(5).setName("Table 1: diabetes data (first rows of " + table.rowCount() + ")");
    }

    /** Per-column count, mean, std, min and max over all rows. */
    public Table summary() {
        return table.summary().setName("Diabetes data summary");
    }

    /** Feature values of rows [from, to), in the given column order. */
    public double[][] features(int from, int to, List<String> columns) {
        double[][] x = new double[to - from][columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            DoubleColumn column = table.doubleColumn(checked(columns.get(c)));
            for (int r = from; r < to; r++) {
                x[r - from][c] = column.getDouble(r);
            }
        }
        return x;
    }

    /** The Outcome (0 or 1) of rows [from, to). */
    public double[] outcome(int from, int to) {
        DoubleColumn column = table.doubleColumn(OUTCOME);
        double[] y = new double[to - from];
        for (int r = from; r < to; r++) {
            y[r - from] = column.getDouble(r);
        }
        return y;
    }

    public double[][] trainFeatures(List<String> columns) {
        return features(0, TRAIN_END, columns);
    }

    public double[] trainOutcome() {
        return outcome(0, TRAIN_END);
    }

    public double[][] testFeatures(List<String> columns) {
        return features(TRAIN_END, TEST_END, columns);
    }

    public double[] testOutcome() {
        return outcome(TRAIN_END, TEST_END);
    }

    /** The raw features of rows 0–699 (train and test): the paper takes its Sobol ranges and Figure 3 over them. */
    public double[][] studiedFeatures() {
        return features(0, TEST_END, FEATURES);
    }

    private static String checked(String column) {
        if (!FEATURES.contains(column)) {
            throw new IllegalArgumentException("no feature named '" + column + "'; features: " + FEATURES);
        }
        return column;
    }
}
