package senslab.landscape;

/**
 * The per-input numbers read from the first-layer loss derivatives: for input j, the signed sum over hidden
 * units Σ_i M[i][j] ({@code S…}) or the size Σ_i |M[i][j]| ({@code A…}) of one derivative matrix M: the pure
 * partials G1, G2, G3 or the nested N2, N3.
 */
public enum Quantity {
    S1(Derivative.G1, false), S2(Derivative.G2, false), S3(Derivative.G3, false),
    A1(Derivative.G1, true), A2(Derivative.G2, true), A3(Derivative.G3, true),
    SN2(Derivative.N2, false), SN3(Derivative.N3, false),
    AN2(Derivative.N2, true), AN3(Derivative.N3, true);

    /** The first-layer derivative matrices, hidden unit × input. */
    public enum Derivative {
        /** ∂L/∂W1[i][j]. */
        G1(1),
        /** ∂²L/∂W1[i][j]². */
        G2(2),
        /** ∂³L/∂W1[i][j]³. */
        G3(3),
        /** ∂/∂W1[i][j] Σ_ab G1[a][b] (PyTorch's grad(grad(L).sum())). */
        N2(2),
        /** ∂/∂W1[i][j] Σ_ab N2[a][b]. */
        N3(3);

        private final int order;

        Derivative(int order) {
            this.order = order;
        }

        /** The order of differentiation, 1 to 3. */
        public int order() {
            return order;
        }
    }

    private final Derivative derivative;
    private final boolean size;

    Quantity(Derivative derivative, boolean size) {
        this.derivative = derivative;
        this.size = size;
    }

    public Derivative derivative() {
        return derivative;
    }

    public int order() {
        return derivative.order();
    }

    /** True for the sizes Σ|…|, false for the signed sums. */
    public boolean isSize() {
        return size;
    }

    /** This quantity for each input. */
    public double[] of(LossDerivatives d) {
        double[][] m = d.matrix(derivative);
        double[] out = new double[m[0].length];
        for (double[] unit : m) {
            for (int j = 0; j < out.length; j++) {
                out[j] += size ? Math.abs(unit[j]) : unit[j];
            }
        }
        return out;
    }
}
