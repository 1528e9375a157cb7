package senslab.spark;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.stddev_samp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hipparchus.distribution.continuous.TDistribution;
import senslab.perturb.SensitivityMaps;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The maps of a {@link SparkSensitivity} run, as Parquet: a Spark {@link #rows() Dataset} (one row per image,
 * stage and channel: image id, label, class, stage, channel, mean, max, the map), statistics aggregated by Spark
 * and collected into Tablesaw tables for plots, and the maps themselves as {@link SensitivityMaps}.
 */
public final class MapResults {
    private static final double CONFIDENCE = 0.95;

    private final SparkSession spark;
    private final String method;
    private final List<Path> parts;

    MapResults(SparkSession spark, String method, List<Path> parts) {
        this.spark = spark;
        this.method = method;
        this.parts = List.copyOf(parts);
    }

    /** The Parquet folders, one per partition, in image order. */
    public List<Path> parts() {
        return parts;
    }

    /** Every row, read from Parquet: image, label, class, stage_index, stage, channel, mean, max, cell, height, width, map. */
    public Dataset<Row> rows() {
        return spark.read().schema(MapRows.SCHEMA).parquet(parts.stream().map(Path::toString).toArray(String[]::new));
    }

    /** Each image's mean sensitivity per stage (over channels and pixels): image, label, class, stage_index, stage, mean. */
    public Dataset<Row> imageMeans() {
        return rows().groupBy("image", "label", "class", "stage_index", "stage").agg(avg("mean").as("mean"));
    }

    /** Per stage, over every image: images, mean of the image means, their standard deviation and a 95 % interval of the mean. */
    public Table byStage() {
        return intervals(false);
    }

    /** Per stage and class: images, mean, standard deviation, 95 % interval of the mean (Student's t). */
    public Table byClass() {
        return intervals(true);
    }

    /** Each image's mean per stage, collected: image, class, stage, mean. */
    public Table imageTable() {
        List<Row> rows = imageMeans().orderBy("image", "stage_index").collectAsList();
        Table table = Table.create("image means (" + method + ")", IntColumn.create("image"),
                StringColumn.create("class"), StringColumn.create("stage"), DoubleColumn.create("mean"));
        for (Row r : rows) {
            table.intColumn("image").append(r.<Integer>getAs("image"));
            table.stringColumn("class").append(r.<String>getAs("class"));
            table.stringColumn("stage").append(r.<String>getAs("stage"));
            table.doubleColumn("mean").append(r.<Double>getAs("mean"));
        }
        return table;
    }

    /** The maps of every image, collected to the driver in image order (mind the memory for large sets). */
    public SensitivityMaps maps() {
        List<Row> rows = rows().orderBy("image", "stage_index", "channel_index").collectAsList();
        List<String> stages = new ArrayList<>();
        Map<Integer, List<Row>> byImage = new LinkedHashMap<>();
        for (Row r : rows) {
            String stage = r.getAs("stage");
            if (!stages.contains(stage)) {
                stages.add(stage);
            }
            byImage.computeIfAbsent(r.<Integer>getAs("image"), k -> new ArrayList<>()).add(r);
        }
        int channels = rows.isEmpty() ? 0 : rows.size() / byImage.size() / stages.size();
        float[][][][][] values = new float[byImage.size()][stages.size()][channels][][];
        int i = 0;
        for (List<Row> image : byImage.values()) {
            for (Row r : image) {
                int height = r.getAs("height");
                int width = r.getAs("width");
                List<Float> flat = r.getList(r.fieldIndex("map"));
                float[][] map = new float[height][width];
                for (int k = 0; k < flat.size(); k++) {
                    map[k / width][k % width] = flat.get(k);
                }
                values[i][stages.indexOf(r.<String>getAs("stage"))][r.<Integer>getAs("channel_index")] = map;
            }
            i++;
        }
        return SensitivityMaps.of(method, stages, values);
    }

    private Table intervals(boolean perClass) {
        List<String> keys = perClass ? List.of("stage_index", "stage", "label", "class") : List.of("stage_index", "stage");
        List<Row> rows = imageMeans().groupBy(keys.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
                .agg(count("mean").as("images"), avg("mean").as("mean"), stddev_samp("mean").as("sd"))
                .orderBy(perClass ? new Column[] {col("stage_index"), col("label")} : new Column[] {col("stage_index")})
                .collectAsList();
        Table table = Table.create((perClass ? "mean sensitivity per stage and class (" : "mean sensitivity per stage (")
                + method + ")", StringColumn.create("stage"));
        if (perClass) {
            table.addColumns(StringColumn.create("class"));
        }
        table.addColumns(IntColumn.create("images"), DoubleColumn.create("mean"), DoubleColumn.create("sd"),
                DoubleColumn.create("low"), DoubleColumn.create("high"));
        for (Row r : rows) {
            long n = r.getAs("images");
            double mean = r.getAs("mean");
            Double sd = r.getAs("sd");
            double half = n > 1 && sd != null ? new TDistribution(n - 1).inverseCumulativeProbability(0.5 + CONFIDENCE / 2)
                    * sd / Math.sqrt(n) : Double.NaN;
            table.stringColumn("stage").append(r.<String>getAs("stage"));
            if (perClass) {
                table.stringColumn("class").append(r.<String>getAs("class"));
            }
            table.intColumn("images").append((int) n);
            table.doubleColumn("mean").append(mean);
            table.doubleColumn("sd").append(sd == null ? Double.NaN : sd);
            table.doubleColumn("low").append(mean - half);
            table.doubleColumn("high").append(mean + half);
        }
        return table;
    }
}
