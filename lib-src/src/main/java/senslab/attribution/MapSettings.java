package senslab.attribution;

/**
 * What maps were made with. Sealed to two kinds: the typed record of the method that computed them
 * ({@link MethodSettings}: δ and difference, stage, grid and designs…, declared beside each method), or only a
 * {@link Described description}, for maps put together by hand or read back from storage.
 *
 * <p>(The method records cannot be listed here one by one: Java lets a sealed type outside a named module permit
 * only types of its own package, and each method's settings belong to the method's package, above this one.)
 */
public sealed interface MapSettings permits MethodSettings, MapSettings.Described {

    /** Maps known by a description only. */
    static MapSettings described(String description) {
        return new Described(description);
    }

    /** Settings that survive as text only. */
    record Described(String description) implements MapSettings {
        public Described {
            java.util.Objects.requireNonNull(description, "description");
        }

        @Override
        public String toString() {
            return description;
        }
    }
}
