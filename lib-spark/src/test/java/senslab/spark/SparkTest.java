package senslab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SparkTest {

    @Test
    void aLocalSessionKeepsSparksAndHadoopsStartUpWarningsQuiet() {
        Spark.builder("local[1]");
        for (String logger : Spark.START_UP_LOGGERS) {
            // the library logs through slf4j-simple, which reads this when Spark first makes the logger
            assertEquals("error", System.getProperty("org.slf4j.simpleLogger.log." + logger), logger);
        }
    }
}
