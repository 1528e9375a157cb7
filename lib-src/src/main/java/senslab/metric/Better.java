package senslab.metric;

/**
 * Which values of a metric mean better maps: higher (insertion AUC, pointing game), lower (deletion AUC, infidelity),
 * or nearer 0 for a correlation whose ideal is none (model randomisation: a map turned into its negative, ρ near −1,
 * depends on the learned weights no less than one left as it was).
 */
public enum Better {
    HIGHER("higher"),
    LOWER("lower"),
    NEARER_ZERO("nearer 0");

    private final String words;

    Better(String words) {
        this.words = words;
    }

    /** A value that is larger the better {@code value} is, for ranking. */
    public double merit(double value) {
        return switch (this) {
            case HIGHER -> value;
            case LOWER -> -value;
            case NEARER_ZERO -> -Math.abs(value);
        };
    }

    /** The worst merit of a value in [{@code low}, {@code high}] (an interval's pessimistic end). */
    public double worstMerit(double low, double high) {
        return Math.min(merit(low), merit(high));
    }

    /** The best merit of a value in [{@code low}, {@code high}]: 0 nearer 0 when the interval holds 0. */
    public double bestMerit(double low, double high) {
        return this == NEARER_ZERO && low <= 0 && high >= 0 ? 0 : Math.max(merit(low), merit(high));
    }

    /** The direction a table's "better" column names. */
    public static Better named(String words) {
        for (Better better : values()) {
            if (better.words.equals(words)) {
                return better;
            }
        }
        throw new IllegalArgumentException("no direction named '" + words + "'; expected higher, lower or nearer 0");
    }

    /** How tables say it: "higher", "lower", "nearer 0". */
    @Override
    public String toString() {
        return words;
    }
}
