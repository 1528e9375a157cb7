package senslab.spark;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * Spark sessions for senslab's jobs. The default is Spark embedded in this JVM ({@value #DEFAULT_MASTER}: one
 * task per core, nothing to install); {@value #MASTER_VARIABLE} (or {@link #session(String)}) names a real
 * cluster instead, e.g. {@code spark://host:7077}, {@code yarn} or {@code k8s://…}.
 *
 * <p>A driver whose executors are on this machine (local mode, or a master on the loopback address) listens on
 * 127.0.0.1 only. The JVM needs Spark's {@code --add-opens} options on JDK 17+
 * ({@code environment/spark-java.options}; the kernelspec and the Makefile pass them).
 */
public final class Spark {
    /** Names the master URL of a cluster to run on. */
    public static final String MASTER_VARIABLE = "SENSLAB_SPARK_MASTER";
    /** Spark inside this JVM, one task per core. */
    public static final String DEFAULT_MASTER = "local[*]";

    /**
     * The loggers whose start-up warnings say nothing to a reader of a local run: that the host name resolves to a
     * loopback address (the driver binds to 127.0.0.1 anyway) and that Hadoop's native library is missing (its
     * Java code does the same work). Their level is set to errors unless the JVM already sets one.
     */
    static final List<String> START_UP_LOGGERS = List.of("org.apache.spark.util.Utils",
            "org.apache.hadoop.util.NativeCodeLoader");

    private Spark() {
    }

    /** The master in force: {@value #MASTER_VARIABLE} if set, else {@value #DEFAULT_MASTER}. */
    public static String master() {
        String master = System.getenv(MASTER_VARIABLE);
        return master == null || master.isBlank() ? DEFAULT_MASTER : master.trim();
    }

    /** A session on {@link #master()} (the running one if there is one). */
    public static SparkSession session() {
        return session(master());
    }

    /** A session on {@code master} (the running one if there is one). */
    public static SparkSession session(String master) {
        return builder(master).getOrCreate();
    }

    /**
     * A session builder with senslab's defaults, to add settings of your own ({@code .config(key, value)}):
     * the web UI off (turn it on with {@code spark.ui.enabled=true}), and a loopback driver for a local master.
     * In local mode Spark's and Hadoop's start-up warnings are kept quiet too (see {@link #START_UP_LOGGERS}).
     */
    public static SparkSession.Builder builder(String master) {
        if (master.toLowerCase(Locale.ROOT).startsWith("local")) {
            quietStartUp();
        }
        SparkSession.Builder builder = SparkSession.builder().master(master).appName("senslab")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "8");
        if (onThisMachine(master)) {
            builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        }
        return builder;
    }

    /** slf4j-simple (the library's logger) reads a logger's level when the logger is made: before Spark starts. */
    private static void quietStartUp() {
        for (String logger : START_UP_LOGGERS) {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "error");
            }
        }
    }

    private static boolean onThisMachine(String master) {
        String m = master.toLowerCase(Locale.ROOT);
        if (m.startsWith("local")) {
            return true;
        }
        if (!m.startsWith("spark://")) {
            return false;
        }
        String host = URI.create(m).getHost();
        return "127.0.0.1".equals(host) || "localhost".equals(host);
    }
}
