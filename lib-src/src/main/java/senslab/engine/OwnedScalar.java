package senslab.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * A constant for computations that are differentiated. DJL 0.36's {@code NDArray.mul(Number)}, {@code div},
 * {@code pow}, {@code maximum} and {@code minimum} wrap the Java number in a tensor that lies on a direct buffer
 * of the JVM ({@code torch::from_blob}) and close that tensor as soon as the operation returns; autograd keeps it
 * for the backward pass, which then reads memory the JVM may have freed at a garbage collection in between: wrong,
 * zero or infinite gradients, from run to run (with glibc, which writes into a chunk as it frees it, 42 of 50
 * backward passes after a forced collection; {@code OwnedScalarTest}). A scalar made by the engine
 * ({@code torch.full}) owns its memory and lives as long as autograd needs it. Operations whose backward pass
 * does not read the constant ({@code add}, {@code sub}) and code that is never differentiated may use Java numbers.
 */
public final class OwnedScalar {

    private OwnedScalar() {
    }

    /** {@code value} as a 0-dimensional array of {@code like}'s type, in {@code like}'s manager. */
    public static NDArray of(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType());
    }
}
