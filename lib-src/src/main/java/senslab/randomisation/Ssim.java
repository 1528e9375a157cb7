package senslab.randomisation;

/**
 * The structural similarity of two maps (Wang et al. 2004), as scikit-image computes it by default: both maps
 * scaled to [0, 1] (min–max; a constant map becomes 0), a uniform 7 × 7 window (smaller for smaller maps: the
 * largest odd size that fits), local means, sample variances and covariance (n − 1), C₁ = (0.01·L)², C₂ = (0.03·L)²
 * with L = 1, and the mean of the local index over every window that lies inside the maps. 1 for identical maps.
 */
public final class Ssim {
    private static final int WINDOW = 7;
    private static final double C1 = 0.01 * 0.01;
    private static final double C2 = 0.03 * 0.03;

    private Ssim() {
    }

    /** SSIM of two maps of {@code height × width} values each, row by row. */
    public static double of(float[] a, float[] b, int height, int width) {
        if (a.length != height * width || b.length != height * width) {
            throw new IllegalArgumentException("SSIM needs two maps of " + height + "×" + width + " values, got "
                    + a.length + " and " + b.length);
        }
        int window = Math.min(WINDOW, Math.min(height, width));
        window -= window % 2 == 0 ? 1 : 0;
        if (window < 2) {
            throw new IllegalArgumentException("SSIM needs maps of at least 3×3 values, got " + height + "×" + width);
        }
        double[] x = scaled(a);
        double[] y = scaled(b);
        int count = window * window;
        double sum = 0;
        int windows = 0;
        for (int top = 0; top + window <= height; top++) {
            for (int left = 0; left + window <= width; left++) {
                double mx = 0;
                double my = 0;
                for (int h = top; h < top + window; h++) {
                    for (int w = left; w < left + window; w++) {
                        mx += x[h * width + w];
                        my += y[h * width + w];
                    }
                }
                mx /= count;
                my /= count;
                double vx = 0;
                double vy = 0;
                double cxy = 0;
                for (int h = top; h < top + window; h++) {
                    for (int w = left; w < left + window; w++) {
                        double dx = x[h * width + w] - mx;
                        double dy = y[h * width + w] - my;
                        vx += dx * dx;
                        vy += dy * dy;
                        cxy += dx * dy;
                    }
                }
                vx /= count - 1;
                vy /= count - 1;
                cxy /= count - 1;
                sum += (2 * mx * my + C1) * (2 * cxy + C2) / ((mx * mx + my * my + C1) * (vx + vy + C2));
                windows++;
            }
        }
        return sum / windows;
    }

    private static double[] scaled(float[] map) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float v : map) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double[] out = new double[map.length];
        for (int k = 0; k < map.length; k++) {
            out[k] = max > min ? (map[k] - min) / (max - min) : 0;
        }
        return out;
    }
}
