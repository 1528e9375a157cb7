package senslab.engine;

import java.util.List;
import java.util.Locale;

/**
 * What the engine check found in this JVM.
 *
 * @param engine the engine and its version, e.g. {@code PyTorch 2.7.1}
 * @param device where it computes: {@code CPU}, or the GPU
 * @param instructions the instruction sets in use: ATen's dispatch and oneDNN's version (and its cap, if set)
 * @param threads the engine's intra-op threads
 * @param cacheTopology what oneDNN is told of the CPU's caches, and by whom
 * @param remedy the remedy in effect
 * @param cases operations checked
 * @param runs times each was run
 * @param failures the cases whose results are off (empty when all are right)
 * @param irreproducible cases whose results are right but differ in their last bits from run to run
 * @param seconds how long the check took: its cases on the engine and their references, not loading the engine
 */
public record EngineVerdict(String engine, String device, String instructions, int threads, String cacheTopology,
        Remedy remedy, int cases, int runs, List<String> failures, List<String> irreproducible, double seconds) {

    public EngineVerdict {
        failures = List.copyOf(failures);
        irreproducible = List.copyOf(irreproducible);
    }

    /** Whether every operation gave the right results on every run. */
    public boolean passed() {
        return failures.isEmpty();
    }

    /** The one line every notebook's banner prints. */
    public String line() {
        String where = String.format(Locale.ROOT, "%s on %s (%s, %d threads; CPU caches %s)", engine, device,
                instructions, threads, cacheTopology);
        if (!passed()) {
            return String.format(Locale.ROOT, "engine check: FAILED on %s: %s%s; EngineCheck.verdict().report() says"
                    + " what to do", where, failures.get(0),
                    failures.size() > 1 ? " (and " + (failures.size() - 1) + " more)" : "");
        }
        return String.format(Locale.ROOT, "engine check: %s: %d operations right against double-precision"
                + " references, %d runs each (%.2f s); remedy: %s%s", where, cases, runs, seconds,
                remedy.description(), irreproducible.isEmpty() ? ""
                        : "; " + irreproducible.size() + " with run-dependent last bits: " + irreproducible.get(0));
    }

    /** The line, every failing case, and what to do. */
    public String report() {
        StringBuilder text = new StringBuilder(line());
        failures.forEach(failure -> text.append("\n  ").append(failure));
        irreproducible.forEach(case_ -> text.append("\n  run-dependent last bits: ").append(case_));
        if (!passed()) {
            text.append('\n').append(advice());
        }
        return text.toString();
    }

    private String advice() {
        if (remedy == Remedy.ROUTE_CONVOLUTIONS) {
            return "The engine is wrong even with convolutions routed round oneDNN: no remedy is known for this host."
                    + " Please report the cases above, as `java -cp \"$(make -s classpath)\""
                    + " senslab.engine.EngineCheck` prints them.";
        }
        String route = "set " + Remedy.VARIABLE + "=route-convolutions (or -D" + Remedy.PROPERTY
                + "=route-convolutions): PyTorch then computes convolutions itself, right on every host tried, in two"
                + " to three times oneDNN's time.";
        if (cacheTopology.startsWith("hidden")) {
            return "This host hides its CPU cache topology, and oneDNN then computes some convolutions wrongly. Either"
                    + " start the JVM with LD_PRELOAD=<senslab>/environment/.build/libsenslab-cpucaches.so and"
                    + " SENSLAB_CPU_CACHES=present (`make setup` builds it, and `environment/jvm-env.sh` prints the"
                    + " settings the project's own JVMs use on this host): oneDNN is then told the cache sizes it would"
                    + " have guessed and computes right, at no cost; or " + route;
        }
        return "This is not the known failure (a host that hides its cache topology). To get right numbers, " + route
                + " Please also report the cases above.";
    }
}
