package senslab.faithfulness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import senslab.attribution.AttributionMaps;
import senslab.attribution.MapSettings;
import senslab.attribution.Target;
import senslab.models.StagedNetwork;
import tech.tablesaw.api.Table;

class FaithfulnessTest {
    private static final int SIDE = 16;
    private static final int GRID = 4;
    private static final int CELLS = GRID * GRID;
    private static final Target CLASS = Target.classLogit(0);

    /** f = Σ_j w_j u_j over the cell means u_j of the channel sum: removing cell j (inpainting to 0) costs w_j·u_j. */
    private static StagedNetwork linearInCellMeans(float[] w) {
        int cell = SIDE / GRID;
        StagedNetwork net = StagedNetwork.builder()
                .stage("logits", new LambdaBlock(in -> {
                    NDArray x = in.singletonOrThrow().sum(new int[] {1}, true);
                    NDArray u = Pool.avgPool2d(x, new Shape(cell, cell), new Shape(cell, cell), new Shape(0, 0), false,
                            true).reshape(x.getShape().get(0), -1);
                    return new NDList(u.mul(u.getManager().create(w)).sum(new int[] {1}, true));
                }))
                .build();
        net.initialize(new Shape(3, SIDE, SIDE));
        return net;
    }

    private static float[] weights() {
        float[] w = new float[CELLS];
        Random random = new Random(7);
        for (int j = 0; j < CELLS; j++) {
            w[j] = (float) (2 * random.nextDouble() - 0.5); // mostly positive, some negative
        }
        return w;
    }

    /** The exact contribution of each cell, w_j·u_j, as maps at cell resolution. */
    private static float[][] contributions(float[] pixels, float[] w, int images) {
        int cell = SIDE / GRID;
        float[][] c = new float[images][CELLS];
        for (int i = 0; i < images; i++) {
            for (int ch = 0; ch < 3; ch++) {
                for (int y = 0; y < SIDE; y++) {
                    for (int x = 0; x < SIDE; x++) {
                        int j = (y / cell) * GRID + x / cell;
                        c[i][j] += w[j] * pixels[((i * 3 + ch) * SIDE + y) * SIDE + x] / (cell * cell);
                    }
                }
            }
        }
        return c;
    }

    private static AttributionMaps cellMaps(String name, float[][] perImage) {
        float[][][] values = new float[perImage.length][][];
        for (int i = 0; i < perImage.length; i++) {
            values[i] = new float[][] {perImage[i]};
        }
        return maps(name, CLASS, GRID, 1, SIDE / GRID, values);
    }

    private static AttributionMaps maps(String name, Target target, int side, int channels, int cell,
            float[][][] values) {
        return AttributionMaps.of(name, MapSettings.described("test maps"), target, List.of("class"),
                channels == 1 ? List.of(AttributionMaps.ALL_CHANNELS) : List.of("R", "G", "B"), side, side, cell,
                values);
    }

