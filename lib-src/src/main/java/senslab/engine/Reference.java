package senslab.engine;

/**
 * The operations the engine check runs, computed in double precision straight from their definitions, with
 * the gradients of L = Σ y·g (g: a given upstream gradient) that a backward pass computes. Tensors are flat,
 * row-major, images NCHW, convolution weights (out, in, kh, kw). Each method returns {y, ∂L/∂ first input, …}
 * in the order of the inputs that have a gradient.
 */
final class Reference {
    static final double BATCH_NORM_EPSILON = 1e-5;

    private Reference() {
    }

    /** A 2-D convolution's geometry: square images of {@code size} pixels, square kernels, no dilation or groups. */
    record Convolution(int batch, int in, int out, int size, int kernel, int stride, int padding) {
        int outSize() {
            return (size + 2 * padding - kernel) / stride + 1;
        }
    }

    /** y = conv(x, w) + b: {y, ∂/∂x (backward-data), ∂/∂w (backward-weights), ∂/∂b}. */
    static double[][] convolution(Convolution c, float[] x, float[] w, float[] b, float[] g) {
        int o = c.outSize();
        int size = c.size();
        double[] y = new double[c.batch() * c.out() * o * o];
        double[] dx = new double[x.length];
        double[] dw = new double[w.length];
        double[] db = new double[c.out()];
        for (int n = 0; n < c.batch(); n++) {
            for (int f = 0; f < c.out(); f++) {
                int plane = (n * c.out() + f) * o * o;
                for (int at = plane; at < plane + o * o; at++) {
                    y[at] = b[f];
                    db[f] += g[at];
                }
                // one weight at a time over every output position it touches: inner loops run along rows, over
                // the positions whose input pixel lies inside the image (the rest read the zero padding)
                for (int ch = 0; ch < c.in(); ch++) {
                    int image = (n * c.in() + ch) * size * size;
                    for (int a = 0; a < c.kernel(); a++) {
                        int rowOffset = a - c.padding();
                        int firstRow = firstInside(rowOffset, c.stride());
                        int endRow = endInside(rowOffset, c.stride(), size, o);
                        for (int d = 0; d < c.kernel(); d++) {
                            int columnOffset = d - c.padding();
                            int firstColumn = firstInside(columnOffset, c.stride());
                            int endColumn = endInside(columnOffset, c.stride(), size, o);
                            int wi = ((f * c.in() + ch) * c.kernel() + a) * c.kernel() + d;
                            double weight = w[wi];
                            double weightGradient = 0;
                            for (int i = firstRow; i < endRow; i++) {
                                int rowStart = image + (i * c.stride() + rowOffset) * size + columnOffset;
                                int outRow = plane + i * o;
                                for (int j = firstColumn; j < endColumn; j++) {
                                    int xi = rowStart + j * c.stride();
                                    int at = outRow + j;
                                    y[at] += x[xi] * weight;
                                    dx[xi] += g[at] * weight;
                                    weightGradient += (double) g[at] * x[xi];
                                }
                            }
                            dw[wi] += weightGradient;
                        }
                    }
                }
            }
        }
        return new double[][] {y, dx, dw, db};
    }

    /** The first output position i whose input i·stride + offset is not before the image. */
    private static int firstInside(int offset, int stride) {
        return offset >= 0 ? 0 : (stride - 1 - offset) / stride;
    }

    /** One past the last output position (of {@code outputs}) whose input i·stride + offset is inside the image. */
    private static int endInside(int offset, int stride, int size, int outputs) {
        return Math.min(outputs, (size - 1 - offset) / stride + 1);
    }

    /** y = x·wᵀ + b for x (batch, in), w (out, in): {y, ∂/∂x, ∂/∂w, ∂/∂b}. */
    static double[][] linear(int batch, int in, int out, float[] x, float[] w, float[] b, float[] g) {
        double[] y = new double[batch * out];
        double[] dx = new double[x.length];
        double[] dw = new double[w.length];
        double[] db = new double[out];
        for (int n = 0; n < batch; n++) {
            for (int f = 0; f < out; f++) {
                double sum = b[f];
                double gradient = g[n * out + f];
                for (int k = 0; k < in; k++) {
                    sum += (double) x[n * in + k] * w[f * in + k];
                    dx[n * in + k] += gradient * w[f * in + k];
                    dw[f * in + k] += gradient * x[n * in + k];
                }
                y[n * out + f] = sum;
                db[f] += gradient;
            }
        }
        return new double[][] {y, dx, dw, db};
    }

