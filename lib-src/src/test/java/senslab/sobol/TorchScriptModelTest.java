package senslab.sobol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import senslab.Project;
import senslab.data.DiabetesData;

/** A user's TorchScript file analysed through DJL: the authors' trained diabetes network. */
class TorchScriptModelTest {
    static Path paperModel() {
        Path file = Project.shared().resolve("data/paper-diabetes-model/diabetes_ffn_paper.pt");
        assumeTrue(Files.isRegularFile(file), "skipped: the authors' TorchScript model is not at " + file
                + " (development-only ../shared folder)");
        return file;
    }

    @Test
    void authorsModelGivesItsPublishedOutputs() {
        try (DjlModel model = DjlModel.torchScript(paperModel())) {
            double[] p = model.predict(new double[][] {{6, 148, 72, 35, 0, 33.6, 0.627, 50},
                {1, 85, 66, 29, 0, 26.6, 0.351, 31}});
            assertEquals(0.2703, p[0], 5e-5);
            assertEquals(0.1618, p[1], 5e-5);
        }
    }

    @Test
    void authorsModelSobolIndicesLeadWithGlucoseBmiAge() {
        Problem problem = Problem.spanning(DiabetesData.FEATURES, DiabetesData.load().studiedFeatures());
        try (DjlModel model = DjlModel.torchScript(paperModel())) {
            SobolResult r = Sobol.of(problem).samples(4096).run(model);
            System.out.println(r.table().printAll());
            assertEquals(java.util.List.of("Glucose", "BMI", "Age", "Insulin"), r.rankingByTotal().subList(0, 4),
                    "the paper's leading inputs, by ST");
        }
    }

    @Test
    void missingFileIsReported() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DjlModel.torchScript(Path.of("/no/such/model.pt")));
        assertTrue(e.getMessage().contains("/no/such/model.pt"));
    }
}
