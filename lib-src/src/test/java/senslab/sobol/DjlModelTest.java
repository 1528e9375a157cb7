package senslab.sobol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import java.util.List;
import org.junit.jupiter.api.Test;
import senslab.data.DiabetesData;
import senslab.models.DiabetesNet;

/** DJL networks as batched models: blocks and models agree, wrong output shapes are reported. */
class DjlModelTest {
    @Test
    void blockAndModelGiveTheSameOutputs() {
        double[][] rows = DiabetesData.load().features(0, 50, DiabetesData.FEATURES);
        try (Model model = Model.newInstance("diabetes")) {
            DiabetesNet net = DiabetesNet.create(DiabetesData.FEATURES).initialize(model.getNDManager(), 5);
            model.setBlock(net.block());
            try (DjlModel fromBlock = DjlModel.of(net.block()); DjlModel fromModel = DjlModel.of(model)) {
                double[] a = fromBlock.predict(rows);
                assertArrayEquals(a, fromModel.predict(rows), 0);
                assertArrayEquals(net.predict(rows), a, 1e-7);
            }
        }
    }

    @Test
    void aNetworkWithTwoOutputsPerRowIsRejected() {
        Linear two = Linear.builder().setUnits(2).build();
        try (NDManager manager = NDManager.newBaseManager(); DjlModel model = DjlModel.of(initialized(two, manager))) {
            Problem p = Problem.of(List.of("a", "b", "c"), new double[3], new double[] {1, 1, 1});
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Sobol.of(p).samples(16).run(model));
            assertTrue(e.getMessage().contains("one value per row"), e.getMessage());
        }
    }

    @Test
    void aNetworksStagesAreOutputsSideBySideFromOnePass() {
        double[][] rows = DiabetesData.load().features(0, 20, DiabetesData.FEATURES);
        try (NDManager manager = NDManager.newBaseManager()) {
            DiabetesNet net = DiabetesNet.create(DiabetesData.FEATURES).initialize(manager, 5);
            List<String> names = new java.util.ArrayList<>();
            for (int u = 0; u < 21; u++) {
                names.add("unit " + u);
            }
            try (DjlModel stages = DjlModel.of((store, x) -> net.network().forwardAll(store, x, false))) {
                VectorFunction all = stages.outputs(names);
                double[] flat = java.util.Arrays.stream(rows).flatMapToDouble(java.util.Arrays::stream).toArray();
                double[] y = new double[rows.length * 21];
                all.evaluate(flat, rows.length, 8, y);
                double[][] fc1 = net.firstLayer(rows);
                double[] p = net.predict(rows);
                for (int r = 0; r < rows.length; r++) {
                    for (int u = 0; u < 10; u++) {
                        assertEquals(fc1[r][u], y[r * 21 + u], 1e-5, "fc1 unit " + u + " of row " + r);
                        assertTrue(y[r * 21 + 10 + u] >= 0, "a hidden unit after ReLU");
                    }
                    assertEquals(p[r], y[r * 21 + 20], 1e-6, "the output of row " + r);
                }
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> stages.outputs(names.subList(0, 20)).evaluate(flat, rows.length, 8, new double[400]));
                assertTrue(e.getMessage().contains("20 names"), e.getMessage());
            }
        }
    }

    @Test
    void anUninitializedBlockIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> DjlModel.of(Linear.builder().setUnits(1).build()));
    }

    private static Linear initialized(Linear block, NDManager manager) {
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
        return block;
    }
}
