package senslab.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One operation on fixed inputs, as the engine computes it (its output, and the gradients of L = Σ y·g with
 * respect to the inputs that take one) and as {@link Reference} does in double precision.
 */
class CheckCase {
    /** An input of the operation; {@code name} says what its gradient is called in a failure. */
    record Input(String name, Shape shape, float[] values, boolean differentiable) {
    }

    private final String name;
    private final List<Input> inputs;
    private final Shape outputShape;
    private final float[] upstream;
    private final Function<NDList, NDArray> operation;
    private final BiFunction<List<float[]>, float[], double[][]> reference;

    /**
     * @param operation the engine's operation on the inputs, in order
     * @param reference the same from the inputs' values and the upstream gradient g: {y, the gradient of each
     *     differentiable input in order}
     */
    CheckCase(String name, List<Input> inputs, Shape outputShape, Function<NDList, NDArray> operation,
            BiFunction<List<float[]>, float[], double[][]> reference) {
        this.name = name;
        this.inputs = List.copyOf(inputs);
        this.outputShape = outputShape;
        this.upstream = uniform(new SplittableRandom(name.hashCode()), (int) outputShape.size(), 1);
        this.operation = operation;
        this.reference = reference;
    }

    String name() {
        return name;
    }

    List<Input> inputs() {
        return inputs;
    }

    Shape outputShape() {
        return outputShape;
    }

    Function<NDList, NDArray> operation() {
        return operation;
    }

    BiFunction<List<float[]>, float[], double[][]> reference() {
        return reference;
    }

    /** What each result is: the output, then the gradient of each differentiable input. */
    List<String> resultNames() {
        List<String> names = new ArrayList<>(List.of("output"));
        inputs.stream().filter(Input::differentiable).forEach(input -> names.add("gradient of the " + input.name()));
        return names;
    }

    /** The results in double precision, in the order of {@link #resultNames}. */
    double[][] expected() {
        return reference.apply(inputs.stream().map(Input::values).toList(), upstream);
    }

    /** L = Σ y·g in double precision, with the values of input {@code index} replaced by {@code values}. */
    double loss(int index, float[] values) {
        List<float[]> changed = new ArrayList<>(inputs.stream().map(Input::values).toList());
        changed.set(index, values);
        double[] y = reference.apply(changed, upstream)[0];
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum += y[i] * upstream[i];
        }
        return sum;
    }

    /**
     * The inputs put on the engine (gradients recorded) and the operation applied to them, in {@code scope}:
     * the inputs in order, then the output y. Cases run together: one backward pass of the sum of their
     * {@link #loss}es gives each input the gradient of its own case's L, as the sum's gradient is 1 for each.
     */
    NDList forward(NDManager scope) {
        NDList arrays = new NDList();
        for (Input input : inputs) {
            NDArray array = scope.create(input.values(), input.shape());
            array.setRequiresGradient(input.differentiable());
            arrays.add(array);
        }
        arrays.add(operation.apply(arrays));
        return arrays;
    }

    /** L = Σ y·g of a {@link #forward} pass. */
    NDArray loss(NDList forward, NDManager scope) {
        return forward.get(inputs.size()).mul(scope.create(upstream, outputShape)).sum();
    }

    /** The results of a {@link #forward} pass after the backward pass, in the order of {@link #resultNames}. */
    float[][] results(NDList forward) {
        List<float[]> results = new ArrayList<>(List.of(forward.get(inputs.size()).toFloatArray()));
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).differentiable()) {
                results.add(forward.get(i).getGradient().toFloatArray());
            }
        }
        return results.toArray(float[][]::new);
    }

    /** {@code count} values uniform in [−scale, scale). */
    static float[] uniform(SplittableRandom random, int count, double scale) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) (scale * (2 * random.nextDouble() - 1));
        }
        return values;
    }
}
