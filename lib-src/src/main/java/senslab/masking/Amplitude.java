package senslab.masking;

import ai.djl.ndarray.NDArray;

/**
 * Shifts every pixel's intensity by its mask value: x̃ = x + σ·(m − 0.5), from −σ/2 (m = 0) to +σ/2 (m = 1).
 * (Xplique documents this formula; its code multiplies, x·(m − 0.5)·σ, which flips signs: we keep the formula.)
 *
 * @param sigma the size of the shift, in the network's input units
 */
public record Amplitude(double sigma) implements Perturbation {

    public Amplitude {
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("amplitude sigma must be finite and > 0, got " + sigma);
        }
    }

    @Override
    public NDArray apply(NDArray image, NDArray masks) {
        return masks.sub(0.5f).mul((float) sigma).add(image);
    }

    @Override
    public String toString() {
        return "amplitude (σ = " + sigma + ")";
    }
}
