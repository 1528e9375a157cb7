package senslab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The engine check: right on this host (the test that fails, naming the case, on a host whose engine is wrong),
 * and shown to refuse wrong answers by feeding it some.
 */
class EngineCheckTest {

    @Test
    void theEngineComputesEveryOperationRightOnThisHost() {
        EngineVerdict verdict = EngineCheck.verdict();
        assertTrue(verdict.passed(), verdict::report);
        assertEquals(CheckCases.all().size(), verdict.cases());
    }

    @Test
    void theBannerLineNamesTheEngineItsInstructionsAndTheRemedy() {
        EngineVerdict verdict = EngineCheck.verdict();
        String line = verdict.line();
        assertTrue(line.startsWith("engine check: " + (verdict.passed() ? "" : "FAILED on ")
                + "PyTorch 2.7.1 on CPU (ATen "), line);
        assertTrue(line.contains(", oneDNN v3."), line);
        assertTrue(line.contains(verdict.passed() ? "; remedy: " + verdict.remedy().description() : "report()"), line);
    }

    @Test
    void aWrongGradientIsRefusedNamingTheCaseAndThePass() {
        CheckCase convolution = CheckCases.convolution(4, 3, 4, 3, 1);
        EngineVerdict verdict = EngineCheck.run(List.of(faulty(convolution, run -> results -> {
            results[1][7] += 0.01f; // ∂L/∂x: the backward-data pass
            return results;
        })));
        assertFalse(verdict.passed());
        String failure = verdict.failures().get(0);
        assertTrue(failure.startsWith("convolution 3→4 channels, 3×3 stride 1, batch 4: gradient of the input"
                + " (backward-data) off by "), failure);
        assertTrue(verdict.line().startsWith("engine check: FAILED on PyTorch"), verdict.line());
        EngineDefectException refused = assertThrows(EngineDefectException.class, () -> {
            throw new EngineDefectException(verdict);
        });
        assertTrue(refused.getMessage().contains("route-convolutions"), "the message names a fix");
    }

    @Test
    void aNaNIsRefused() {
        EngineVerdict verdict = EngineCheck.run(List.of(faulty(CheckCases.convolution(1, 16, 16, 3, 1),
                run -> results -> {
                    results[0][0] = Float.NaN;
                    return results;
                })));
        assertTrue(verdict.failures().get(0).contains("output is NaN"), verdict::report);
    }

    @Test
    void anAnswerThatChangesFromRunToRunIsRefusedAndLastBitsAreReported() {
        EngineVerdict wrongOnce = EngineCheck.run(List.of(faulty(CheckCases.convolution(4, 16, 4, 3, 1),
                run -> results -> {
                    if (run == 2) {
                        results[2][0] *= 1.5f; // ∂L/∂w on the second run only
                    }
                    return results;
                })));
        String failure = wrongOnce.failures().get(0);
        assertTrue(failure.contains("gradient of the weight (backward-weights)") && failure.contains("run 2 of 3")
                && failure.endsWith("other runs give other results"), failure);

        EngineVerdict lastBits = EngineCheck.run(List.of(faulty(CheckCases.convolution(4, 16, 4, 3, 1),
                run -> results -> {
                    if (run == 3) {
                        results[0][0] = Math.nextUp(results[0][0]);
                    }
                    return results;
                })));
        assertTrue(lastBits.passed(), lastBits::report);
        assertEquals(List.of("convolution 16→4 channels, 3×3 stride 1, batch 4"), lastBits.irreproducible());
    }

    /**
     * The references are the check's truth, so they are checked against something independent: the change of
     * L = Σ y·g along a random direction of every input, by central differences of the reference's own output.
     */
    @Test
    void everyReferenceGradientMatchesCentralDifferencesOfItsOutput() {
        for (CheckCase checked : CheckCases.all()) {
            List<CheckCase.Input> inputs = checked.inputs();
            double[][] expected = checked.expected();
            int gradient = 1;
            for (int i = 0; i < inputs.size(); i++) {
                if (!inputs.get(i).differentiable()) {
                    continue;
                }
                SplittableRandom random = new SplittableRandom(i);
                float[] base = inputs.get(i).values();
                float[] plus = base.clone();
                float[] minus = base.clone();
                double h = 1e-3;
                double predicted = 0;
                for (int k = 0; k < base.length; k++) {
                    double direction = 2 * random.nextDouble() - 1;
                    plus[k] = (float) (base[k] + h * direction);
                    minus[k] = (float) (base[k] - h * direction);
                    // the step the float inputs really took
                    predicted += expected[gradient][k] * (plus[k] - minus[k]) / 2;
                }
                double measured = (checked.loss(i, plus) - checked.loss(i, minus)) / 2;
                assertEquals(predicted, measured, 1e-6 + 1e-4 * Math.abs(predicted),
                        checked.name() + ": " + checked.resultNames().get(gradient));
                gradient++;
            }
        }
    }

    /** {@code original} with its engine results changed by {@code fault}, given the run number (1, 2, 3). */
    private static CheckCase faulty(CheckCase original, IntFunction<UnaryOperator<float[][]>> fault) {
        return new CheckCase(original.name(), original.inputs(), original.outputShape(), original.operation(),
                original.reference()) {
            private int run;

            @Override
            float[][] results(NDList forward) {
                return fault.apply(++run).apply(super.results(forward));
            }
        };
    }
}
