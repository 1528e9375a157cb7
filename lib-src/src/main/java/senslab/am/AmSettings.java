package senslab.am;

/** What an activation-maximization run climbed, and for how many steps (the settings of its change maps). */
public record AmSettings(String objective, int steps) {

    @Override
    public String toString() {
        return objective + ", " + steps + " steps";
    }
}
