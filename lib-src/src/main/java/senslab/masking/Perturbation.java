package senslab.masking;

import ai.djl.ndarray.NDArray;
import senslab.image.GaussianBlur;

/**
 * How a mask value m ∈ [0, 1] per pixel perturbs an image (Fel et al. 2021, section 3.2). Small operators that
 * compose: {@link Inpainting} moves pixels towards a baseline given by any image operator (a constant, a blurred
 * copy, …), leaving them as they are where m = 1 and replacing them by the baseline where m = 0 (what the
 * faithfulness metrics need to remove or reveal cells); {@link Amplitude} shifts their intensity. Images are
 * what the network sees (normalized).
 */
public interface Perturbation {

    /**
     * The perturbed copies of {@code image} ({@code [1, C, H, W]}), one per mask of {@code masks}
     * ({@code [rows, 1, H, W]}, values in [0, 1]): {@code [rows, C, H, W]}.
     */
    NDArray apply(NDArray image, NDArray masks);

    /** Inpainting to 0, Xplique's default: x·m, i.e. towards the mean image (grey) once normalized. */
    static Inpainting inpainting() {
        return Inpainting.toValue(0f);
    }

    /** Inpainting to a constant of the network's input space: x·m + (1 − m)·value. */
    static Inpainting inpainting(float value) {
        return Inpainting.toValue(value);
    }

    /** Blurring: x·m + (1 − m)·blur(x), a Gaussian blur of {@code sigma} pixels as the baseline. */
    static Inpainting blurring(double sigma) {
        return new Inpainting(new GaussianBlur(sigma), "blurring (Gaussian, σ = " + sigma + " px)");
    }

    /** Amplitude: x + σ·(m − 0.5), the cell's intensity shifted by up to ±σ/2. */
    static Amplitude amplitude(double sigma) {
        return new Amplitude(sigma);
    }
}
