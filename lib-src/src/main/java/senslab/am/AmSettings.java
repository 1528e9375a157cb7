package senslab.am;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import senslab.attribution.MethodSettings;
import senslab.image.ImageOperator;

/**
 * An activation-maximization recipe: what it climbs, for how many steps of which size, the penalties with their
 * weights, the transforms the network sees the image through, the regularizing operators and constraints, and the
 * seed of the stochastic transforms. The configuration of {@link ActivationMaximization} and what its change maps
 * record.
 */
public record AmSettings(Objective objective, int steps, double stepSize, List<Weighted> penalties,
        List<Transform> transforms, List<ImageOperator> regularizers, List<ImageOperator> constraints, long seed)
        implements MethodSettings {

    /** A penalty R with its weight ε: the step subtracts ε·∂R/∂x. */
    public record Weighted(Penalty penalty, double weight) {
        public Weighted {
            Objects.requireNonNull(penalty, "penalty");
        }
    }

    public AmSettings {
        Objects.requireNonNull(objective, "objective");
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        penalties = List.copyOf(penalties);
        transforms = List.copyOf(transforms);
        regularizers = List.copyOf(regularizers);
        constraints = List.copyOf(constraints);
    }

    /** Plain gradient ascent of {@code objective} (eq. 2): the paper's 300 steps of ε₁ = 0.1, seed 1. */
    static AmSettings plain(Objective objective) {
        return new AmSettings(objective, ActivationMaximization.PAPER_STEPS, ActivationMaximization.PAPER_STEP,
                List.of(), List.of(), List.of(), List.of(), 1);
    }

    public AmSettings withSteps(int count) {
        return new AmSettings(objective, count, stepSize, penalties, transforms, regularizers, constraints, seed);
    }

    public AmSettings withStepSize(double epsilon1) {
        return new AmSettings(objective, steps, epsilon1, penalties, transforms, regularizers, constraints, seed);
    }

    public AmSettings withPenalty(Penalty penalty, double weight) {
        return new AmSettings(objective, steps, stepSize, append(penalties, new Weighted(penalty, weight)), transforms,
                regularizers, constraints, seed);
    }

    public AmSettings withTransform(Transform transform) {
        return new AmSettings(objective, steps, stepSize, penalties, append(transforms, transform), regularizers,
                constraints, seed);
    }

    public AmSettings withRegularizer(ImageOperator operator) {
        return new AmSettings(objective, steps, stepSize, penalties, transforms, append(regularizers, operator),
                constraints, seed);
    }

    public AmSettings withConstraint(ImageOperator operator) {
        return new AmSettings(objective, steps, stepSize, penalties, transforms, regularizers,
                append(constraints, operator), seed);
    }

    public AmSettings withSeed(long value) {
        return new AmSettings(objective, steps, stepSize, penalties, transforms, regularizers, constraints, value);
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> longer = new ArrayList<>(list);
        longer.add(Objects.requireNonNull(item));
        return longer;
    }

    /** What the run climbed and for how many steps, e.g. "class logit [0, 1, 2], 300 steps". */
    @Override
    public String toString() {
        return objective.describe() + ", " + steps + " steps";
    }
}
