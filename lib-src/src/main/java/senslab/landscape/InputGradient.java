package senslab.landscape;

/**
 * A model of several inputs and one output that gives its input gradient: the networks here (exactly), and
 * DJL blocks or TorchScript files (by autograd, {@link BlockGradient}).
 */
@FunctionalInterface
public interface InputGradient {
    /** ∂f/∂x_j for each row: rows × inputs. */
    double[][] inputGradient(double[][] rows);
}
