package senslab.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import senslab.stats.Correlation;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Rows of named inputs and one target, checked on creation: rectangular, finite, as many targets as rows.
 *
 * @param name   what the data are, for titles
 * @param inputs the input columns' names, in row order
 * @param x      rows × inputs
 * @param y      one target per row
 */
public record Dataset(String name, List<String> inputs, double[][] x, double[] y) {

    public Dataset {
        inputs = List.copyOf(inputs);
        if (x.length == 0) {
            throw new IllegalArgumentException(name + ": no rows");
        }
        if (y.length != x.length) {
            throw new IllegalArgumentException(name + ": " + x.length + " rows but " + y.length
                    + " targets; give one target per row");
        }
        for (int r = 0; r < x.length; r++) {
            if (x[r].length != inputs.size()) {
                throw new IllegalArgumentException(name + ": row " + r + " has " + x[r].length + " values, but "
                        + inputs.size() + " inputs are named " + inputs + "; every row needs one value per input");
            }
            for (int j = 0; j < x[r].length; j++) {
                if (!Double.isFinite(x[r][j])) {
                    throw new IllegalArgumentException(name + ": row " + r + ", input '" + inputs.get(j)
                            + "' is " + x[r][j] + "; every value must be a finite number");
                }
            }
            if (!Double.isFinite(y[r])) {
                throw new IllegalArgumentException(name + ": the target of row " + r + " is " + y[r]
                        + "; every target must be a finite number");
            }
        }
    }

    /**
     * A CSV file with a header, every cell a number; {@code target} names the target column, all others are
     * inputs.
     */
    public static Dataset csv(Path file, String target) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no CSV file at " + file.toAbsolutePath());
        }
        Table table;
        try {
            table = Table.read().csv(CsvReadOptions.builder(file.toFile()).columnTypes(c -> ColumnType.DOUBLE)
                    .build());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot read " + file + " as a CSV of numbers: " + e.getMessage(), e);
        }
        if (!table.columnNames().contains(target)) {
            throw new IllegalArgumentException(file + " has no column '" + target + "'; its columns are "
                    + table.columnNames());
        }
        List<String> inputs = new ArrayList<>(table.columnNames());
        inputs.remove(target);
        double[][] x = new double[table.rowCount()][inputs.size()];
        for (int j = 0; j < inputs.size(); j++) {
            DoubleColumn column = table.doubleColumn(inputs.get(j));
            for (int r = 0; r < x.length; r++) {
                x[r][j] = column.getDouble(r);
            }
        }
        return new Dataset(file.getFileName().toString(), inputs, x, table.doubleColumn(target).asDoubleArray());
    }

    public int rows() {
        return x.length;
    }

    public int inputCount() {
        return inputs.size();
    }

    /** Each input shifted by its mean and divided by its population standard deviation (these rows'). */
    public Dataset zScored() {
        double[][] z = new double[rows()][inputCount()];
        for (int j = 0; j < inputCount(); j++) {
            double[] column = column(j);
            double mean = mean(column);
            double sd = populationSd(column, mean);
            if (sd == 0) {
                throw new IllegalArgumentException(name + ": input '" + inputs.get(j) + "' is constant (" + mean
                        + ") and cannot be z-scored; leave it out");
            }
            for (int r = 0; r < rows(); r++) {
                z[r][j] = (column[r] - mean) / sd;
            }
        }
        return new Dataset(name, inputs, z, y);
    }

    /** The target z-scored likewise (for regression targets far from the network's natural scale). */
    public Dataset targetZScored() {
        double mean = mean(y);
        double sd = populationSd(y, mean);
        double[] z = new double[y.length];
        for (int r = 0; r < y.length; r++) {
            z[r] = (y[r] - mean) / sd;
        }
        return new Dataset(name, inputs, x, z);
    }

    /** Input j over all rows. */
    public double[] column(int j) {
        double[] column = new double[rows()];
        for (int r = 0; r < rows(); r++) {
            column[r] = x[r][j];
        }
        return column;
    }

    /** Spearman's ρ of each input with the target. */
    public double[] spearmanWithTarget() {
        double[] rho = new double[inputCount()];
        for (int j = 0; j < rho.length; j++) {
            rho[j] = Correlation.spearman(column(j), y);
        }
        return rho;
    }

    private static double mean(double[] v) {
        double sum = 0;
        for (double value : v) {
            sum += value;
        }
        return sum / v.length;
    }

    private static double populationSd(double[] v, double mean) {
        double sum = 0;
        for (double value : v) {
            sum += (value - mean) * (value - mean);
        }
        return Math.sqrt(sum / v.length);
    }
}
