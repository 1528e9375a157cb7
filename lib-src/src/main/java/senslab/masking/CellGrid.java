package senslab.masking;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import senslab.attribution.AttributionMaps;
import senslab.attribution.MapTransforms;

/**
 * An image of {@code height × width} pixels cut into {@code side × side} equal cells, the factors of a global
 * analysis: one random value per cell scales that cell's perturbation. Cells are numbered row by row,
 * {@code r0c0}, {@code r0c1}, …; a cell is {@link #cellSize()} pixels on a side.
 *
 * @param side   cells per side (Xplique's {@code grid_size}; 8 by default there)
 * @param height image height in pixels
 * @param width  image width in pixels
 */
public record CellGrid(int side, int height, int width) {

    public CellGrid {
        if (side < 1) {
            throw new IllegalArgumentException("grid must be at least 1 cell per side, got " + side);
        }
        if (side > height || side > width) {
            throw new IllegalArgumentException("grid " + side + "×" + side + " is larger than the image (" + height
                    + "×" + width + " pixels): a cell needs at least one pixel; use a grid of at most "
                    + Math.min(height, width));
        }
        if (height % side != 0 || width % side != 0) {
            throw new IllegalArgumentException("grid " + side + " does not divide the image size " + height + "×"
                    + width
                    + " into equal cells; use a divisor of both, e.g. " + divisors(gcd(height, width)));
        }
        if (height / side != width / side) {
            throw new IllegalArgumentException("grid " + side + " makes cells of " + height / side + "×" + width / side
                    + " pixels; cells must be square, so give a square image");
        }
    }

    /** Number of cells, {@code side²}: the factors of the analysis. */
    public int cells() {
        return side * side;
    }

    /** Pixels per cell side. */
    public int cellSize() {
        return height / side;
    }

    /** Cell names row by row: {@code r0c0}, {@code r0c1}, … (the factor names of the Sobol problem). */
    public List<String> cellNames() {
        List<String> names = new ArrayList<>(cells());
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                names.add("r" + r + "c" + c);
            }
        }
        return names;
    }

    /**
     * Cell masks {@code [rows, cells]} upsampled by nearest neighbour to pixel masks {@code [rows, 1, height,
     * width]}: every pixel takes its cell's value.
     */
    public NDArray upsample(NDArray masks) {
        long rows = masks.getShape().get(0);
        if (masks.getShape().dimension() != 2 || masks.getShape().get(1) != cells()) {
            throw new IllegalArgumentException("masks must be [rows, " + cells() + "], got " + masks.getShape());
        }
        int size = cellSize();
        return masks.reshape(rows, 1, side, side).repeat(2, size).repeat(3, size);
    }

    /**
     * {@code maps} summed over channels at this grid's resolution, one value per cell: maps of finer cells (pixels)
     * averaged over each cell, maps of coarser cells spread over it; a clear error when they do not fit.
     */
    public AttributionMaps cellsOf(AttributionMaps maps) {
        int cell = maps.cellSize();
        if (maps.height() * cell != height || maps.width() * cell != width) {
            throw new IllegalArgumentException(maps.method() + " maps cover " + maps.height() * cell + "×"
                    + maps.width() * cell + " pixels, the images are " + height + "×" + width);
        }
        return MapTransforms.atCellSize(maps, cellSize());
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static List<Integer> divisors(int n) {
        List<Integer> divisors = new ArrayList<>();
        for (int d = 1; d <= n; d++) {
            if (n % d == 0) {
                divisors.add(d);
            }
        }
        return divisors;
    }
}