    /** 2 × 2 pooling with stride 2 of (planes, size, size) images, the maximum or the mean: {y, ∂/∂x}. */
    static double[][] pool2(int planes, int size, boolean maximum, float[] x, float[] g) {
        int half = size / 2;
        double[] y = new double[planes * half * half];
        double[] dx = new double[x.length];
        for (int p = 0; p < planes; p++) {
            for (int i = 0; i < half; i++) {
                for (int j = 0; j < half; j++) {
                    int at = (p * half + i) * half + j;
                    int best = -1;
                    double sum = 0;
                    for (int a = 0; a < 2; a++) {
                        for (int d = 0; d < 2; d++) {
                            int xi = (p * size + 2 * i + a) * size + 2 * j + d;
                            sum += x[xi];
                            if (best < 0 || x[xi] > x[best]) {
                                best = xi;
                            }
                        }
                    }
                    if (maximum) {
                        y[at] = x[best];
                        dx[best] += g[at];
                    } else {
                        y[at] = sum / 4;
                        for (int a = 0; a < 2; a++) {
                            for (int d = 0; d < 2; d++) {
                                dx[(p * size + 2 * i + a) * size + 2 * j + d] += g[at] / 4.0;
                            }
                        }
                    }
                }
            }
        }
        return new double[][] {y, dx};
    }

    /**
     * Batch normalization of (batch, channels, plane) data per channel, y = γ·x̂ + β: in training mode x̂ uses the
     * batch's mean and biased variance (and the gradient flows through them), in inference mode the given
     * running statistics. {y, ∂/∂x, ∂/∂γ, ∂/∂β}.
     */
    static double[][] batchNorm(int batch, int channels, int plane, boolean training, float[] x, float[] gamma,
            float[] beta, float[] runningMean, float[] runningVariance, float[] g) {
        double[] y = new double[x.length];
        double[] dx = new double[x.length];
        double[] dGamma = new double[channels];
        double[] dBeta = new double[channels];
        int count = batch * plane;
        for (int c = 0; c < channels; c++) {
            double mean = runningMean[c];
            double variance = runningVariance[c];
            if (training) {
                mean = 0;
                for (int n = 0; n < batch; n++) {
                    for (int k = 0; k < plane; k++) {
                        mean += x[(n * channels + c) * plane + k];
                    }
                }
                mean /= count;
                variance = 0;
                for (int n = 0; n < batch; n++) {
                    for (int k = 0; k < plane; k++) {
                        double centred = x[(n * channels + c) * plane + k] - mean;
                        variance += centred * centred;
                    }
                }
                variance /= count;
            }
            double scale = 1 / Math.sqrt(variance + BATCH_NORM_EPSILON);
            double meanG = 0;
            double meanGxHat = 0;
            for (int n = 0; n < batch; n++) {
                for (int k = 0; k < plane; k++) {
                    int at = (n * channels + c) * plane + k;
                    double xHat = (x[at] - mean) * scale;
                    y[at] = gamma[c] * xHat + beta[c];
                    dGamma[c] += g[at] * xHat;
                    dBeta[c] += g[at];
                    meanG += g[at];
                    meanGxHat += g[at] * xHat;
                }
            }
            meanG /= count;
            meanGxHat /= count;
            for (int n = 0; n < batch; n++) {
                for (int k = 0; k < plane; k++) {
                    int at = (n * channels + c) * plane + k;
                    double xHat = (x[at] - mean) * scale;
                    dx[at] = gamma[c] * scale * (training ? g[at] - meanG - xHat * meanGxHat : g[at]);
                }
            }
        }
        return new double[][] {y, dx, dGamma, dBeta};
    }

    /** y = max(x, 0): {y, ∂/∂x}. */
    static double[][] relu(float[] x, float[] g) {
        double[] y = new double[x.length];
        double[] dx = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.max(x[i], 0);
            dx[i] = x[i] > 0 ? g[i] : 0;
        }
        return new double[][] {y, dx};
    }

    /** y = tanh x: {y, ∂/∂x}. */
    static double[][] tanh(float[] x, float[] g) {
        double[] y = new double[x.length];
        double[] dx = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.tanh(x[i]);
            dx[i] = g[i] * (1 - y[i] * y[i]);
        }
        return new double[][] {y, dx};
    }
}
