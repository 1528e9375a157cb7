package senslab.attribution;

/**
 * The settings record of a method that makes maps (its values, printable by {@code toString}, e.g.
 * "grid 8×8, 32 designs …"): every method declares one beside itself and its maps carry it.
 */
public non-sealed interface MethodSettings extends MapSettings {
}
