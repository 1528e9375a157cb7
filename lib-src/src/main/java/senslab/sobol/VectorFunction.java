package senslab.sobol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import senslab.function.BatchFunction;

/**
 * A batched function with k named outputs (a classifier's logits, a network's hidden units and its output): one
 * call evaluates every output of every row, so a network runs once per row however many outputs are analysed.
 * Outputs come row-major: row r's output o at {@code y[r * k + o]}.
 */
public interface VectorFunction {
    /** The outputs' names, k of them, in the order they are written. */
    List<String> outputs();

    /** Writes the k outputs of each of the {@code count} rows of {@code x} into {@code y[0 .. count·k)}. */
    void evaluate(double[] x, int count, int inputs, double[] y);

    /** A function that writes {@code outputs.size()} values per row, row-major, under these names. */
    static VectorFunction of(List<String> outputs, BatchFunction rowMajor) {
        List<String> names = checkedNames(outputs);
        return new VectorFunction() {
            @Override
            public List<String> outputs() {
                return names;
            }

            @Override
            public void evaluate(double[] x, int count, int inputs, double[] y) {
                rowMajor.evaluate(x, count, inputs, y);
            }
        };
    }

    /** One single-output function under a name. */
    static VectorFunction of(String output, BatchFunction function) {
        return of(List.of(output), function);
    }

    /**
     * Several single-output functions of the same inputs side by side, each evaluated on every batch (for
     * functions that do not share work; a network's outputs should come from one {@link #of} call instead).
     */
    static VectorFunction stack(Map<String, BatchFunction> functions) {
        List<String> names = checkedNames(new ArrayList<>(functions.keySet()));
        List<BatchFunction> parts = List.copyOf(new LinkedHashMap<>(functions).values());
        return of(names, (x, count, inputs, y) -> {
            double[] one = new double[count];
            for (int o = 0; o < parts.size(); o++) {
                parts.get(o).evaluate(x, count, inputs, one);
                for (int r = 0; r < count; r++) {
                    y[r * parts.size() + o] = one[r];
                }
            }
        });
    }

    private static List<String> checkedNames(List<String> outputs) {
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("name at least one output");
        }
        if (outputs.stream().distinct().count() != outputs.size()) {
            throw new IllegalArgumentException("output names must be distinct: " + outputs);
        }
        return List.copyOf(outputs);
    }
}
