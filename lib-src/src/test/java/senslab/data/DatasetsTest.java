package senslab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import senslab.Project;

/** The three data sets of notebook 06, and CSV reading. */
class DatasetsTest {
    @Test
    void syntheticSetFollowsItsFormula() {
        Dataset s = Datasets.synthetic();
        assertEquals(256, s.rows());
        assertEquals(List.of("x1", "x2", "x3", "x4", "x5", "x6"), s.inputs());
        // row 0: x_j = 2·frac(√p_j) − 1
        assertEquals(2 * (Math.sqrt(2) - 1) - 1, s.x()[0][0], 1e-15);
        assertEquals(2 * (Math.sqrt(13) - 3) - 1, s.x()[0][5], 1e-15);
        double[] v = s.x()[10];
        double noise = 0.05 * (2 * (11 * Math.sqrt(17) - Math.floor(11 * Math.sqrt(17))) - 1);
        assertEquals(Math.tanh(2 * v[0]) - 0.7 * v[1] + 0.9 * (v[2] * v[2] - 1.0 / 3) + 0.3 * v[3]
                - 0.4 * Math.pow(v[4], 3) + noise, s.y()[10], 1e-14);
        double[] rho = s.spearmanWithTarget();
        assertTrue(rho[0] > 0.5 && rho[1] < -0.3, "x1 rises, x2 falls");
        assertTrue(Math.abs(rho[2]) < 0.1 && Math.abs(rho[5]) < 0.1, "x3 and x6 have ρ ≈ 0");
    }

    @Test
    void pimaTrainingRowsAreZScored() {
        Dataset pima = Datasets.pimaDiabetes();
        assertEquals(500, pima.rows());
        for (int j = 0; j < pima.inputCount(); j++) {
            double[] c = pima.column(j);
            double mean = java.util.Arrays.stream(c).average().orElseThrow();
            double variance = java.util.Arrays.stream(c).map(x -> (x - mean) * (x - mean)).sum() / c.length;
            assertEquals(0, mean, 1e-12);
            assertEquals(1, variance, 1e-12, "population variance 1");
        }
    }

    @Test
    void regressionTableIsTheShippedFile() throws Exception {
        Path file = shippedWithItsChecksum("diabetes-regression.csv");
        Dataset raw = Dataset.csv(file, "progression");
        assertEquals(442, raw.rows());
        assertEquals(List.of("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"), raw.inputs());
        assertEquals(151, raw.y()[0], 0.0);
        assertEquals(32.1, raw.x()[0][2], 0.0);
        Dataset z = Datasets.diabetesRegression();
        assertEquals(0, java.util.Arrays.stream(z.y()).average().orElseThrow(), 1e-12);
    }

    @Test
    void digitsAreTheShippedImagesOfTwoDigits() throws Exception {
        shippedWithItsChecksum("digits.csv");
        Dataset d = Datasets.digits(0, 1);
        assertEquals(360, d.rows(), "178 zeros and 182 ones");
        assertEquals(64, d.inputCount());
        assertEquals(178, java.util.Arrays.stream(d.y()).sum(), 0.0);
        // the first image is a zero: its first row of pixels is 0, 0, 5, 13, 9, 1, 0, 0 (of 16)
        assertEquals(13 / 16.0, d.x()[0][3], 0.0);
        assertEquals(1, d.y()[0], 0.0);
        assertThrows(IllegalArgumentException.class, () -> Datasets.digits(3, 3));
    }

    /** The file in data/, whose sha256 data/README.md states. */
    private static Path shippedWithItsChecksum(String name) throws Exception {
        Path file = Project.data().resolve(name);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        assertTrue(Files.readString(Project.data().resolve("README.md")).contains(sha),
                "data/README.md states the sha256 of " + name + ": " + sha);
        return file;
    }

    @Test
    void badCsvIsNamed(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "a,b,y\n1,2,3\n4,,6\n");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> Dataset.csv(csv, "y"));
        assertTrue(missing.getMessage().contains("row 1, input 'b'"), missing.getMessage());
        Files.writeString(csv, "a,b,y\n1,2,3\n");
        IllegalArgumentException target = assertThrows(IllegalArgumentException.class, () -> Dataset.csv(csv, "z"));
        assertTrue(target.getMessage().contains("no column 'z'"), target.getMessage());
        IllegalArgumentException constant = assertThrows(IllegalArgumentException.class,
                () -> new Dataset("c", List.of("a"), new double[][] {{1}, {1}}, new double[] {0, 1}).zScored());
        assertTrue(constant.getMessage().contains("constant"), constant.getMessage());
    }
}
