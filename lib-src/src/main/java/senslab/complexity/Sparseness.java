package senslab.complexity;

import java.util.Arrays;
import senslab.metric.Better;

/**
 * Sparseness (Chalasani et al. 2020): the Gini index of |s| over the map's n values, G = Σᵢ (2i − n − 1)·aᵢ /
 * (n·Σ aᵢ) with a sorted ascending; 0 when every value is alike, 1 − 1/n when one value holds everything. Higher is
 * sparser, read as better (a map a person can read); a map of zeros scores 0.
 */
public final class Sparseness extends MapMeasure {

    @Override
    public String name() {
        return "sparseness (Gini)";
    }

    @Override
    public Better better() {
        return Better.HIGHER;
    }

    @Override
    double measure(double[] magnitudes) {
        double[] a = magnitudes.clone();
        Arrays.sort(a);
        int n = a.length;
        double weighted = 0;
        double total = 0;
        for (int i = 0; i < n; i++) {
            weighted += (2.0 * (i + 1) - n - 1) * a[i];
            total += a[i];
        }
        return total > 0 ? weighted / (n * total) : 0;
    }
}
