package senslab.global;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import senslab.attribution.AttributionMaps;
import senslab.attribution.MapTransforms;
import senslab.attribution.Target;
import senslab.models.StagedNetwork;
import senslab.sobol.SobolResult;

class SobolAttributionTest {
    private static final int SIDE = 8;
    private static final int GRID = 4;
    /** The model reads cells 1, 6, 10 and 13 (6 and 10 also through their product); the other 12 it ignores. */
    private static final float[] W = new float[GRID * GRID];
    private static final Set<Integer> READ = Set.of(1, 6, 10, 13);
    private static final int A = 6;
    private static final int B = 10;
    private static final float GAMMA = 0.9f;

    static {
        W[1] = 1.0f;
        W[6] = -0.8f;
        W[10] = 0.6f;
        W[13] = 1.2f;
    }

    @Test
    void totalIndicesMatchTheAnalyticValuesWithinTheirIntervalsAndIgnoredCellsGetZero() {
        try (NDManager manager = NDManager.newBaseManager();
                StagedNetwork net = CellModels.additive(SIDE, GRID, W, A, B, GAMMA)) {
            NDArray x = CellModels.images(manager, 2, SIDE, 1);
            SobolMaps maps = SobolAttribution.of(net).grid(GRID).designs(1024).analyze(x, Target.classLogit(0));
            float[] pixels = x.toFloatArray();
            for (int image = 0; image < 2; image++) {
                double[] truth =
                        CellModels.totalIndices(CellModels.cellMeans(pixels, image, SIDE, GRID), W, A, B, GAMMA);
                SobolResult r = maps.result(image, 0);
                double[] st = r.st();
                double[] conf = r.stConf();
                for (int j = 0; j < GRID * GRID; j++) {
                    if (READ.contains(j)) {
                        assertTrue(Math.abs(st[j] - truth[j]) <= conf[j], "image " + image + " cell " + j + ": ST "
                                + st[j] + " ± " + conf[j] + ", exact " + truth[j]);
                        assertTrue(conf[j] < 0.15 * truth[j], "a tight interval at N = 1024: " + conf[j]);
                        assertEquals(truth[j], st[j], 0.005,
                                "quasi-Monte Carlo converges faster than the interval says");
                    } else {
                        assertEquals(0, st[j], 1e-9, "image " + image + ": cell " + j + " is ignored by the model");
                    }
                }
                // the interaction shows as ST − S1 on the pair and nowhere else
                double[] s1 = r.s1();
                assertTrue(st[A] - s1[A] > 0.02 && st[B] - s1[B] > 0.02, "interaction of cells 6 and 10");
                assertEquals(0, st[1] - s1[1], 0.02, "cell 1 acts alone");
                assertEquals((float) st[13], maps.totals().value(image, "class", 0, 13 / GRID, 13 % GRID), 1e-6,
                        "cells row by row in the map");
            }
        }
    }

    @Test
    void atTheDefaultsTheMapPicksOutExactlyTheCellsTheModelReads() {
        int side = 32;
        int grid = SobolAttribution.DEFAULT_GRID;
        float[] w = new float[grid * grid];
        Set<Integer> read = Set.of(3, 20, 27, 44, 61);
        read.forEach(j -> w[j] = 1f);
        try (NDManager manager = NDManager.newBaseManager();
                StagedNetwork net = CellModels.additive(side, grid, w, 20, 44, 0.5f)) {
            NDArray x = CellModels.images(manager, 1, side, 2);
            AttributionMaps maps = SobolAttribution.of(net).attribute(x, Target.classLogit(0));
            assertEquals(List.of("class"), maps.labels());
            assertEquals(List.of(AttributionMaps.ALL_CHANNELS), maps.channelNames());
            assertEquals(grid, maps.height());
            assertEquals(side / grid, maps.cellSize());
            assertEquals("Sobol total index", maps.method());
            assertEquals(32 * 66, maps.settings(SobolSettings.class).passesPerImage());
            float[] st = maps.values(0, "class");
            Set<Integer> nonZero =
                    IntStream.range(0, st.length).filter(j -> st[j] > 1e-6).boxed().collect(Collectors.toSet());
            assertEquals(read, nonZero, "the cells with ST > 0 are those the model reads");
            assertEquals(side, MapTransforms.upsample(maps, side / grid).height(),
                    "upsampled to the image for display");
        }
    }

