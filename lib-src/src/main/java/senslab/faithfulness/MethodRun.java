package senslab.faithfulness;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Objects;
import senslab.attribution.Attribution;
import senslab.attribution.AttributionMaps;
import senslab.attribution.MapStatistics;
import senslab.attribution.Target;
import senslab.masking.CellGrid;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The maps one method made, under a name for tables, with the time it took.
 *
 * @param name    how tables and charts name the method, e.g. "Sobol" or "Grad-CAM block3"
 * @param maps    its maps of every image
 * @param seconds wall time of the call that made them (NaN when not timed)
 */
public record MethodRun(String name, AttributionMaps maps, double seconds) {

    public MethodRun {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(maps, "maps");
    }

    /** Runs {@code method} on {@code inputs} for {@code target} and times it. */
    public static MethodRun time(String name, Attribution method, NDArray inputs, Target target) {
        long start = System.nanoTime();
        AttributionMaps maps = method.attribute(inputs, target);
        return new MethodRun(name, maps, (System.nanoTime() - start) / 1e9);
    }

    /** Maps made elsewhere, untimed. */
    public static MethodRun of(String name, AttributionMaps maps) {
        return new MethodRun(name, maps, Double.NaN);
    }

    /** Seconds per image. */
    public double secondsPerImage() {
        return seconds / maps.images();
    }

    /**
     * How alike the methods rank the cells: Spearman's correlation of every pair of runs' maps of {@code label},
     * each summed over channels on {@code grid} ({@link CellGrid#cellsOf}), over all images; one row and one column
     * per method.
     */
    public static Table agreement(List<MethodRun> runs, CellGrid grid, String label) {
        List<AttributionMaps> cells = runs.stream().map(run -> grid.cellsOf(run.maps())).toList();
        Table table = Table.create("rank correlation of the maps over " + grid.side() + "×" + grid.side() + " cells")
                .addColumns(StringColumn.create("method", runs.stream().map(MethodRun::name).toList()));
        for (int b = 0; b < runs.size(); b++) {
            double[] column = new double[runs.size()];
            for (int a = 0; a < runs.size(); a++) {
                column[a] = MapStatistics.of(cells.get(a)).rankCorrelation(cells.get(b), label);
            }
            table.addColumns(DoubleColumn.create(runs.get(b).name(), column));
        }
        return table;
    }
}
