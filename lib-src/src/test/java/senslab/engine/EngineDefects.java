package senslab.engine;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * On a host where the engine check fails, every test that uses the engine meets {@link EngineDefectException}:
 * those tests are reported as skipped, with the reason, so that the one failure is {@link EngineCheckTest}'s,
 * which names the case, instead of dozens about maps. Registered for every test through
 * {@code META-INF/services} (JUnit's extension autodetection).
 */
public final class EngineDefects implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        throw skipIfEngineDefect(thrown);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        throw skipIfEngineDefect(thrown);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable thrown)
            throws Throwable {
        throw skipIfEngineDefect(thrown);
    }

    /** The defect, perhaps wrapped (by DJL, or by Spark round a task), as a skip; anything else as it is. */
    private static Throwable skipIfEngineDefect(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof EngineDefectException) {
                return new TestAbortedException("the engine is wrong on this host, see EngineCheckTest: "
                        + EngineCheck.verdict().line(), thrown);
            }
        }
        return thrown;
    }
}
