package senslab.gradient;

import java.util.Objects;
import senslab.attribution.MethodSettings;

/**
 * What Integrated Gradients maps are made with: the baseline, the number of points on the path and the rule that
 * places and weighs them.
 */
public record IntegratedGradientsSettings(Baseline baseline, int steps, PathRule rule) implements MethodSettings {
    /** Zero baseline, 32 Gauss–Legendre points. */
    public static final IntegratedGradientsSettings DEFAULTS =
            new IntegratedGradientsSettings(Baseline.zeros(), 32, PathRule.GAUSS_LEGENDRE);

    public IntegratedGradientsSettings {
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(rule, "rule");
        rule.nodes(steps);
    }

    public IntegratedGradientsSettings withBaseline(Baseline value) {
        return new IntegratedGradientsSettings(value, steps, rule);
    }

    public IntegratedGradientsSettings withSteps(int value) {
        return new IntegratedGradientsSettings(baseline, value, rule);
    }

    public IntegratedGradientsSettings withRule(PathRule value) {
        return new IntegratedGradientsSettings(baseline, steps, value);
    }

    @Override
    public String toString() {
        return "baseline " + baseline + ", " + steps + " steps, " + rule.name().toLowerCase().replace('_', ' ');
    }
}