    @Test
    void theTrueMapIsMostFaithfulAndItsReverseLeast() {
        float[] w = weights();
        int images = 2;
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = linearInCellMeans(w)) {
            NDArray x = manager.randomUniform(0.1f, 1f, new Shape(images, 3, SIDE, SIDE));
            float[][] truth = contributions(x.toFloatArray(), w, images);
            float[][] reversed = new float[images][CELLS];
            List<AttributionMaps> random = new ArrayList<>();
            Random draw = new Random(11);
            for (int i = 0; i < images; i++) {
                for (int j = 0; j < CELLS; j++) {
                    reversed[i][j] = -truth[i][j];
                }
            }
            for (int r = 0; r < 4; r++) {
                float[][] noise = new float[images][CELLS];
                for (float[] image : noise) {
                    for (int j = 0; j < CELLS; j++) {
                        image[j] = draw.nextFloat();
                    }
                }
                random.add(cellMaps("random " + r, noise));
            }
            List<AttributionMaps> all =
                    new ArrayList<>(List.of(cellMaps("true", truth), cellMaps("reversed", reversed)));
            all.addAll(random);
            FaithfulnessResult result = Faithfulness.of(net).grid(GRID).muFidelity(64, 0.25)
                    .score(x, all.toArray(AttributionMaps[]::new));
            for (int i = 0; i < images; i++) {
                double trueDeletion = result.deletionAuc("true", i, "class");
                double reversedDeletion = result.deletionAuc("reversed", i, "class");
                for (AttributionMaps r : random) {
                    double d = result.deletionAuc(r.method(), i, "class");
                    assertTrue(trueDeletion < d && d < reversedDeletion, "image " + i + ", " + r.method()
                            + ": deletion AUC "
                            + trueDeletion + " < " + d + " < " + reversedDeletion);
                    double in = result.insertionAuc(r.method(), i, "class");
                    assertTrue(result.insertionAuc("true", i, "class") > in && in > result.insertionAuc("reversed", i,
                            "class"), "insertion, image " + i);
                    assertTrue(result.muFidelity(r.method(), i, "class") < 0.9, "a random map predicts drops poorly");
                }
                assertEquals(1, result.muFidelity("true", i, "class"), 1e-5, "exact contributions predict every drop");
                assertEquals(-1, result.muFidelity("reversed", i, "class"), 1e-5);
                // the curve itself: f minus the contributions removed so far, in the map's order
                double[] curve = result.deletionCurve("true", i, "class");
                float[] c = truth[i];
                double full = 0;
                for (float v : c) {
                    full += v;
                }
                assertEquals(full, curve[0], 1e-4);
                assertEquals(0, curve[CELLS], 1e-5, "everything removed: inpainting to 0 leaves f = 0");
                int top = Faithfulness.descending(c)[0];
                assertEquals(full - c[top], curve[1], 1e-4);
            }
            Table ranking = result.ranking();
            assertEquals("true", ranking.stringColumn("method").get(0));
            assertEquals("reversed", ranking.stringColumn("method").get(ranking.rowCount() - 1));
            assertEquals(all.size() * images, result.table().rowCount());
            Table both = FaithfulnessResult.rankings(new java.util.LinkedHashMap<>(java.util.Map.of("net", result)));
            assertEquals("net", both.stringColumn("network").get(0));
            assertEquals(ranking.rowCount(), both.rowCount());
        }
    }

    @Test
    void mapsAtPixelResolutionAndPerChannelScoreAsTheirCells() {
        float[] w = weights();
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = linearInCellMeans(w)) {
            NDArray x = manager.randomUniform(0.1f, 1f, new Shape(1, 3, SIDE, SIDE));
            float[][] truth = contributions(x.toFloatArray(), w, 1);
            AttributionMaps cells = cellMaps("cells", truth);
            // the same map per pixel, split over three channels: summed and averaged back into the same cells
            int cell = SIDE / GRID;
            float[][][] pixels = new float[1][1][3 * SIDE * SIDE];
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < SIDE; y++) {
                    for (int xx = 0; xx < SIDE; xx++) {
                        pixels[0][0][(c * SIDE + y) * SIDE + xx] = truth[0][(y / cell) * GRID + xx / cell] / 3;
                    }
                }
            }
            AttributionMaps perPixel = maps("pixels", CLASS, SIDE, 3, 1, pixels);
            FaithfulnessResult result = Faithfulness.of(net).grid(GRID).score(x, cells, perPixel);
            assertArrayEquals(result.deletionCurve("cells", 0, "class"), result.deletionCurve("pixels", 0, "class"),
                    1e-5);
            assertEquals(result.muFidelity("cells", 0, "class"), result.muFidelity("pixels", 0, "class"), 1e-5);
        }
    }

    @Test
    void mapsThatCannotBeComparedGetClearErrors() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = linearInCellMeans(weights())) {
            NDArray x = manager.randomUniform(0.1f, 1f, new Shape(1, 3, SIDE, SIDE));
            float[][] any = new float[1][CELLS];
            AttributionMaps a = cellMaps("a", any);
            AttributionMaps differentTarget = maps("b", Target.classLogit(3), GRID, 1, SIDE / GRID,
                    new float[1][1][CELLS]);
            String target = assertThrows(IllegalArgumentException.class,
                    () -> Faithfulness.of(net).grid(GRID).score(x, a, differentTarget)).getMessage();
            assertTrue(target.contains("same target"), target);
            String names = assertThrows(IllegalArgumentException.class,
                    () -> Faithfulness.of(net).grid(GRID).score(x, a, a)).getMessage();
            assertTrue(names.contains("own name"), names);
            String coarse = assertThrows(IllegalArgumentException.class,
                    () -> Faithfulness.of(net).grid(GRID).score(x, maps("c", CLASS, 5, 1, 3, new float[1][1][25])))
                    .getMessage();
            assertTrue(coarse.contains("cover 15×15"), coarse);
        }
    }
}
