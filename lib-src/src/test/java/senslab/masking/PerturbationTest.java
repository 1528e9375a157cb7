package senslab.masking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import senslab.image.GaussianBlur;

class PerturbationTest {

    @Test
    void upsamplingGivesEveryPixelItsCellsValue() {
        CellGrid grid = new CellGrid(4, 8, 8);
        assertEquals(2, grid.cellSize());
        assertEquals(List.of("r0c0", "r0c1"), grid.cellNames().subList(0, 2));
        assertEquals("r3c3", grid.cellNames().get(15));
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] cells = new float[2 * 16];
            for (int k = 0; k < cells.length; k++) {
                cells[k] = k;
            }
            float[] pixels = grid.upsample(manager.create(cells, new Shape(2, 16))).toFloatArray();
            assertEquals(2 * 64, pixels.length);
            for (int r = 0; r < 2; r++) {
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        assertEquals(r * 16 + (y / 2) * 4 + x / 2, pixels[(r * 8 + y) * 8 + x], "row " + r + " (" + y
                                + ", " + x + ")");
                    }
                }
            }
        }
    }

    @Test
    void gridsThatDoNotFitTheImageAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new CellGrid(64, 32, 32)).getMessage()
                .contains("larger than the image"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new CellGrid(5, 32, 32)).getMessage()
                .contains("does not divide"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new CellGrid(4, 32, 16)).getMessage()
                .contains("square"));
    }

    @Test
    void inpaintingKeepsTheImageWhereTheMaskIsOneAndGivesTheBaselineWhereItIsZero() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray image = manager.randomUniform(-1, 1, new Shape(1, 3, 8, 8));
            NDArray masks = manager.create(new float[] {1, 0, 0.25f}).reshape(3, 1, 1, 1).broadcast(3, 1, 8, 8);
            float[] x = image.toFloatArray();
            float[] blurred = new GaussianBlur(1).apply(image).toFloatArray();
            float[] inpainted = Perturbation.inpainting(0.5f).apply(image, masks).toFloatArray();
            float[] blurring = Perturbation.blurring(1).apply(image, masks).toFloatArray();
            int n = x.length;
            for (int k = 0; k < n; k++) {
                assertEquals(x[k], inpainted[k], 1e-6);
                assertEquals(0.5f, inpainted[n + k], 1e-6);
                assertEquals(0.5f + 0.25f * (x[k] - 0.5f), inpainted[2 * n + k], 1e-6);
                assertEquals(x[k], blurring[k], 1e-6);
                assertEquals(blurred[k], blurring[n + k], 1e-6);
            }
            float[] amplitude = Perturbation.amplitude(0.4).apply(image, masks).toFloatArray();
            for (int k = 0; k < n; k++) {
                assertEquals(x[k] + 0.2f, amplitude[k], 1e-6);
                assertEquals(x[k] - 0.2f, amplitude[n + k], 1e-6);
                assertEquals(x[k] - 0.1f, amplitude[2 * n + k], 1e-6);
            }
            assertArrayEquals(new long[] {3, 3, 8, 8},
                    Perturbation.inpainting().apply(image, masks).getShape().getShape());
            assertEquals("inpainting to 0.0", Perturbation.inpainting().toString());
        }
    }
}
