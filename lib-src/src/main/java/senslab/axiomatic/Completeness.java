package senslab.axiomatic;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.IntStream;
import senslab.attribution.AttributionMaps;
import senslab.attribution.Complete;
import senslab.masking.TargetScores;
import senslab.metric.Batch;
import senslab.metric.Better;
import senslab.metric.Method;
import senslab.metric.Metric;
import senslab.models.StagedNetwork;

/**
 * Completeness (Sundararajan et al. 2017; Quantus' "completeness"): the gap |Σ s − (f(x) − f(x̄))| between the sum
 * of a map's values and the change of the target's score from the baseline x̄ to the image; 0 for a method that
 * is complete. By default it applies to methods that claim completeness ({@link Complete}), against their own
 * baseline, and a method that does not claim it is reported as not applicable rather than as a bad score; with
 * {@link #against(float)} every method is held to one constant baseline (how far plain gradients are from it).
 */
public final class Completeness implements Metric {
    private final StagedNetwork net;
    private final Float baseline;

    private Completeness(StagedNetwork net, Float baseline) {
        this.net = Objects.requireNonNull(net, "net");
        this.baseline = baseline;
    }

    /** The gap of methods that claim completeness, against their own baselines. */
    public static Completeness of(StagedNetwork net) {
        return new Completeness(net, null);
    }

    /** The gap of every method against the constant baseline {@code value} (in the network's input units). */
    public Completeness against(float value) {
        return new Completeness(net, value);
    }

    @Override
    public String name() {
        return baseline == null ? "completeness gap" : "completeness gap (baseline " + baseline + ")";
    }

    @Override
    public String family() {
        return "axiomatic";
    }

    @Override
    public Better better() {
        return Better.LOWER;
    }

    @Override
    public boolean appliesTo(Method method) {
        return baseline != null || method.attribution() instanceof Complete;
    }

    @Override
    public double[] score(Method method, AttributionMaps maps, Batch batch) {
        int n = batch.images();
        float[] pixels = batch.inputs().toFloatArray();
        float[] reference = new float[pixels.length];
        if (baseline != null) {
            Arrays.fill(reference, baseline);
        } else {
            try (NDArray own = ((Complete) method.attribution()).baseline(batch.inputs())) {
                if (!own.getShape().equals(batch.inputs().getShape())) {
                    throw new IllegalStateException(method.name() + " gave a baseline of shape " + own.getShape()
                            + " for inputs of shape " + batch.inputs().getShape());
                }
                reference = own.toType(DataType.FLOAT32, false).toFloatArray();
            }
        }
        float[] both = new float[2 * pixels.length];
        System.arraycopy(pixels, 0, both, 0, pixels.length);
        System.arraycopy(reference, 0, both, pixels.length, pixels.length);
        Shape one = batch.inputs().getShape().slice(1);
        int[] rows = IntStream.range(0, 2 * n).map(r -> r % n).toArray();
        double[] f = TargetScores.of(net, batch.target(), both, one, rows)[0];
        String label = maps.labels().get(0);
        double[] gaps = new double[n];
        for (int image = 0; image < n; image++) {
            double sum = 0;
            for (float s : maps.values(image, label)) {
                sum += s;
            }
            gaps[image] = Math.abs(sum - (f[image] - f[n + image]));
        }
        return gaps;
    }
}
