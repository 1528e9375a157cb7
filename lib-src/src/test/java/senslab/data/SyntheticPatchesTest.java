package senslab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.ToDoubleBiFunction;
import java.util.stream.IntStream;
import org.hipparchus.stat.inference.OneWayAnova;
import org.junit.jupiter.api.Test;

class SyntheticPatchesTest {
    private static final int PLANE = SyntheticPatches.SIZE * SyntheticPatches.SIZE;
    private static final int CLASSES = SyntheticPatches.CLASSES.size();

    /** The 8-bit value of channel {@code c} at ({@code y}, {@code x}) of image {@code i}. */
    private static int pixel(byte[] pixels, int i, int c, int y, int x) {
        return pixels[(i * 3 + c) * PLANE + y * SyntheticPatches.SIZE + x] & 0xFF;
    }

    @Test
    void theSameSeedGivesTheSameImagesAndALargerSetStartsWithASmallerOne() throws Exception {
        SyntheticPatches one = SyntheticPatches.generate(3, 7);
        SyntheticPatches two = SyntheticPatches.generate(3, 7);
        SyntheticPatches larger = SyntheticPatches.generate(5, 7);
        assertArrayEquals(one.images().pixelBytes(), two.images().pixelBytes());
        assertArrayEquals(one.images().pixelBytes(), larger.first(one.size()).images().pixelBytes());
        for (int i = 0; i < one.size(); i++) {
            assertEquals(one.patch(i), larger.patch(i));
        }
        assertNotEquals(Arrays.hashCode(one.images().pixelBytes()),
                Arrays.hashCode(SyntheticPatches.generate(3, 8).images().pixelBytes()), "another seed, other images");
        // the first training image, pinned: any change of the formula (or of how a host computes it) shows here
        byte[] first = SyntheticPatches.train(1).first(1).images().pixelBytes();
        assertEquals("1e57c3f2295a7fadd4367a89e8ecc48c83966cb3d5ca04aa909d57e89e19b2a7",
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(first)),
                "the first training image changed: raise SyntheticPatches.VERSION if that was meant");
        assertEquals(new SyntheticPatches.Patch(8, 2, 8), SyntheticPatches.train(1).patch(0));
    }

    @Test
    void masksCoverExactlyThePatchWhichShowsItsClassPatternFullyInsideTheImage() {
        SyntheticPatches set = SyntheticPatches.generate(40, 3);
        byte[] pixels = set.images().pixelBytes();
        int[] rowsSeen = new int[SyntheticPatches.SIZE];
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray masks = set.masks(manager);
            assertEquals(new Shape(set.size(), 32, 32), masks.getShape());
            float[] flat = masks.toFloatArray();
            for (int i = 0; i < set.size(); i++) {
                SyntheticPatches.Patch patch = set.patch(i);
                assertTrue(patch.row() >= 0 && patch.column() >= 0 && patch.row() + 8 <= 32
                        && patch.column() + 8 <= 32, "patch inside the image: " + patch);
                rowsSeen[patch.row()]++;
                boolean[][] mask = set.mask(i);
                int covered = 0;
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        covered += mask[y][x] ? 1 : 0;
                        assertEquals(mask[y][x] ? 1f : 0f, flat[(i * 32 + y) * 32 + x]);
                    }
                }
                assertEquals(64, covered, "a mask is the 8×8 patch");
                // under the mask, in every channel, ink pixels share one value, paper pixels another, lighter one,
                // laid out as the class's pattern
                for (int c = 0; c < 3; c++) {
                    int ink = -1;
                    int paper = -1;
                    for (int y = 0; y < 32; y++) {
                        for (int x = 0; x < 32; x++) {
                            if (!mask[y][x]) {
                                continue;
                            }
                            int value = pixel(pixels, i, c, y, x);
                            if (SyntheticPatches.inked(set.label(i), y - patch.row(), x - patch.column())) {
                                ink = ink < 0 ? value : ink;
                                assertEquals(ink, value, "image " + i + " ink at " + y + "," + x);
                            } else {
                                paper = paper < 0 ? value : paper;
                                assertEquals(paper, value, "image " + i + " paper at " + y + "," + x);
                            }
                        }
                    }
                    assertTrue(ink >= 0 && paper > ink, "dark ink on light paper: " + ink + ", " + paper);
                }
            }
        }
        assertTrue(rowsSeen[0] > 0 && rowsSeen[24] > 0, "the patch reaches both edges: " + Arrays.toString(rowsSeen));
        SyntheticPatches picked = set.subset(5, 2);
        assertEquals(set.patch(5), picked.patch(0));
        assertEquals(set.label(2), picked.label(1));
    }

    @Test
    void everyClassIsEquallyFrequentAndHasAPatternOfItsOwn() {
        SyntheticPatches set = SyntheticPatches.generate(13, 4);
        int[] counts = new int[CLASSES];
        for (int label : set.labels()) {
            counts[label]++;
        }
        int[] thirteen = new int[CLASSES];
        Arrays.fill(thirteen, 13);
        assertArrayEquals(thirteen, counts);
        List<String> patterns = new ArrayList<>();
        for (int label = 0; label < CLASSES; label++) {
            StringBuilder pattern = new StringBuilder();
            for (int p = 0; p < 64; p++) {
                pattern.append(SyntheticPatches.inked(label, p / 8, p % 8) ? '#' : '.');
            }
            assertTrue(pattern.indexOf("#") >= 0 && pattern.indexOf(".") >= 0, "two tones in class " + label);
            assertTrue(!patterns.contains(pattern.toString()), "class " + label + " repeats a pattern");
            patterns.add(pattern.toString());
        }
    }

    /** One-way ANOVA p-value of a per-image statistic across the classes. */
    private static double classDependence(SyntheticPatches set, ToDoubleBiFunction<Integer, boolean[][]> statistic) {
        List<List<Double>> byClass = new ArrayList<>();
        for (int c = 0; c < CLASSES; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < set.size(); i++) {
            byClass.get(set.label(i)).add(statistic.applyAsDouble(i, set.mask(i)));
        }
        return new OneWayAnova().anovaPValue(
                byClass.stream().map(v -> v.stream().mapToDouble(Double::doubleValue).toArray()).toList());
    }

    /** The mean of channel {@code c} of image {@code i} over the pixels where the mask is {@code inside}. */
    private static double mean(byte[] pixels, int i, int c, boolean[][] mask, boolean inside) {
        double sum = 0;
        int count = 0;
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                if (mask[y][x] == inside) {
                    sum += pixel(pixels, i, c, y, x);
                    count++;
                }
            }
        }
        return sum / count;
    }

    @Test
    void theBackgroundCarriesNoClassInformationWhileThePatchDoes() {
        SyntheticPatches set = SyntheticPatches.generate(150, 5);
        byte[] pixels = set.images().pixelBytes();
        for (int c = 0; c < 3; c++) {
            int channel = c;
            double background = classDependence(set, (i, mask) -> mean(pixels, i, channel, mask, false));
            assertTrue(background > 0.001, "channel " + c + "'s background mean depends on the class: p = "
                    + background);
            // the left-to-right gradient of the background, away from the patch
            double gradient = classDependence(set, (i, mask) -> {
                double difference = 0;
                int rows = 0;
                for (int y = 0; y < 32; y++) {
                    if (!mask[y][0] && !mask[y][31]) {
                        difference += pixel(pixels, i, channel, y, 31) - pixel(pixels, i, channel, y, 0);
                        rows++;
                    }
                }
                return difference / rows;
            });
            assertTrue(gradient > 0.001, "channel " + c + "'s background gradient depends on the class: p = "
                    + gradient);
            double where = classDependence(set, (i, mask) -> set.patch(i).row() * 32 + set.patch(i).column());
            assertTrue(where > 0.001, "the patch's position depends on the class: p = " + where);
            // the same test sees the class in the patch itself (its share of ink): it would see a leak
            double patch = classDependence(set, (i, mask) -> mean(pixels, i, channel, mask, true));
            assertTrue(patch < 1e-10, "the patch's mean tells the class: p = " + patch);
        }
    }

    /** Per channel, the mean background of each quadrant (the patch left out): colour, gradients, shading. */
    private static double[] backgroundFeatures(SyntheticPatches set, byte[] pixels, int i) {
        boolean[][] mask = set.mask(i);
        double[] sums = new double[12];
        int[] counts = new int[12];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    if (!mask[y][x]) {
                        int feature = c * 4 + y / 16 * 2 + x / 16;
                        sums[feature] += pixel(pixels, i, c, y, x);
                        counts[feature]++;
                    }
                }
            }
        }
        return IntStream.range(0, 12).mapToDouble(f -> sums[f] / counts[f]).toArray();
    }

    @Test
    void aNearestCentroidClassifierOnTheBackgroundIsAtChanceOnNewImages() {
        SyntheticPatches train = SyntheticPatches.generate(150, 5);
        SyntheticPatches test = SyntheticPatches.generate(150, 6);
        byte[] trainPixels = train.images().pixelBytes();
        double[][] centroids = new double[CLASSES][12];
        for (int i = 0; i < train.size(); i++) {
            double[] features = backgroundFeatures(train, trainPixels, i);
            for (int f = 0; f < 12; f++) {
                centroids[train.label(i)][f] += features[f] / 150;
            }
        }
        byte[] testPixels = test.images().pixelBytes();
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            double[] features = backgroundFeatures(test, testPixels, i);
            int nearest = 0;
            double best = Double.MAX_VALUE;
            for (int c = 0; c < CLASSES; c++) {
                double distance = 0;
                for (int f = 0; f < 12; f++) {
                    distance += (features[f] - centroids[c][f]) * (features[f] - centroids[c][f]);
                }
                if (distance < best) {
                    best = distance;
                    nearest = c;
                }
            }
            correct += nearest == test.label(i) ? 1 : 0;
        }
        double chance = 1.0 / CLASSES;
        double accuracy = (double) correct / test.size();
        // at chance, the accuracy on 1,200 images has a binomial standard deviation of 0.0095: allow four
        double allowed = chance + 4 * Math.sqrt(chance * (1 - chance) / test.size());
        assertTrue(accuracy < allowed, "the background predicts the class: accuracy " + accuracy + " ≥ " + allowed);
    }

    @Test
    void aSetWithoutImagesIsRefused() {
        var error = assertThrows(IllegalArgumentException.class, () -> SyntheticPatches.generate(0, 1));
        assertTrue(error.getMessage().contains("at least 1 image per class"), error.getMessage());
    }
}
