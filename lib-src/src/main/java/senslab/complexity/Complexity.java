package senslab.complexity;

import senslab.metric.Better;

/**
 * Complexity (Bhatt et al. 2020): the entropy −Σ pᵢ·ln pᵢ of the map's share of |s| per value, pᵢ = |sᵢ| / Σ|s|;
 * ln n for a uniform map, 0 when one value holds everything. Lower is better (fewer features explain the score);
 * a map of zeros, which explains nothing, scores ln n.
 */
public final class Complexity extends MapMeasure {

    @Override
    public String name() {
        return "complexity (entropy)";
    }

    @Override
    public Better better() {
        return Better.LOWER;
    }

    @Override
    double measure(double[] magnitudes) {
        double total = 0;
        for (double a : magnitudes) {
            total += a;
        }
        if (!(total > 0)) {
            return Math.log(magnitudes.length);
        }
        double entropy = 0;
        for (double a : magnitudes) {
            if (a > 0) {
                double p = a / total;
                entropy -= p * Math.log(p);
            }
        }
        return entropy;
    }
}
