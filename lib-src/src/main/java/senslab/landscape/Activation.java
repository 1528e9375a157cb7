package senslab.landscape;

import java.util.Locale;

/**
 * A unit's activation with its first three derivatives, all the loss-landscape derivatives need (the third
 * derivative of the loss reaches the third derivative of every activation). Values come from
 * {@link StrictMath}, so they are the same on every CPU.
 */
public enum Activation {
    /** tanh z; derivatives 1 − t², −2t(1 − t²), (1 − t²)(6t² − 2). */
    TANH {
        @Override
        void derivatives(double z, double[][] d, int at) {
            double t = StrictMath.tanh(z);
            double s = 1 - t * t;
            d[0][at] = t;
            d[1][at] = s;
            d[2][at] = -2 * t * s;
            d[3][at] = s * (6 * t * t - 2);
        }
    },
    /** 1 / (1 + e^−z); derivatives p(1 − p), p(1 − p)(1 − 2p), p(1 − p)(1 − 6p + 6p²). */
    SIGMOID {
        @Override
        void derivatives(double z, double[][] d, int at) {
            double p = 1 / (1 + StrictMath.exp(-z));
            double s = p * (1 - p);
            d[0][at] = p;
            d[1][at] = s;
            d[2][at] = s * (1 - 2 * p);
            d[3][at] = s * (1 - 6 * p + 6 * p * p);
        }
    },
    /** z itself: derivatives 1, 0, 0. */
    IDENTITY {
        @Override
        void derivatives(double z, double[][] d, int at) {
            d[0][at] = z;
            d[1][at] = 1;
            d[2][at] = 0;
            d[3][at] = 0;
        }
    };

    /** Writes σ(z), σ'(z), σ''(z), σ'''(z) into {@code d[0][at]} … {@code d[3][at]}. */
    abstract void derivatives(double z, double[][] d, int at);

    /**
     * The activation of this name ({@code tanh}, {@code sigmoid}, {@code identity}/{@code linear}); ReLU and
     * its kin are refused by name, since their second and third derivatives do not exist at 0 and vanish
     * elsewhere.
     */
    public static Activation named(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        return switch (key) {
            case "tanh" -> TANH;
            case "sigmoid", "logistic" -> SIGMOID;
            case "identity", "linear", "none" -> IDENTITY;
            case "relu", "relu6", "leaky_relu", "leakyrelu", "elu", "selu", "hardtanh", "hard_tanh", "prelu" ->
                    throw new IllegalArgumentException("activation '" + name + "' has no third derivative (it is "
                            + "piecewise linear or has a kink at 0), so the loss has no G2 or G3 there; "
                            + "use tanh, sigmoid or identity");
            default -> throw new IllegalArgumentException("unknown activation '" + name
                    + "'; use tanh, sigmoid or identity");
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
