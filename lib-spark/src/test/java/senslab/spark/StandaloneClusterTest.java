package senslab.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.ExecutorLostFailure;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import senslab.data.ImageSet;
import senslab.sobol.Ishigami;
import senslab.sobol.SaltelliSample;
import senslab.sobol.Sobol;

/**
 * A real Spark standalone cluster on 127.0.0.1: a master and two workers (one core each), each a JVM of its
 * own started from the Spark jars, whose executors run the library from this build's class path.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("slow") // starts a Spark cluster: not in make check
class StandaloneClusterTest {
    @TempDir
    static Path dir;
    private static Process master;
    private static final List<Process> WORKERS = new ArrayList<>();
    private static SparkSession spark;

    @BeforeAll
    static void startCluster() throws Exception {
        List<String> classPath = List.of(System.getProperty("java.class.path").split(File.pathSeparator));
        // a Spark home whose jars/ are the jars of this class path: what a worker puts on its executors
        Path home = Files.createDirectories(dir.resolve("spark-home/jars"));
        for (String entry : classPath) {
            Path jar = Path.of(entry);
            if (entry.endsWith(".jar") && !Files.exists(home.resolve(jar.getFileName()))) {
                Files.createSymbolicLink(home.resolve(jar.getFileName()), jar.toAbsolutePath());
            }
        }
        int port = freePort();
        master = launch("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                Integer.toString(port), "--webui-port", Integer.toString(freePort()));
        String url = "spark://127.0.0.1:" + port;
        for (int w = 1; w <= 2; w++) {
            WORKERS.add(launch("worker" + w, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                    "--cores", "1", "--memory", "1g", "--webui-port", Integer.toString(freePort()),
                    "--work-dir", Files.createDirectories(dir.resolve("work" + w)).toString(), url));
        }
        String directories =
                String.join(File.pathSeparator, classPath.stream().filter(e -> !e.endsWith(".jar")).toList());
        spark = Spark.builder(url)
                .config("spark.executor.memory", "768m")
                .config("spark.executor.extraClassPath", directories) // this build's classes; the jars are in jars/
                .config("spark.executor.extraJavaOptions",
                        "-Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
                .getOrCreate();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (spark.sparkContext().getExecutorMemoryStatus().size() < 3) { // the driver and two executors
            if (System.nanoTime() > deadline || !master.isAlive()) {
                throw new IllegalStateException("the cluster did not start two executors; see the logs in " + dir);
            }
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stopCluster() {
        if (spark != null) {
            spark.stop();
        }
        WORKERS.forEach(StandaloneClusterTest::kill);
        if (master != null) {
            kill(master);
        }
    }

    @Test
    @Order(1)
    void mapsSobolOutputsAndEvaluationsOnTheClusterEqualTheDirectOnes() {
        NetworkSource source = TestNets.saved(dir.resolve("small.params"), 11);
        ImageSet images = TestNets.images(6, 5);
        MapMethod method = MapMethod.finiteDifferences().authorsDelta(2);
        MapResults results = SparkSensitivity.of(spark, source, method).imagesPerPartition(2)
                .output(dir.resolve("out")).run(images);
        SparkSensitivityTest.assertSameMaps(SparkSensitivityTest.direct(source, method, images), results.maps());

        Ishigami ishigami = new Ishigami(7, 0.1);
        SaltelliSample sample = Sobol.of(ishigami.problem()).samples(32_768).sample();
        ModelSource model = () -> new ModelSource.Loaded(new Ishigami(7, 0.1).model(), () -> { });
        assertArrayEquals(sample.evaluate(ishigami.model()), SparkSobol.of(spark, model).evaluate(sample), 0);

        // notebook 09's recipe rebuilt in the executors' own JVMs, true masks included
        EvaluationRecipe recipe = new SparkEvaluationTest.Batched(
                SparkEvaluationTest.trust("block2", SparkEvaluationTest.squares(5, 3)), 2);
        SparkEvaluationTest.assertSameScores(SparkEvaluationTest.direct(source, recipe, images.first(5)),
                SparkEvaluation.of(spark, source, recipe).batchesPerPartition(1).output(dir.resolve("out"))
                        .run(images.first(5)));
    }

    @Test
    @Order(2)
    void aWorkerKilledMidJobIsRetriedWithoutLosingOrDuplicatingResults() {
        NetworkSource source = TestNets.saved(dir.resolve("killed.params"), 12);
        ImageSet images = TestNets.images(24, 6);
        MapMethod method = MapMethod.finiteDifferences().cell(1);
        Process victim = WORKERS.get(0);
        AtomicBoolean killed = new AtomicBoolean();
        AtomicInteger lost = new AtomicInteger();
        SparkListener killer = new SparkListener() {
            @Override
            public void onTaskStart(SparkListenerTaskStart start) {
                // the first task that starts on the victim's executor: the worker and its executor die with it running
                if (!killed.get() && runsExecutor(victim, start.taskInfo().executorId())) {
                    killed.set(true);
                    kill(victim);
                }
            }

            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (end.reason() instanceof ExecutorLostFailure) {
                    lost.incrementAndGet();
                }
            }
        };
        spark.sparkContext().addSparkListener(killer);
        MapResults results;
        try {
            results = SparkSensitivity.of(spark, source, method).imagesPerPartition(4).output(dir.resolve("out"))
                    .run(images);
        } finally {
            spark.sparkContext().removeSparkListener(killer);
        }
        assertTrue(killed.get(), "a task ran on the first worker");
        assertTrue(lost.get() >= 1, "the killed worker's running task was lost");
        List<Row> rows = results.rows().select("image", "stage", "channel").collectAsList();
        assertEquals(24 * 3 * 3, rows.size(), "one row per image, stage and channel: none lost, none twice");
        assertEquals(rows.size(), rows.stream().map(Row::toString).distinct().count());
        SparkSensitivityTest.assertSameMaps(SparkSensitivityTest.direct(source, method, images), results.maps());
    }

    private static boolean runsExecutor(Process worker, String executorId) {
        return worker.descendants().anyMatch(p -> {
            List<String> args = List.of(p.info().arguments().orElse(new String[0]));
            int at = args.indexOf("--executor-id");
            return at >= 0 && at + 1 < args.size() && args.get(at + 1).equals(executorId);
        });
    }

    private static Process launch(String name, String mainClass, String... args) throws IOException {
        List<String> command =
                new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + Path.of("../environment/spark-java.options").toAbsolutePath(), "-Xmx256m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        builder.environment().put("SPARK_HOME", dir.resolve("spark-home").toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return builder.start();
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
