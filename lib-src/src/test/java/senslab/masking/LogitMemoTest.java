package senslab.masking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import senslab.attribution.Target;
import senslab.models.StagedNetwork;

class LogitMemoTest {
    private static final int SIZE = 2 * 4 * 4;
    private static final int CLASSES = 3;

    /** Rows that went through the network's first stage. */
    private final AtomicLong rowsPassed = new AtomicLong();

    /** f_c(x) = Σ_k x_k·(c + 1)·(k mod 5 + 1): three classes, a stage before them that counts the rows it sees. */
    private StagedNetwork network() {
        StagedNetwork net = StagedNetwork.builder()
                .stage("count", new LambdaBlock(in -> {
                    rowsPassed.addAndGet(in.singletonOrThrow().getShape().get(0));
                    return in;
                }))
                .stage("logits", new LambdaBlock(in -> {
                    NDArray x = in.singletonOrThrow();
                    float[] w = new float[SIZE * CLASSES];
                    for (int k = 0; k < SIZE; k++) {
                        for (int c = 0; c < CLASSES; c++) {
                            w[k * CLASSES + c] = (c + 1) * (k % 5 + 1);
                        }
                    }
                    return new NDList(x.reshape(x.getShape().get(0), SIZE)
                            .matMul(x.getManager().create(w, new Shape(SIZE, CLASSES))));
                }))
                .build();
        long before = rowsPassed.get();
        net.initialize(new Shape(2, 4, 4));
        rowsPassed.set(before); // initializing runs the stages on a dummy input
        return net;
    }

    /** The logit of class {@code c} of every row, by hand. */
    private static double[] expected(float[] rows, int c) {
        double[] f = new double[rows.length / SIZE];
        for (int r = 0; r < f.length; r++) {
            for (int k = 0; k < SIZE; k++) {
                f[r] += rows[r * SIZE + k] * (c + 1) * (k % 5 + 1);
            }
        }
        return f;
    }

    @Test
    void insideAScopeEveryInputIsScoredOnceAndAnswersEveryClass() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = network()) {
            NDArray a = manager.randomUniform(-1, 1, new Shape(3, 2, 4, 4));
            NDArray twice = NDArrays.concat(new NDList(a, a.get("1:2")));
            float[] values = a.toFloatArray();
            try (LogitMemo.Scope scope = LogitMemo.open()) {
                double[] first = TargetScores.of(net, Target.classLogit(0), twice, new int[] {0, 0, 0, 0})[0];
                assertEquals(3, rowsPassed.get(), "a row repeated within one call is scored once");
                assertArrayEquals(expected(values, 0), Arrays.copyOf(first, 3), 1e-4);
                assertEquals(first[1], first[3]);

                double[] other = TargetScores.of(net, Target.classLogit(2, 1, 0), a, new int[] {0, 1, 2})[0];
                assertEquals(3, rowsPassed.get(), "inputs scored before are not scored again, for any class");
                double[][] byClass = {expected(values, 2), expected(values, 1), expected(values, 0)};
                for (int r = 0; r < 3; r++) {
                    assertEquals(byClass[r][r], other[r], 1e-4);
                }

                NDArray mixed = NDArrays.concat(new NDList(a.get("0:1"), a.mul(2).get("0:1")));
                double[] half = TargetScores.of(net, Target.classLogit(1), mixed, new int[] {0, 0})[0];
                assertEquals(4, rowsPassed.get(), "only the new input goes through the network");
                assertEquals(expected(values, 1)[0], half[0], 1e-4);
                assertEquals(2 * expected(values, 1)[0], half[1], 1e-4);

                try (StagedNetwork copy = network()) {
                    TargetScores.of(copy, Target.classLogit(0), a, new int[] {0, 0, 0});
                    assertEquals(7, rowsPassed.get(), "another network scores its inputs itself");
                }
                TargetScores.of(net, Target.stages("logits"), a, new int[] {0, 0, 0});
                assertEquals(10, rowsPassed.get(), "only class logits are kept: a stage's norm needs its output");
                try (LogitMemo.Scope inner = LogitMemo.open()) {
                    TargetScores.of(net, Target.classLogit(0), a, new int[] {0, 0, 0});
                }
                TargetScores.of(net, Target.classLogit(0), a, new int[] {0, 0, 0});
                assertEquals(10, rowsPassed.get(), "closing a scope inside another keeps the outer one");
            }
            TargetScores.of(net, Target.classLogit(0), a, new int[] {0, 0, 0});
            TargetScores.of(net, Target.classLogit(0), a, new int[] {0, 0, 0});
            assertEquals(16, rowsPassed.get(), "outside a scope every call scores its rows");
        }
    }

    @Test
    void aClassOutsideTheNetworksOutputsIsNamed() {
        try (NDManager manager = NDManager.newBaseManager(); StagedNetwork net = network();
                LogitMemo.Scope scope = LogitMemo.open()) {
            NDArray a = manager.randomUniform(-1, 1, new Shape(1, 2, 4, 4));
            String message = assertThrows(IllegalArgumentException.class,
                    () -> TargetScores.of(net, Target.classLogit(3), a, new int[] {0})).getMessage();
            assertTrue(message.contains("class 3 is out of range 0..2"), message);
        }
    }
}
