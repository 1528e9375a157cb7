package senslab.engine;

/** The engine computes wrong results on this host: thrown instead of letting a wrong number through. */
public final class EngineDefectException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final transient EngineVerdict verdict;

    public EngineDefectException(EngineVerdict verdict) {
        super(verdict.report());
        this.verdict = verdict;
    }

    public EngineVerdict verdict() {
        return verdict;
    }
}
