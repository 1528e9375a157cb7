package senslab.perturb;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import java.util.List;
import java.util.Random;
import senslab.attribution.Outputs;
import senslab.attribution.Target;

/**
 * The gradient mode's objective as a {@link Target} of {@code gradient.InputGradients}, for the rows of a group of
 * images: {@code copies} rows per image, one after another, row r being copy r mod {@code copies} of image
 * {@code firstImage} + r / {@code copies} of the call; its score of a row is the {@link Difference}'s objective of
 * the row's vector of the user's target, so the gradient of a row is that copy's Jᵀv. The probes of an image are
 * drawn from its own stream in row order: rows must be scored once each, in order, as the gradients visit them.
 */
final class FirstOrderObjective implements Target {
    private final Target target;
    private final Difference difference;
    private final int copies;
    private final int firstImage;
    private final Random[] random;

    /** {@code random[i]}: the probe stream of image {@code firstImage + i}. */
    FirstOrderObjective(Target target, Difference difference, int copies, int firstImage, Random[] random) {
        this.target = target;
        this.difference = difference;
        this.copies = copies;
        this.firstImage = firstImage;
        this.random = random;
    }

    @Override
    public List<String> labels(List<String> stages) {
        return target.labels(stages);
    }

    @Override
    public String stageOf(List<String> stages, int label) {
        return target.stageOf(stages, label);
    }

    /** The user's target's vector of each row's image. */
    @Override
    public NDArray vector(Outputs outputs, int label, int[] rows) {
        int[] images = new int[rows.length];
        for (int r = 0; r < rows.length; r++) {
            images[r] = firstImage + rows[r] / copies;
        }
        return target.vector(outputs, label, images);
    }

    /** The objective of every row, image by image: each image's rows take the next probes of its stream. */
    @Override
    public NDArray score(Outputs outputs, int label, int[] rows) {
        NDArray vectors = vector(outputs, label, rows);
        NDList objectives = new NDList();
        for (int from = 0; from < rows.length;) {
            int image = rows[from] / copies;
            int to = from + 1;
            while (to < rows.length && rows[to] / copies == image) {
                to++;
            }
            objectives.add(difference.objective(vectors.get(new NDIndex(from + ":" + to)), rows[from] % copies, copies,
                    random[image]));
            from = to;
        }
        return objectives.size() == 1 ? objectives.get(0) : NDArrays.concat(objectives);
    }

    @Override
    public String toString() {
        return "the first-order objective of " + target;
    }
}
