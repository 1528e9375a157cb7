package senslab.attribution;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.stream.IntStream;

/**
 * An index a {@link Target} names (a class, a channel) given once for every image or once per image of a call.
 *
 * @param what   what the values are, for errors: "class", "channel"
 * @param values one value for all images, or one per image
 */
public record PerImage(String what, List<Integer> values) {

    public PerImage {
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("name a " + what + ", or one " + what + " per image");
        }
        if (values.stream().anyMatch(v -> v < 0)) {
            throw new IllegalArgumentException(what + " must be >= 0, got " + values);
        }
    }

    static PerImage of(String what, int... values) {
        return new PerImage(what, IntStream.of(values).boxed().toList());
    }

    /** Whether one value serves every image. */
    public boolean single() {
        return values.size() == 1;
    }

    /** The value of image {@code image}. */
    public int of(int image) {
        if (single()) {
            return values.get(0);
        }
        if (image < 0 || image >= values.size()) {
            throw new IndexOutOfBoundsException("image " + image + ", but a " + what + " is given for " + values.size()
                    + " images");
        }
        return values.get(image);
    }

    /** Checks that a call on {@code images} images has its values: one for all, or one per image. */
    public void check(int images) {
        if (!single() && values.size() != images) {
            throw new IllegalArgumentException(values.size() + " " + what + " values for " + images
                    + " images: give one " + what + " for all, or one per image");
        }
    }

    /** The values of images {@code from} … {@code to − 1} only (one value for all stays as it is). */
    public PerImage slice(int from, int to) {
        if (single()) {
            return this;
        }
        if (from < 0 || to > values.size() || from >= to) {
            throw new IndexOutOfBoundsException("images " + from + " … " + (to - 1) + ", but a " + what
                    + " is given for " + values.size() + " images");
        }
        return new PerImage(what, values.subList(from, to));
    }

    /** How labels show it: " 7" for one value, "s [3, 5]" (plural) for one per image. */
    String label() {
        return single() ? " " + values.get(0) : "s " + values;
    }

    /** The value of each row, checked against the {@code count} there are in {@code where}. */
    int[] ofRows(int[] images, long count, String where) {
        int[] perRow = IntStream.of(images).map(this::of).toArray();
        for (int v : perRow) {
            if (v >= count) {
                throw new IllegalArgumentException(what + " " + v + " is out of range 0.." + (count - 1) + " of "
                        + where);
            }
        }
        return perRow;
    }

    /** Column {@code perRow[r]} of every row r of {@code values} ({@code [rows, count]}), as {@code [rows, 1]}. */
    static NDArray pick(NDArray values, PerImage index, int[] images, String where) {
        long count = values.getShape().get(1);
        int[] perRow = index.ofRows(images, count, where);
        if (index.single()) {
            return values.get(":, " + perRow[0] + ":" + (perRow[0] + 1));
        }
        return values.mul(oneHot(values, perRow, count)).sum(new int[] {1}, true);
    }

    /**
     * A {@code [rows, count]} array of zeros with a one at column {@code perRow[r]} of row r, in {@code like}'s type.
     */
    static NDArray oneHot(NDArray like, int[] perRow, long count) {
        return like.getManager().create(perRow).oneHot((int) count).toType(like.getDataType(), false);
    }
}
