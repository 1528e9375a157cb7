package senslab.faithfulness;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.SplittableRandom;
import senslab.attribution.CountsPasses;
import senslab.attribution.AttributionMaps;
import senslab.attribution.MethodSettings;
import senslab.attribution.Target;
import senslab.image.Images;
import senslab.masking.CellGrid;
import senslab.models.StagedNetwork;

/**
 * Maps of independent uniform random values, one per cell: they know nothing about the network, so their scores
 * are the chance level of every faithfulness metric, the line a method has to beat.
 */
public final class RandomAttribution implements CountsPasses {
    private final StagedNetwork net;
    private final int grid;
    private final long seed;

    /** Random maps over {@code grid × grid} cells, drawn from {@code seed} (image k from its own stream). */
    public RandomAttribution(StagedNetwork net, int grid, long seed) {
        this.net = net;
        this.grid = grid;
        this.seed = seed;
    }

    /** What the maps were drawn with. */
    public record Settings(int grid, long seed) implements MethodSettings {
        @Override
        public String toString() {
            return "uniform per cell, grid " + grid + "×" + grid + ", seed " + seed;
        }
    }

    @Override
    public AttributionMaps attribute(NDArray inputs, Target target) {
        Images in = Images.of(inputs);
        CellGrid cells = new CellGrid(grid, in.height(), in.width());
        List<String> labels = target.labels(net.stageNames());
        float[][][] values = new float[in.count()][labels.size()][cells.cells()];
        for (int image = 0; image < in.count(); image++) {
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + image);
            for (float[] label : values[image]) {
                for (int k = 0; k < label.length; k++) {
                    label[k] = (float) random.nextDouble();
                }
            }
        }
        return AttributionMaps.of("random", new Settings(grid, seed), target, labels,
                List.of(AttributionMaps.ALL_CHANNELS), grid, grid, cells.cellSize(), values);
    }

    /** Random maps need no pass through the network. */
    @Override
    public double forwardPassesPerMap(int height, int width) {
        return 0;
    }

    @Override
    public double backwardPassesPerMap(int height, int width) {
        return 0;
    }
}