    @Test
    void everyLabelOfAStageTargetGetsItsMapFromTheSamePasses() {
        try (NDManager manager = NDManager.newBaseManager();
                StagedNetwork net = CellModels.additive(SIDE, GRID, W, A, B, GAMMA)) {
            NDArray x = CellModels.images(manager, 1, SIDE, 3);
            int before = manager.getManagedArrays().size();
            AttributionMaps maps = SobolAttribution.of(net).grid(GRID).designs(64)
                    .attribute(x, Target.stages("cells", "score"));
            assertEquals(before, manager.getManagedArrays().size(), "native arrays left in the caller's manager");
            assertEquals(List.of("cells", "score"), maps.labels());
            float[] cells = maps.values(0, "cells");
            float[] score = maps.values(0, "score");
            // ‖u‖₂ depends on every cell; |f| only on the cells f reads
            assertTrue(IntStream.range(0, cells.length).allMatch(j -> cells[j] > 0), "every cell moves the cell means");
            assertTrue(IntStream.range(0, score.length).allMatch(j -> READ.contains(j) == (score[j] > 1e-6)),
                    "|f| moves with the cells f reads only");
        }
    }

    @Test
    void mapsOfARealNetworkRepeatBitForBitAcrossRunsAndBatchSizes() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = CellModels.conv(SIDE)) {
            NDArray x = CellModels.images(manager, 2, SIDE, 6);
            SobolAttribution sobol = SobolAttribution.of(net).grid(GRID).designs(16);
            float[] first = sobol.attribute(x, Target.classLogit(1)).values(1, "class");
            assertArrayEquals(first, sobol.attribute(x, Target.classLogit(1)).values(1, "class"), "a second run");
            assertArrayEquals(first, sobol.batchSize(7).attribute(x, Target.classLogit(1)).values(1, "class"),
                    "batches of 7 copies");
            assertTrue(IntStream.range(0, first.length).allMatch(j -> first[j] > 0), "a conv net reads every cell");
        }
    }

    @Test
    void anInterruptStopsTheMapBetweenBatches() {
        try (NDManager manager = NDManager.newBaseManager();
                StagedNetwork net = CellModels.additive(SIDE, GRID, W, A, B, GAMMA)) {
            NDArray x = CellModels.images(manager, 1, SIDE, 4);
            Thread.currentThread().interrupt();
            String message = assertThrows(CancellationException.class,
                    () -> SobolAttribution.of(net).grid(GRID).attribute(x, Target.classLogit(0))).getMessage();
            assertTrue(message.contains("interrupt"), message);
            assertTrue(!Thread.currentThread().isInterrupted(), "the interrupt is consumed");
        }
    }

    @Test
    void badSettingsGetNamedErrors() {
        try (NDManager manager = NDManager.newBaseManager();
                StagedNetwork net = CellModels.additive(SIDE, GRID, W, A, B, GAMMA)) {
            NDArray x = CellModels.images(manager, 1, SIDE, 4);
            String larger = assertThrows(IllegalArgumentException.class,
                    () -> SobolAttribution.of(net).grid(16).attribute(x, Target.classLogit(0))).getMessage();
            assertTrue(larger.contains("larger than the image"), larger);
            String uneven = assertThrows(IllegalArgumentException.class,
                    () -> SobolAttribution.of(net).grid(3).attribute(x, Target.classLogit(0))).getMessage();
            assertTrue(uneven.contains("does not divide"), uneven);
            String designs = assertThrows(IllegalArgumentException.class, () -> SobolAttribution.of(net).designs(30))
                    .getMessage();
            assertTrue(designs.contains("power of two") && designs.contains("32"), designs);
            assertThrows(IllegalArgumentException.class, () -> SobolAttribution.of(net).grid(0));
            String stage = assertThrows(IllegalArgumentException.class,
                    () -> SobolAttribution.of(net).grid(GRID).attribute(x, Target.stages("block9"))).getMessage();
            assertTrue(stage.contains("cells") && stage.contains("score"), stage);
        }
    }
}
