package senslab.gradient;

/** How a {@link NoiseTunnel} combines the maps of the noisy copies of an image, element by element. */
public enum Aggregation {
    /** SmoothGrad (Smilkov et al. 2017): the mean map. */
    SMOOTHGRAD("SmoothGrad"),
    /** SmoothGrad² (Hooker et al. 2019): the mean of the squared maps. */
    SMOOTHGRAD_SQUARED("SmoothGrad²"),
    /** VarGrad (Adebayo et al. 2018): the variance of the maps (mean of squares − square of the mean). */
    VARGRAD("VarGrad");

    private final String label;

    Aggregation(String label) {
        this.label = label;
    }

    /** The value from the sum and the sum of squares of {@code count} maps' values. */
    double of(double sum, double sumOfSquares, int count) {
        double mean = sum / count;
        return switch (this) {
            case SMOOTHGRAD -> mean;
            case SMOOTHGRAD_SQUARED -> sumOfSquares / count;
            case VARGRAD -> Math.max(0, sumOfSquares / count - mean * mean);
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
