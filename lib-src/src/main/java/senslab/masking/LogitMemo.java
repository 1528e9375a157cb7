package senslab.masking;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import senslab.models.StagedNetwork;

/**
 * While a scope is open on a thread, the logits of every input the network has scored there for a class logit, so
 * that no input goes through the network twice: the metrics of an evaluation batch perturb the same image in the same
 * way for method after method (the ends of the deletion and insertion curves, the μ-fidelity subsets, the curves'
 * points where two maps agree on the top cells, the random-logit test's masked copies, completeness's f(x)). A
 * class logit is the one target kept, since the logits of an input answer it for every class.
 *
 * <p>An input is known by its network (by identity: a randomised copy is another network; a network whose weights
 * change inside a scope must be {@link #forget forgotten}) and the SHA-256 of its values. A scope keeps at most
 * {@value #MAX_VALUES} logits (64 MB); past that, inputs are scored without being kept.
 *
 * <pre>{@code
 * try (LogitMemo.Scope scope = LogitMemo.open()) {
 *     ... every TargetScores.of(...) for a class logit on this thread reads and fills the memo ...
 * }
 * }</pre>
 */
public final class LogitMemo {
    static final int MAX_VALUES = 16 << 20;
    private static final ThreadLocal<LogitMemo> OPEN = new ThreadLocal<>();

    private final Map<StagedNetwork, Map<Key, float[]>> logits = new IdentityHashMap<>();
    private final MessageDigest digest;
    private long values;

    private LogitMemo() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java SE must have", e);
        }
    }

    /** An open scope; closing the outermost one on the thread forgets everything kept in it. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** Opens a scope on this thread; inside one already open, the outer scope goes on (closing this does nothing). */
    public static Scope open() {
        if (OPEN.get() != null) {
            return () -> { };
        }
        OPEN.set(new LogitMemo());
        return OPEN::remove;
    }

    /**
     * Forgets what {@code net} scored in the scope open on this thread, if any: whoever changes a network's weights
     * inside a scope calls it (the cascade of model randomisation does, after each stage it randomises).
     */
    public static void forget(StagedNetwork net) {
        LogitMemo memo = OPEN.get();
        if (memo != null) {
            Map<Key, float[]> known = memo.logits.remove(net);
            if (known != null) {
                known.values().forEach(row -> memo.values -= row.length);
            }
        }
    }

    /** The memo of the scope open on this thread, if any. */
    static Optional<LogitMemo> current() {
        return Optional.ofNullable(OPEN.get());
    }

    /** The key of one input: the SHA-256 of {@code length} bytes of {@code bytes} from {@code offset}. */
    Key key(byte[] bytes, int offset, int length) {
        digest.update(bytes, offset, length);
        ByteBuffer hash = ByteBuffer.wrap(digest.digest());
        return new Key(hash.getLong(), hash.getLong(), hash.getLong(), hash.getLong());
    }

    /** The logits {@code net} gave the input of {@code key}, or null if it has not scored it in this scope. */
    float[] get(StagedNetwork net, Key key) {
        Map<Key, float[]> known = logits.get(net);
        return known == null ? null : known.get(key);
    }

    /** Keeps {@code net}'s logits of the input of {@code key}, unless the scope holds its most already. */
    void put(StagedNetwork net, Key key, float[] row) {
        if (values + row.length > MAX_VALUES) {
            return;
        }
        if (logits.computeIfAbsent(net, n -> new HashMap<>()).put(key, row) == null) {
            values += row.length;
        }
    }

    /** The 256 bits of an input's SHA-256. */
    record Key(long a, long b, long c, long d) {
    }
}
