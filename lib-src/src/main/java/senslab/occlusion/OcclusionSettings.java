package senslab.occlusion;

import java.io.Serializable;
import senslab.attribution.MethodSettings;

/**
 * What occlusion maps are made with: the side of the square window in pixels, the stride between windows, and
 * the value the window's pixels take (in the network's input space: 0 is the mean image once normalized).
 */
public record OcclusionSettings(int window, int stride, float baseline) implements MethodSettings, Serializable {
    /** 4 × 4 windows every 2 pixels, set to 0. */
    public static final OcclusionSettings DEFAULTS = new OcclusionSettings(4, 2, 0f);

    public OcclusionSettings {
        if (window < 1 || stride < 1) {
            throw new IllegalArgumentException("occlusion needs a window and a stride of at least 1 pixel, got window "
                    + window + ", stride " + stride);
        }
        if (!Float.isFinite(baseline)) {
            throw new IllegalArgumentException("the occlusion baseline must be finite, got " + baseline);
        }
    }

    public OcclusionSettings withWindow(int value) {
        return new OcclusionSettings(value, stride, baseline);
    }

    public OcclusionSettings withStride(int value) {
        return new OcclusionSettings(window, value, baseline);
    }

    public OcclusionSettings withBaseline(float value) {
        return new OcclusionSettings(window, stride, value);
    }

    @Override
    public String toString() {
        return "window " + window + "×" + window + ", stride " + stride + ", baseline " + baseline;
    }
}
