package senslab.attribution;

import java.util.List;
import java.util.stream.IntStream;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Maps reported as Tablesaw tables: a summary per label, and one method's maps against another's. */
public final class MapTables {
    private MapTables() {
    }

    /**
     * One row per label: mean per channel, mean, largest |s|, scale exponent, the mean over the first label's,
     * and the {@link MapStatistics#channelSimilarity}.
     */
    public static Table summary(AttributionMaps maps) {
        MapStatistics stats = MapStatistics.of(maps);
        List<String> labels = maps.labels();
        String first = labels.get(0);
        String ratioColumn = "mean / mean of " + first;
        int cell = maps.cellSize();
        Table table = Table.create(maps.method() + ": " + maps.settings()
                + (cell == 1 ? "" : ", cells of " + cell + "×" + cell)).addColumns(StringColumn.create("label"));
        for (int c = 0; c < maps.channels(); c++) {
            table.addColumns(DoubleColumn.create("mean " + maps.channelName(c)));
        }
        table.addColumns(DoubleColumn.create("mean"), DoubleColumn.create("max"), IntColumn.create("scale 10^"),
                DoubleColumn.create(ratioColumn), DoubleColumn.create("channel similarity"));
        for (String label : labels) {
            table.stringColumn("label").append(label);
            for (int c = 0; c < maps.channels(); c++) {
                table.doubleColumn("mean " + maps.channelName(c)).append(stats.mean(label, c));
            }
            table.doubleColumn("mean").append(stats.mean(label));
            table.doubleColumn("max").append(stats.max(label));
            table.intColumn("scale 10^").append(stats.scaleExponent(label));
            table.doubleColumn(ratioColumn).append(stats.ratio(label, first));
            table.doubleColumn("channel similarity").append(stats.channelSimilarity(label));
        }
        return table;
    }

    /**
     * {@link #summary} with the scale of the maps as displayed in cells of {@code cell} × {@code cell} pixels
     * (the paper states the scales of its 4 × 4-cell figures; averaging over cells lowers the largest value).
     */
    public static Table summary(AttributionMaps maps, int cell) {
        MapStatistics cells = MapStatistics.of(MapTransforms.pixelize(maps, cell));
        return summary(maps).addColumns(IntColumn.create("scale 10^ in " + cell + "×" + cell + " cells",
                maps.labels().stream().mapToInt(cells::scaleExponent).toArray()));
    }

    /**
     * Per label, {@code maps} against {@code reference} (same shape; e.g. the printed variant against the authors'
     * maps, or the gradient mode against finite differences): the mean over values of |s| / |s_reference|, how
     * many values are negative, and the {@link MapStatistics#rankCorrelation}.
     */
    public static Table comparison(AttributionMaps maps, AttributionMaps reference) {
        MapStatistics stats = MapStatistics.of(maps);
        Table table = Table.create(maps.method() + " (" + maps.settings() + ") against " + reference.method() + " ("
                + reference.settings() + ")").addColumns(StringColumn.create("label"),
                DoubleColumn.create("mean |s| / |reference s|"), IntColumn.create("negative values"),
                IntColumn.create("of values"), DoubleColumn.create("rank correlation"));
        for (String label : maps.labels()) {
            double correlation = stats.rankCorrelation(reference, label); // checks the shapes first
            float[] here = MapStatistics.concatenated(maps, label);
            float[] there = MapStatistics.concatenated(reference, label);
            double ratio = IntStream.range(0, here.length).mapToDouble(k -> Math.abs(here[k]) / Math.abs(there[k]))
                    .average().orElse(Double.NaN);
            table.stringColumn("label").append(label);
            table.doubleColumn("mean |s| / |reference s|").append(ratio);
            table.intColumn("negative values").append((int) IntStream.range(0, here.length).filter(k -> here[k] < 0)
                    .count());
            table.intColumn("of values").append(here.length);
            table.doubleColumn("rank correlation").append(correlation);
        }
        return table;
    }
}
