package senslab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CheckedPyTorchProviderTest {

    @Test
    void theEngineDjlFindsHasNnpackSwitchedOff() {
        assertEquals("PyTorch", Engine.getInstance().getEngineName());
        assertFalse(LibTorch.nnpackEnabled(), "libtorch starts with NNPACK on; the provider turns it off");
    }

    @Test
    void theSwitchIsReadBackFromLibtorch() {
        Engine.getInstance();
        boolean before = LibTorch.nnpackEnabled();
        try {
            LibTorch.setNnpack(true);
            assertTrue(LibTorch.nnpackEnabled());
            LibTorch.setNnpack(false);
            assertFalse(LibTorch.nnpackEnabled());
        } finally {
            LibTorch.setNnpack(before);
        }
    }

    /** One small image through a 3×3 convolution: the case that made PyTorch initialize NNPACK. */
    @Test
    void aSingleImageConvolutionMatchesTheDefinition() {
        int channels = 2;
        int filters = 3;
        int size = 5;
        Random random = new Random(13);
        float[] x = new float[channels * size * size];
        float[] w = new float[filters * channels * 9];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextGaussian();
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray input = manager.create(x, new Shape(1, channels, size, size));
            NDArray weight = manager.create(w, new Shape(filters, channels, 3, 3));
            float[] out = Conv2d.conv2d(input, weight, null, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1)
                    .singletonOrThrow().toFloatArray();
            for (int f = 0; f < filters; f++) {
                for (int i = 0; i < size; i++) {
                    for (int j = 0; j < size; j++) {
                        double sum = 0;
                        for (int c = 0; c < channels; c++) {
                            for (int di = -1; di <= 1; di++) {
                                for (int dj = -1; dj <= 1; dj++) {
                                    int r = i + di;
                                    int s = j + dj;
                                    if (r >= 0 && r < size && s >= 0 && s < size) {
                                        sum += w[((f * channels + c) * 3 + di + 1) * 3 + dj
                                                + 1] * x[(c * size + r) * size + s];
                                    }
                                }
                            }
                        }
                        assertEquals(sum, out[(f * size + i) * size + j], 1e-5, "filter " + f + " at " + i + "," + j);
                    }
                }
            }
        }
    }
}
