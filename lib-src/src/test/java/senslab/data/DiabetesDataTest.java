package senslab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import senslab.sobol.Problem;

class DiabetesDataTest {
    @TempDir
    Path dir;

    @Test
    void loadsThe768RowsWithThePapersFirstRows() {
        DiabetesData data = DiabetesData.load();
        assertEquals(768, data.table().rowCount());
        assertArrayEquals(new double[] {6, 148, 72, 35, 0, 33.6, 0.627, 50}, data.features(0, 1,
                DiabetesData.FEATURES)[0]);
        assertEquals(1, data.outcome(0, 1)[0]);
        assertEquals(268, data.table().doubleColumn("Outcome").sum());
        assertEquals(500, data.trainFeatures(DiabetesData.FEATURES).length);
        assertEquals(200, data.testOutcome().length);
        assertEquals(5, data.head().rowCount());
    }

    @Test
    void boundsAreMinAndMaxOfTheFirst700Rows() {
        Problem p = Problem.spanning(DiabetesData.FEATURES, DiabetesData.load().studiedFeatures());
        assertEquals(DiabetesData.FEATURES, p.names());
        assertEquals(0, p.low(1)); // Glucose has zeros (missing measurements) in the data
        assertEquals(199, p.high(1));
        assertEquals(21, p.low(7));
        assertEquals(81, p.high(7));
    }

    @Test
    void missingCellIsNamedByRowAndColumn() throws IOException {
        Path csv = copyWithRow2("1,85,66,29,0,,0.351,31,0");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DiabetesData.load(csv));
        assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("'BMI'")
                && e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void nonNumericCellIsNamedByRowAndColumn() throws IOException {
        Path csv = copyWithRow2("1,85,sixty,29,0,26.6,0.351,31,0");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DiabetesData.load(csv));
        assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("'BloodPressure'")
                && e.getMessage().contains("'sixty'"), e.getMessage());
    }

    @Test
    void missingColumnIsNamed() throws IOException {
        Path csv = dir.resolve("short.csv");
        Files.writeString(csv, "Pregnancies,Glucose\n1,2\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DiabetesData.load(csv));
        assertTrue(e.getMessage().contains("BloodPressure"), e.getMessage());
    }

    private Path copyWithRow2(String line) throws IOException {
        List<String> lines =
                new java.util.ArrayList<>(Files.readAllLines(senslab.Project.data().resolve("diabetes.csv")));
        lines.set(2, line);
        Path csv = dir.resolve("diabetes.csv");
        Files.write(csv, lines);
        return csv;
    }
}
