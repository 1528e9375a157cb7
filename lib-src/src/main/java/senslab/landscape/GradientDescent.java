package senslab.landscape;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import senslab.data.Dataset;

/**
 * Full-batch gradient descent on the mean squared error that records, at every epoch before each update
 * and once after the last, the loss and every first-layer {@link Quantity} per input: epochs + 1 records.
 *
 * @param learningRate the step size
 * @param epochs       the number of updates
 */
public record GradientDescent(double learningRate, int epochs) {

    public GradientDescent {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("the learning rate must be a positive number, got " + learningRate);
        }
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must be >= 0, got " + epochs);
        }
    }

    /**
     * Trains {@code start} (left as it is) on {@code data}, recording as it goes. Interrupting the thread
     * stops it with an exception naming the epoch reached.
     */
    public Recording record(Mlp start, Dataset data, long seed) {
        start.checkInputs(data);
        double[][][] p = start.parameters();
        double[][] w = p[0];
        double[][] b = p[1];
        int d = data.inputCount();
        Quantity[] quantities = Quantity.values();
        double[] loss = new double[epochs + 1];
        double[][] values = new double[quantities.length][(epochs + 1) * d];
        Mlp net = start;
        BlockJets[] scratch = LossDerivatives.scratch(data);
        for (int epoch = 0; epoch <= epochs; epoch++) {
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("recording interrupted at epoch " + epoch + " of " + epochs
                        + " (seed " + seed + ")");
            }
            LossDerivatives derivatives = LossDerivatives.compute(net, data, epoch < epochs, scratch);
            loss[epoch] = derivatives.loss();
            for (int q = 0; q < quantities.length; q++) {
                System.arraycopy(quantities[q].of(derivatives), 0, values[q], epoch * d, d);
            }
            if (epoch < epochs) {
                net = step(net, derivatives, w, b);
            }
        }
        return new Recording(seed, data.name(), data.inputs(), start, net, learningRate, loss, values);
    }

    /** One retraining per seed from {@code init.apply(seed)} (e.g. {@code s -> Mlp.xavier(s, 8, 16, 1)}). */
    public Retrainings retrain(LongFunction<Mlp> init, Dataset data, long[] seeds, Consumer<String> progress) {
        List<Recording> runs = new ArrayList<>();
        for (long seed : seeds) {
            long started = System.nanoTime();
            Recording run = record(init.apply(seed), data, seed);
            runs.add(run);
            progress.accept(String.format("%s, seed %d: loss %.4f → %.4f over %d epochs (%.0f ms)", data.name(), seed,
                    run.loss()[0], run.loss()[epochs], epochs, (System.nanoTime() - started) / 1e6));
        }
        return new Retrainings(runs);
    }

    /** w ← w − η ∇L, in place on w and b, returned as a network. */
    private Mlp step(Mlp net, LossDerivatives derivatives, double[][] w, double[][] b) {
        double[][] nw = new double[w.length][];
        double[][] nb = new double[b.length][];
        for (int l = 0; l < w.length; l++) {
            for (int t = 0; t < w[l].length; t++) {
                w[l][t] -= learningRate * derivatives.weightGradient[l][t];
            }
            for (int t = 0; t < b[l].length; t++) {
                b[l][t] -= learningRate * derivatives.biasGradient[l][t];
            }
            nw[l] = w[l].clone();
            nb[l] = b[l].clone();
        }
        return new Mlp(net.sizes(), nw, nb, net.hiddenActivation(), net.outputActivation());
    }
}
