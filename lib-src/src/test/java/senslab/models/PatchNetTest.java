package senslab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class PatchNetTest {

    @Test
    void stagesHaveTheirShapesAndThePatternCountsWhereverItIs() {
        Engine.getInstance().setRandomSeed(4);
        try (StagedNetwork net = PatchNet.create(64, 5); NDManager m = NDManager.newBaseManager()) {
            assertEquals(List.of("block1", "block2", "block3", "logits"), net.stageNames());
            NDList outputs = net.forwardAll(m.zeros(new Shape(2, 3, 64, 64)));
            Shape[] expected = {new Shape(2, 8, 32, 32), new Shape(2, 16, 16, 16), new Shape(2, 32, 16, 16),
                new Shape(2, 5)};
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], outputs.get(i).getShape(), net.stageNames().get(i));
            }
            // one 4×4 random pattern on a blank image, at two places a multiple of the pools' stride 4 apart and far
            // enough from the borders that no unit seeing it sees the padding: the same logits
            NDArray pattern = m.randomUniform(-1, 1, new Shape(3, 4, 4));
            NDArray images = m.zeros(new Shape(3, 3, 64, 64));
            images.set(new NDIndex("0, :, 20:24, 24:28"), pattern);
            images.set(new NDIndex("1, :, 36:40, 32:36"), pattern);
            NDArray logits = net.forward(images);
            assertArrayEquals(logits.get(0).toFloatArray(), logits.get(1).toFloatArray(), 1e-5f);
            // ... and the pattern does count: a blank image's logits differ
            assertTrue(logits.get(0).sub(logits.get(2)).abs().max().getFloat() > 1e-3,
                    "the pattern changes the logits");
        }
        assertThrows(IllegalArgumentException.class, () -> PatchNet.build(1));
    }
}
