package senslab.faithfulness;

import ai.djl.ndarray.types.Shape;
import java.util.Objects;
import java.util.SplittableRandom;
import senslab.attribution.AttributionMaps;
import senslab.attribution.MapTransforms;
import senslab.masking.TargetScores;
import senslab.metric.Batch;
import senslab.metric.Better;
import senslab.metric.Method;
import senslab.metric.Metric;
import senslab.models.StagedNetwork;

/**
 * Infidelity (Yeh et al. 2019): E_I[(Iᵀ·Φ − (f(x) − f(x − I)))²], how badly the map, read as a linear model of the
 * target's score f, predicts the drops that perturbations I cause; 0 for the gradient of a linear f. I is either
 * Gaussian noise (every value independently N(0, σ²)) or the image's values in one square of a given side at a
 * random place and 0 elsewhere (x − I removes the square to 0). Per-channel pixel maps are dotted with I as they
 * are; maps with one channel or coarser cells are brought to the pixels and dotted with I summed over channels.
 * The mean over {@code samples} draws per image, from the seed and the image itself; the perturbed copies of a
 * batch go through the network in batched passes, once per batch: the perturbations do not depend on the map, so
 * the batch keeps them and their scores for every method's maps of it. Lower is better. As defined, infidelity
 * depends on the map's scale, so maps on other scales (Grad-CAM, RISE, occlusion) are not compared on a common
 * footing; {@link #scaled()} first multiplies each image's map by the factor β that fits the drops best (least
 * squares over the image's draws), as Yeh et al.'s code and Captum's {@code normalize=True} do.
 */
public final class Infidelity implements Metric {
    private final StagedNetwork net;
    private final double sigma;
    private final int square;
    private final int samples;
    private final long seed;
    private final boolean scaled;

    private Infidelity(StagedNetwork net, double sigma, int square, int samples, long seed, boolean scaled) {
        this.net = Objects.requireNonNull(net, "net");
        if (samples < 1) {
            throw new IllegalArgumentException("infidelity needs at least 1 perturbation per image, got " + samples);
        }
        this.sigma = sigma;
        this.square = square;
        this.samples = samples;
        this.seed = seed;
        this.scaled = scaled;
    }

