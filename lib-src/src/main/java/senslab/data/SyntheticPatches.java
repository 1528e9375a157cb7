package senslab.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * CIFAR-sized images (3×32×32) made by formula, whose class is decided by one known 8×8 patch and by nothing else:
 * the library's self-test for attribution localisation, as the Ishigami function is for Sobol indices. Real data
 * sets have no true map; here every image carries one, the patch's pixels ({@link #mask}), so that a method's map
 * can be scored against it (pointing game, relevance mass) and a map that misses the patch is plainly wrong.
 *
 * <p>Each image is a smooth random background (a colour per channel, a linear colour gradient, one low-frequency
 * wave of random direction, and ±{@value #NOISE} uniform pixel noise), with one patch drawn on it at a uniformly
 * random position fully inside the image. The patch is a two-tone pattern, dark ink on light paper of random tints;
 * its <em>shape</em> is the class ({@link #CLASSES}: stripes of four orientations, a checkerboard, a plus, a square
 * ring, a cross). The background, the position and the tints are drawn independently of the class, so only the
 * patch tells the class.
 *
 * <p>Image {@code i} has class {@code i mod 8} (every class equally often in any prefix of whole rounds), and is
 * generated from its own stream split in order from a {@link SplittableRandom} of the seed, in plain Java: the same
 * pixels on any host and thread count, and the first images of a larger set equal a smaller set's. Pixels are
 * 8-bit, as in CIFAR-10, and are fed to networks with {@link #NORMALIZATION}.
 */
public final class SyntheticPatches {
    /** The side of every image, as CIFAR-10's. */
    public static final int SIZE = 32;
    /** The side of the patch that decides the class. */
    public static final int PATCH = 8;
    /** The patch's patterns, one per class. */
    public static final List<String> CLASSES = List.of("horizontal stripes", "vertical stripes", "diagonal stripes",
            "anti-diagonal stripes", "checkerboard", "plus", "square ring", "cross");
    /** How images are fed to networks: CIFAR-10's, every channel to [−1, 1]. */
    public static final Normalization NORMALIZATION = Normalization.CIFAR10;
    /** The seed of the training images. */
    public static final long TRAIN_SEED = 1;
    /** The seed of the test images (a stream of its own, so no test image is a training image). */
    public static final long TEST_SEED = 2;
    /** The formula's version, part of {@link #key()}: raise it when the images change, so cached networks do too. */
    public static final int VERSION = 1;
    /** Half-width of the uniform pixel noise of the background, in [0, 1] units. */
    static final double NOISE = 0.04;
    private static final int CHANNELS = 3;

    private final ImageSet images;
    private final int[] rows;
    private final int[] columns;
    private final String key;

    /** Where image's patch lies: its top-left pixel and its side. */
    public record Patch(int row, int column, int size) {
        /** Whether pixel ({@code y}, {@code x}) is part of the patch. */
        public boolean covers(int y, int x) {
            return y >= row && y < row + size && x >= column && x < column + size;
        }
    }

    private SyntheticPatches(ImageSet images, int[] rows, int[] columns, String key) {
        this.images = images;
        this.rows = rows;
        this.columns = columns;
        this.key = key;
    }

    /** {@code perClass} training images of each class (seed {@value #TRAIN_SEED}). */
    public static SyntheticPatches train(int perClass) {
        return generate(perClass, TRAIN_SEED);
    }

    /** {@code perClass} test images of each class (seed {@value #TEST_SEED}). */
    public static SyntheticPatches test(int perClass) {
        return generate(perClass, TEST_SEED);
    }

    /** {@code perClass} images of each class, {@code perClass × 8} in all, generated from {@code seed}. */
    public static SyntheticPatches generate(int perClass, long seed) {
        if (perClass < 1) {
            throw new IllegalArgumentException("a synthetic set needs at least 1 image per class, not " + perClass);
        }
        int n = perClass * CLASSES.size();
        int bytes = CHANNELS * SIZE * SIZE;
        byte[] pixels = new byte[n * bytes];
        int[] labels = new int[n];
        int[] rows = new int[n];
        int[] columns = new int[n];
        SplittableRandom streams = new SplittableRandom(seed);
        double[] image = new double[bytes];
        for (int i = 0; i < n; i++) {
            SplittableRandom random = streams.split();
            labels[i] = i % CLASSES.size();
            background(random, image);
            rows[i] = random.nextInt(SIZE - PATCH + 1);
            columns[i] = random.nextInt(SIZE - PATCH + 1);
            drawPatch(random, labels[i], rows[i], columns[i], image);
            for (int p = 0; p < bytes; p++) {
                pixels[i * bytes + p] = (byte) Math.round(255 * Math.min(1, Math.max(0, image[p])));
            }
        }
        String key = String.format(Locale.ROOT, "patches-v%d-seed%d-%dpc", VERSION, seed, perClass);
        return new SyntheticPatches(new ImageSet(CLASSES, CHANNELS, SIZE, SIZE, pixels, labels), rows, columns, key);
    }

    /**
     * A smooth random background in [0, 1] units, channel planes first: per channel a level, a linear gradient and
     * a share of one low-frequency wave (at most 2 cycles across the image, far from the patterns' 4-pixel period),
     * plus uniform noise.
     */
    private static void background(SplittableRandom random, double[] image) {
        double angle = random.nextDouble(2 * Math.PI);
        double cycles = random.nextDouble(0.5, 2);
        double phase = random.nextDouble(2 * Math.PI);
        double waveX = StrictMath.cos(angle) * cycles * 2 * Math.PI / SIZE;
        double waveY = StrictMath.sin(angle) * cycles * 2 * Math.PI / SIZE;
        for (int c = 0; c < CHANNELS; c++) {
            double level = random.nextDouble(0.35, 0.65);
            double slopeX = random.nextDouble(-0.1, 0.1);
            double slopeY = random.nextDouble(-0.1, 0.1);
            double wave = random.nextDouble(0, 0.06);
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    double centredX = x / (SIZE - 1.0) - 0.5;
                    double centredY = y / (SIZE - 1.0) - 0.5;
                    image[(c * SIZE + y) * SIZE + x] = level + 2 * (slopeX * centredX + slopeY * centredY)
                            + wave * StrictMath.sin(waveX * x + waveY * y + phase)
                            + random.nextDouble(-NOISE, NOISE);
                }
            }
        }
    }

    /** Draws class {@code label}'s pattern in dark ink on light paper, tints drawn per image and channel. */
    private static void drawPatch(SplittableRandom random, int label, int row, int column, double[] image) {
        for (int c = 0; c < CHANNELS; c++) {
            double ink = random.nextDouble(0, 0.2);
            double paper = random.nextDouble(0.8, 1);
            for (int y = 0; y < PATCH; y++) {
                for (int x = 0; x < PATCH; x++) {
                    image[(c * SIZE + row + y) * SIZE + column + x] = inked(label, y, x) ? ink : paper;
                }
            }
        }
    }

    /** Whether pixel ({@code y}, {@code x}) of the patch is ink in class {@code label}'s pattern. */
    static boolean inked(int label, int y, int x) {
        return switch (label) {
            case 0 -> y % 4 < 2;
            case 1 -> x % 4 < 2;
            case 2 -> (x + y) % 4 < 2;
            case 3 -> (x - y + PATCH) % 4 < 2;
            case 4 -> (x / 2 + y / 2) % 2 == 0;
            case 5 -> Math.abs(2 * x - (PATCH - 1)) <= 1 || Math.abs(2 * y - (PATCH - 1)) <= 1;
            case 6 -> x < 2 || y < 2 || x >= PATCH - 2 || y >= PATCH - 2;
            case 7 -> Math.abs(x - y) <= 1 || Math.abs(x + y - (PATCH - 1)) <= 1;
            default -> throw new IllegalArgumentException("no pattern for class " + label);
        };
    }

    /** The images and their labels, to train on or to explain ({@code images().batch(manager, NORMALIZATION)}). */
    public ImageSet images() {
        return images;
    }

    public int size() {
        return images.size();
    }

    public int label(int index) {
        return images.label(index);
    }

    public int[] labels() {
        return images.labels();
    }

    /** Where image {@code index}'s patch lies. */
    public Patch patch(int index) {
        return new Patch(rows[index], columns[index], PATCH);
    }

    /** Image {@code index}'s true mask {@code [32][32]}: {@code true} exactly on the patch's pixels. */
    public boolean[][] mask(int index) {
        Patch patch = patch(index);
        boolean[][] mask = new boolean[SIZE][SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                mask[y][x] = patch.covers(y, x);
            }
        }
        return mask;
    }

    /** Every image's true mask as a float batch {@code [n, 32, 32]}: 1 on the patch, 0 elsewhere. */
    public NDArray masks(NDManager manager) {
        return masks(manager, IntStream.range(0, size()).toArray());
    }

    /** The true masks of the images at {@code indices} as a float batch {@code [indices.length, 32, 32]}. */
    public NDArray masks(NDManager manager, int[] indices) {
        float[] values = new float[indices.length * SIZE * SIZE];
        for (int i = 0; i < indices.length; i++) {
            Patch patch = patch(indices[i]);
            for (int y = patch.row(); y < patch.row() + PATCH; y++) {
                for (int x = patch.column(); x < patch.column() + PATCH; x++) {
                    values[(i * SIZE + y) * SIZE + x] = 1;
                }
            }
        }
        return manager.create(values, new Shape(indices.length, SIZE, SIZE));
    }

    /** The images at {@code indices}, in that order, with their masks. */
    public SyntheticPatches subset(int... indices) {
        return new SyntheticPatches(images.subset(indices), IntStream.of(indices).map(i -> rows[i]).toArray(),
                IntStream.of(indices).map(i -> columns[i]).toArray(), key + "-subset");
    }

    /** The first {@code n} images (balanced when {@code n} is a multiple of 8). */
    public SyntheticPatches first(int n) {
        return subset(IntStream.range(0, Math.min(n, size())).toArray());
    }

    /**
     * Names the formula's version, the seed and the size, e.g. {@code patches-v1-seed1-250pc} (what a cached network
     * was trained on); a subset's key is its set's, ending in {@code -subset}.
     */
    public String key() {
        return key;
    }

    @Override
    public String toString() {
        return size() + " synthetic " + SIZE + "×" + SIZE + " images, " + CLASSES.size() + " classes decided by one "
                + PATCH + "×" + PATCH + " patch (" + key + ")";
    }
}
