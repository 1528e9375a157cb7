package senslab.spark;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** Tests on an embedded Spark with two task slots, started once per test class and stopped after it. */
@Tag("slow") // starts Spark: not in make check
abstract class LocalSparkTest {
    static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = Spark.session("local[2]");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }
}