    /** Gaussian perturbations of standard deviation {@code sigma} (network input units). */
    public static Infidelity gaussian(StagedNetwork net, double sigma, int samples, long seed) {
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("sigma must be finite and > 0, got " + sigma);
        }
        return new Infidelity(net, sigma, 0, samples, seed, false);
    }

    /** The removal of one square of {@code side} pixels at a random place. */
    public static Infidelity squares(StagedNetwork net, int side, int samples, long seed) {
        if (side < 1) {
            throw new IllegalArgumentException("the square's side must be at least 1 pixel, got " + side);
        }
        return new Infidelity(net, 0, side, samples, seed, false);
    }

    /** The same, with each image's map scaled by the β that minimises its infidelity: insensitive to map scale. */
    public Infidelity scaled() {
        return new Infidelity(net, sigma, square, samples, seed, true);
    }

    @Override
    public String name() {
        return (scaled ? "scaled " : "") + (square > 0 ? "infidelity (squares of " + square + " px)"
                : "infidelity (Gaussian σ = " + sigma + ")");
    }

    @Override
    public String family() {
        return "faithfulness";
    }

    @Override
    public Better better() {
        return Better.LOWER;
    }

    @Override
    public double[] score(Method method, AttributionMaps maps, Batch batch) {
        Shape one = batch.inputs().getShape().slice(1);
        int channels = (int) one.get(0);
        int height = (int) one.get(1);
        int width = (int) one.get(2);
        if (square > Math.min(height, width)) {
            throw new IllegalArgumentException("squares of " + square + " px do not fit images of " + height + "×"
                    + width);
        }
        boolean perChannel = maps.channels() == channels && maps.cellSize() == 1;
        AttributionMaps read = perChannel ? maps : MapTransforms.atCellSize(maps, 1);
        String label = maps.labels().get(0);
        int plane = height * width;
        Draws draws = batch.shared(this, Draws.class, () -> draws(batch, one));
        double[] scores = new double[batch.images()];
        for (int image = 0; image < scores.length; image++) {
            float[] map = read.values(image, label);
            double[] predicted = new double[samples];
            for (int s = 0; s < samples; s++) {
                float[] perturbation = draws.perturbations()[image][s];
                double dot = 0;
                for (int k = 0; k < perturbation.length; k++) {
                    dot += perturbation[k] * (double) map[perChannel ? k : k % plane];
                }
                predicted[s] = dot;
            }
            double[] drops = draws.drops()[image];
            double beta = scaled ? bestScale(predicted, drops) : 1;
            double sum = 0;
            for (int s = 0; s < samples; s++) {
                double error = beta * predicted[s] - drops[s];
                sum += error * error;
            }
            scores[image] = sum / samples;
        }
        return scores;
    }

    /**
     * The perturbations I of every image of a batch and the drops f(x) − f(x − I) they cause: they do not depend on
     * the map, so every method's maps of the batch are scored against the same draws, passed through the network
     * once.
     *
     * @param perturbations {@code [image][draw]}: I, channel by channel, row by row
     * @param drops         {@code [image][draw]}: f(x) − f(x − I)
     */
    private record Draws(float[][][] perturbations, double[][] drops) {
    }

    private Draws draws(Batch batch, Shape one) {
        int n = batch.images();
        int size = Math.toIntExact(one.size());
        float[][][] perturbations = new float[n][samples][];
        float[] rows = new float[n * (samples + 1) * size];
        int[] images = new int[n * (samples + 1)];
        for (int image = 0; image < n; image++) {
            float[] x = batch.pixels(image);
            SplittableRandom random = new SplittableRandom(batch.seed(seed, image));
            int base = image * (samples + 1);
            System.arraycopy(x, 0, rows, base * size, size);
            images[base] = image;
            for (int s = 0; s < samples; s++) {
                float[] perturbation = draw(x, random, (int) one.get(1), (int) one.get(2));
                int row = (base + 1 + s) * size;
                for (int k = 0; k < size; k++) {
                    rows[row + k] = x[k] - perturbation[k];
                }
                perturbations[image][s] = perturbation;
                images[base + 1 + s] = image;
            }
        }
        double[] f = TargetScores.of(net, batch.target(), rows, one, images)[0];
        double[][] drops = new double[n][samples];
        for (int image = 0; image < n; image++) {
            int base = image * (samples + 1);
            for (int s = 0; s < samples; s++) {
                drops[image][s] = f[base] - f[base + 1 + s];
            }
        }
        return new Draws(perturbations, drops);
    }

    /** β minimising Σ (β·predicted − drop)²; 1 when the map predicts no drop at all (then β changes nothing). */
    private static double bestScale(double[] predicted, double[] drops) {
        double cross = 0;
        double square = 0;
        for (int s = 0; s < predicted.length; s++) {
            cross += predicted[s] * drops[s];
            square += predicted[s] * predicted[s];
        }
        return square > 0 ? cross / square : 1;
    }

    /** One perturbation I of image {@code x}: Gaussian noise, or x inside a random square and 0 elsewhere. */
    private float[] draw(float[] x, SplittableRandom random, int height, int width) {
        float[] perturbation = new float[x.length];
        if (square == 0) {
            for (int k = 0; k < x.length; k++) {
                perturbation[k] = (float) (random.nextGaussian() * sigma);
            }
            return perturbation;
        }
        int top = random.nextInt(height - square + 1);
        int left = random.nextInt(width - square + 1);
        int plane = height * width;
        for (int c = 0; c < x.length / plane; c++) {
            for (int h = top; h < top + square; h++) {
                for (int w = left; w < left + square; w++) {
                    int k = c * plane + h * width + w;
                    perturbation[k] = x[k];
                }
            }
        }
        return perturbation;
    }
}
