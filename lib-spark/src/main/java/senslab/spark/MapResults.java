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
import senslab.attribution.AttributionMaps;
import senslab.attribution.Target;
import senslab.stats.Summary;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The maps of a {@link SparkSensitivity} run, as Parquet: a Spark {@link #rows() Dataset} (one row per image,
 * stage and channel: image id, label, class, stage, channel, mean, max, the map), statistics aggregated by Spark
 * and collected into Tablesaw tables for plots, and the maps themselves as {@link AttributionMaps}.
 */
public final class MapResults {
    private static final double CONFIDENCE = 0.95;

    private final SparkSession spark;
    private final MapMethod method;
    private final List<Path> parts;

    MapResults(SparkSession spark, MapMethod method, List<Path> parts) {
        this.spark = spark;
        this.method = method;
        this.parts = List.copyOf(parts);
    }

    /** The Parquet folders, one per partition, in image order. */
    public List<Path> parts() {
        return parts;
    }

    /**
     * Every row, read from Parquet: image, label, class, stage_index, stage, channel, mean, max, cell, height, width,
     * map.
     */
    public Dataset<Row> rows() {
        return spark.read().schema(MapRows.SCHEMA).parquet(parts.stream().map(Path::toString).toArray(String[]::new));
    }

    /**
     * Each image's mean sensitivity per stage (over channels and pixels): image, label, class, stage_index, stage,
     * mean.
     */
    public Dataset<Row> imageMeans() {
        return rows().groupBy("image", "label", "class", "stage_index", "stage").agg(avg("mean").as("mean"));
    }

    /**
     * Per stage, over every image: images, mean of the image means, their standard deviation and a 95 % interval of the
     * mean.
     */
    public Table byStage() {
        return intervals(false);
    }

    /** Per stage and class: images, mean, standard deviation, 95 % interval of the mean (Student's t). */
    public Table byClass() {
        return intervals(true);
    }

    /**
     * Per stage, the mean over the first {@code k} images of class {@code name} (in id order), e.g. the paper's
     * nine airplanes; stages in depth order.
     */
    public double[] meanOfFirst(String name, int k) {
        Dataset<Row> means = imageMeans().filter(col("class").equalTo(name));
        List<Integer> ids = means.select("image").distinct().orderBy("image").limit(k).collectAsList().stream()
                .map(r -> r.getInt(0)).toList();
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("no image of class '" + name + "' in these results");
        }
        return means.filter(col("image").isin(ids.toArray())).groupBy("stage_index").agg(avg("mean"))
                .orderBy("stage_index").collectAsList().stream().mapToDouble(r -> r.getDouble(1)).toArray();
    }

    /**
     * Whether sensitivity falls with depth in every class: per class, images, the first and the last stage's
     * mean, their ratio, and whether the mean falls from each stage to the next.
     */
    public Table depthDrop() {
        Table byClass = byClass();
        List<String> stages = byStage().stringColumn("stage").asList();
        Table table = Table.create("depth drop per class: " + stages.get(stages.size() - 1) + " / " + stages.get(0),
                StringColumn.create("class"), IntColumn.create("images"), DoubleColumn.create(stages.get(0)),
                DoubleColumn.create(stages.get(stages.size() - 1)), DoubleColumn.create("ratio"),
                tech.tablesaw.api.BooleanColumn.create("falls at every stage"));
        for (String name : byClass.stringColumn("class").unique().asList()) { // in label order
            Table rows = byClass.where(byClass.stringColumn("class").isEqualTo(name)); // in stage order
            double[] means = rows.doubleColumn("mean").asDoubleArray();
            boolean falls = true;
            for (int s = 1; s < means.length; s++) {
                falls &= means[s] < means[s - 1];
            }
            table.stringColumn("class").append(name);
            table.intColumn("images").append(rows.intColumn("images").get(0));
            table.doubleColumn(stages.get(0)).append(means[0]);
            table.doubleColumn(stages.get(stages.size() - 1)).append(means[means.length - 1]);
            table.doubleColumn("ratio").append(means[means.length - 1] / means[0]);
            table.booleanColumn("falls at every stage").append(falls);
        }
        return table;
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

    /**
     * How far sensitivity falls with depth over the whole set: the deepest stage's mean over the first stage's, the
     * largest such ratio of a class, and in how many classes the mean falls at every stage.
     *
     * @param ratio             the deepest stage's mean over the first's, over every image
     * @param images            images mapped
     * @param largestClassRatio the same ratio in the class where it is largest (the weakest fall)
     * @param classesFalling    classes whose mean falls from every stage to the next
     * @param classes           classes mapped
     */
    public record DepthSummary(double ratio, int images, double largestClassRatio, int classesFalling, int classes) {
    }

    /** The depth drop in numbers, from {@link #byStage} and {@link #depthDrop}. */
    public DepthSummary depthSummary() {
        Table stages = byStage();
        Table drop = depthDrop();
        DoubleColumn mean = stages.doubleColumn("mean");
        int falling = (int) drop.booleanColumn("falls at every stage").asList().stream().filter(b -> b).count();
        return new DepthSummary(mean.get(mean.size() - 1) / mean.get(0), stages.intColumn("images").get(0),
                drop.doubleColumn("ratio").max(), falling, drop.rowCount());
    }

    /** The maps of every image, collected to the driver in image order (mind the memory for large sets). */
    public AttributionMaps maps() {
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
        int channels = rows.size() / byImage.size() / stages.size();
        int height = rows.get(0).getAs("height");
        int width = rows.get(0).getAs("width");
        int plane = height * width;
        float[][][] values = new float[byImage.size()][stages.size()][channels * plane];
        int i = 0;
        for (List<Row> image : byImage.values()) {
            for (Row r : image) {
                List<Float> map = r.getList(r.fieldIndex("map"));
                float[] into = values[i][stages.indexOf(r.<String>getAs("stage"))];
                int offset = r.<Integer>getAs("channel_index") * plane;
                for (int k = 0; k < plane; k++) {
                    into[offset + k] = map.get(k);
                }
            }
            i++;
        }
        List<String> channelNames = rows.stream().limit(channels).map(r -> r.<String>getAs("channel")).toList();
        return AttributionMaps.of(method.toString(), method.settings(), Target.stages(stages.toArray(String[]::new)),
                stages, channelNames, height, width, rows.get(0).<Integer>getAs("cell"), values);
    }

    private Table intervals(boolean perClass) {
        List<String> keys = perClass ? List.of("stage_index", "stage", "label", "class")
                : List.of("stage_index", "stage");
        List<Row> rows =
                imageMeans().groupBy(keys.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
                .agg(count("mean").as("images"), avg("mean").as("mean"), stddev_samp("mean").as("sd"))
                .orderBy(perClass ? new Column[] {col("stage_index"), col("label")} : new Column[] {col("stage_index")})
                .collectAsList();
        Table table =
                Table.create((perClass ? "mean sensitivity per stage and class (" : "mean sensitivity per stage (")
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
            double half = new Summary(n, mean, sd == null ? Double.NaN : sd).halfWidth(CONFIDENCE);
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
