package senslab.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import senslab.Project;
import senslab.data.DiabetesData;
import senslab.models.DiabetesNet;
import senslab.models.StagedNetwork;
import senslab.sobol.DjlModel;
import senslab.sobol.Ishigami;
import senslab.sobol.Problem;
import senslab.sobol.SaltelliSample;
import senslab.sobol.Sobol;
import senslab.sobol.SobolResult;

class SparkSobolTest extends LocalSparkTest {
    static void assertSameIndices(SobolResult expected, SobolResult actual) {
        assertArrayEquals(expected.s1(), actual.s1(), 0);
        assertArrayEquals(expected.st(), actual.st(), 0);
        assertArrayEquals(expected.s1Conf(), actual.s1Conf(), 0);
        assertArrayEquals(expected.stConf(), actual.stConf(), 0);
    }

    @Test
    void ishigamiOnSparkGivesTheDirectIndicesAndTheAnalyticOnes() {
        Ishigami ishigami = new Ishigami(7, 0.1);
        Sobol sobol = Sobol.of(ishigami.problem()).samples(65_536);
        SaltelliSample sample = sobol.sample();
        ModelSource source = () -> new ModelSource.Loaded(new Ishigami(7, 0.1).model(), () -> { });
        double[] y = SparkSobol.of(spark, source).evaluate(sample); // 4 tasks of 16,384 base points
        assertArrayEquals(sample.evaluate(ishigami.model()), y, 0);
        SobolResult result = sobol.analyze(y);
        assertSameIndices(sobol.run(ishigami.model()), result);
        assertArrayEquals(ishigami.firstOrder(), result.s1(), 0.01);
        assertArrayEquals(ishigami.totalOrder(), result.st(), 0.01);
    }

    @Test
    void aSavedStagedNetworkOnSparkGivesTheDirectOutputsExactly(@TempDir Path dir) {
        Path weights = dir.resolve("diabetes.params");
        Engine.getInstance().setRandomSeed(4);
        try (StagedNetwork net = diabetes()) {
            net.save(weights);
        }
        NetworkSource source = NetworkSource.of("diabetes", SparkSobolTest::diabetes, weights);
        Problem diabetes = Problem.spanning(DiabetesData.FEATURES, DiabetesData.load().studiedFeatures());
        Sobol sobol = Sobol.of(diabetes).samples(16_384);
        SaltelliSample sample = sobol.sample();
        double[] y = SparkSobol.of(spark, ModelSource.network(source)).evaluate(sample); // 3 tasks
        try (StagedNetwork net = source.open(); DjlModel direct = DjlModel.of(net.block())) {
            assertArrayEquals(sample.evaluate(direct), y, 0);
        }
    }

    @Test
    void theAuthorsTorchScriptModelOnSparkGivesTheDirectIndices() {
        Path file = Project.shared().resolve("data/paper-diabetes-model/diabetes_ffn_paper.pt");
        assumeTrue(Files.isRegularFile(file), "skipped: the authors' TorchScript model is not at " + file
                + " (development-only ../shared folder)");
        Problem diabetes = Problem.spanning(DiabetesData.FEATURES, DiabetesData.load().studiedFeatures());
        Sobol sobol = Sobol.of(diabetes).samples(16_384);
        SobolResult onSpark =
                sobol.analyze(SparkSobol.of(spark, ModelSource.torchScript(file)).evaluate(sobol.sample()));
        try (DjlModel direct = DjlModel.torchScript(file)) {
            assertSameIndices(sobol.run(direct), onSpark);
        }
        assertEquals(java.util.List.of("Glucose", "BMI", "Age"), onSpark.rankingByTotal().subList(0, 3));
    }

    /** The paper's diabetes network over its 8 features, initialized (weights to be loaded). */
    static StagedNetwork diabetes() {
        return DiabetesNet.create(DiabetesData.FEATURES).network().initialize(new Shape(DiabetesData.FEATURES.size()));
    }
}
