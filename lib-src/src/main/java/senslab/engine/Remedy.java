package senslab.engine;

import java.util.Locale;

/**
 * What is done about an engine that computes convolutions wrongly on this host (see {@link EngineCheck}).
 * Measured on a host that hides its cache topology (emulated here by {@code SENSLAB_CPU_CACHES=hide}), one
 * thread, CPU time per image: VGG-16 forward and backward at batch 64 25.9 ms as it is (wrong), 22.6 ms with
 * {@link #CACHE_TOPOLOGY}, 64.4 ms with {@link #ROUTE_CONVOLUTIONS}; ResNet-18 41.5, 38.7 and 78.8 ms; README,
 * "The engine check", has the whole table.
 */
public enum Remedy {
    /** Nothing: the engine is used as it is. */
    NONE("none", "none"),
    /**
     * oneDNN is shown a CPU cache topology by {@code libsenslab-cpucaches.so}, preloaded with
     * {@code SENSLAB_CPU_CACHES=present}: the sizes oneDNN itself guesses when a host hides them, so that it
     * takes its usual kernels instead of the fallback path that is wrong. Costs nothing; needs a host that lets
     * a process trap the CPUID instruction (every KVM guest does).
     */
    CACHE_TOPOLOGY("cache-topology", "CPU cache topology presented to oneDNN"),
    /**
     * PyTorch computes convolutions with its own kernels (im2col and MKL's matrix products) instead of oneDNN's,
     * as {@code torch.backends.mkldnn.enabled = False} does: right on every host tried, but convolutions take two
     * to three times as long. Chosen with {@code SENSLAB_ENGINE_REMEDY=route-convolutions} (or the system property
     * {@code senslab.engine.remedy}).
     */
    ROUTE_CONVOLUTIONS("route-convolutions", "convolutions routed round oneDNN");

    /** The environment variable that asks for a remedy by its {@link #id}. */
    public static final String VARIABLE = "SENSLAB_ENGINE_REMEDY";
    /** The system property that does the same, and wins over the variable. */
    public static final String PROPERTY = "senslab.engine.remedy";
    /** Set by {@code libsenslab-cpucaches.so} to what it did: presented, hidden or unavailable. */
    static final String CACHES_STATE = "SENSLAB_CPU_CACHES_STATE";

    private final String id;
    private final String description;

    Remedy(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** How the remedy is asked for: none, cache-topology, route-convolutions. */
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** The remedy this JVM's settings ask for, or null when they ask for none in particular. */
    public static Remedy requested() {
        String chosen = System.getProperty(PROPERTY, System.getenv(VARIABLE));
        if (chosen == null || chosen.isBlank()) {
            return null;
        }
        for (Remedy remedy : values()) {
            if (remedy.id.equals(chosen.trim().toLowerCase(Locale.ROOT))) {
                return remedy;
            }
        }
        throw new IllegalArgumentException(VARIABLE + "=" + chosen + " is not a remedy; use none, cache-topology or"
                + " route-convolutions");
    }

    /** The remedy in effect in this JVM, read from the engine and the preloaded library themselves. */
    static Remedy inEffect() {
        if (!LibTorch.mkldnnEnabled()) {
            return ROUTE_CONVOLUTIONS;
        }
        return "presented".equals(System.getenv(CACHES_STATE)) ? CACHE_TOPOLOGY : NONE;
    }
}
