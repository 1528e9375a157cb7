package senslab.kernel;

import jdk.jshell.JShell;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.kernel.util.TextColor;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A Java kernel: cells run as JShell snippets in this JVM, on the notebook class path, with IJava's display
 * functions and magics. This class answers the protocol's requests; running a cell is {@link CellEvaluator}'s
 * work, failures are {@link ErrorReports}', completion and inspection {@link CodeAssistance}'s.
 */
public final class SenslabKernel extends BaseKernel {

    /** JShell's own default imports (what the jshell tool starts with), plus the display functions. */
    private static final List<String> STARTUP = List.of(
            "import java.io.*;", "import java.math.*;", "import java.net.*;", "import java.nio.file.*;",
            "import java.util.*;", "import java.util.concurrent.*;", "import java.util.function.*;",
            "import java.util.regex.*;", "import java.util.stream.*;",
            "import static senslab.kernel.runtime.Display.*;");
    private static final String NAME = "senslab";
    private static final String VERSION = "0.1.0";
    /** Set to "cooperative" to stop cells by interrupting them only (for testing that path). */
    private static final String STOP_VARIABLE = "SENSLAB_KERNEL_STOP";

    private final CellIO cellIO;
    private final History history;
    private final JShell shell;
    private final CellEvaluator evaluator;
    private final CodeAssistance assistance;
    private final ErrorReports errors;
    private final NotebookLoader loader;
    private final ScheduledExecutorService flusher;
    private volatile boolean running;
    private String lastOutput;

    private SenslabKernel(CellIO io, History history, StringStyler styler, NotebookLoader loader,
            CellExecutionControl control) {
        super(NAME, VERSION,
                new LanguageInfo("java", Runtime.version().toString(), "text/x-java", ".jshell", "java", "java",
                        "script"),
                List.of(), history, io, new CommManager(), new RichRenderer(), null, null, false, styler);
        this.cellIO = io;
        this.history = history;
        this.loader = loader;
        this.shell = JShell.builder()
                .executionEngine(control.provider(), Map.of())
                .compilerOptions("-Xlint:none")
                .build();
        this.errors = new ErrorReports(shell, styler);
        this.evaluator =
                new CellEvaluator(shell, control, new Magics(this::addToClasspath, new MavenDependencies()), errors);
        this.assistance = new CodeAssistance(shell);
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "notebook-output-flusher");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flushOutput, 200, 200, TimeUnit.MILLISECONDS);
    }

    /** A kernel on the notebook class path the environment gives (see {@link NotebookClasspath}). */
    public static SenslabKernel fromEnvironment() {
        return create(NotebookClasspath.fromEnvironment());
    }

    /** A kernel whose notebook class path is {@code classpath}, searched in that order. */
    private static SenslabKernel create(List<Path> classpath) {
        NotebookLoader loader = new NotebookLoader();
        boolean jshellStop = !"cooperative".equals(System.getenv(STOP_VARIABLE));
        StringStyler styler = new StringStyler.Builder()
                .addPrimaryStyle(TextColor.BOLD_RESET_FG)
                .addSecondaryStyle(TextColor.BOLD_RED_FG)
                .addHighlightStyle(TextColor.BOLD_RESET_FG)
                .build();
        SenslabKernel kernel = new SenslabKernel(new CellIO(), new History(), styler, loader,
                new CellExecutionControl(loader, jshellStop));
        classpath.forEach(kernel::addToClasspath);
        STARTUP.forEach(kernel.shell::eval);
        return kernel;
    }

    /** The running kernel (for the notebook's display functions). */
    public static SenslabKernel current() {
        return (SenslabKernel) BaseKernel.notebookKernel();
    }

    void addToClasspath(Path path) {
        shell.addToClasspath(path.toAbsolutePath().toString());
    }

    // ---------------------------------------------------------------- display

    /** Shows {@code value} as display data with a fresh display id, returned. */
    public String display(Object value, String... mimeTypes) {
        DisplayData data = render(value, mimeTypes);
        String id = data.hasDisplayId() ? data.getDisplayId() : UUID.randomUUID().toString();
        data.setDisplayId(id);
        io.display.display(data);
        return id;
    }

    /** Replaces the display {@code id} with {@code value}. */
    public void updateDisplay(String id, Object value, String... mimeTypes) {
        io.display.updateDisplay(id, render(value, mimeTypes));
    }

    /** Clears the running cell's output, now or (with {@code wait}) when the next output arrives. */
    public void clearOutput(boolean wait) {
        cellIO.clearOutput(wait);
    }

    private DisplayData render(Object value, String... mimeTypes) {
        DisplayData rendered = mimeTypes.length == 0 ? renderer.render(value) : renderer.renderAs(value, mimeTypes);
        // never mutate a cached rendering: copy before a display id is attached
        return new DisplayData(rendered);
    }

    // ---------------------------------------------------------------- execution

    /**
     * execute_request, as the base class answers it, except that a failed cell's reply carries the same
     * ename, evalue and traceback as its iopub error message (the base class sends its own class name).
     */
    @Override
    protected synchronized void handleExecuteRequest(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        commManager.setMessageContext(message);
        ExecuteRequest request = message.getContent();
        int count = executionCount.getAndIncrement();
        env.setBusyDeferIdle();
        env.publish(new PublishExecuteInput(request.getCode(), count));
        replaceOutputStreams(env);
        cellIO.attach(env, request.isStdinEnabled());
        env.defer(() -> cellIO.detach(env));
        lastOutput = null;
        try {
            DisplayData out = eval(request.getCode());
            if (out != null) {
                env.publish(new PublishExecuteResult(count, out));
            }
            env.defer().reply(new ExecuteReply(count, Map.of()));
        } catch (Exception e) {
            CellError failure = e instanceof CellError ? (CellError) e
                    : CellError.thrown(e.getClass().getName(), e.getMessage(), formatError(e));
            ErrorReply reply = new ErrorReply(failure.name(), failure.getMessage(), failure.report());
            reply.setExecutionCount(count);
            env.publish(new PublishError(failure.name(), failure.getMessage(), failure.report()));
            env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), reply);
        }
        if (request.shouldStoreHistory()) {
            history.add(count, request.getCode(), lastOutput);
        }
    }

    @Override
    public DisplayData eval(String code) {
        DisplayData out = super.eval(code);
        if (out != null) {
            Object text = out.getData(MIMEType.TEXT_PLAIN);
            lastOutput = text == null ? null : text.toString();
        }
        return out;
    }

    @Override
    public Object evalRaw(String cell) {
        running = true;
        Thread.currentThread().setContextClassLoader(loader.classLoader());
        try {
            return evaluator.run(cell);
        } finally {
            running = false;
            flushOutput();
        }
    }

    @Override
    public void interrupt() {
        if (running) {
            evaluator.interrupt();
        }
    }

    private void flushOutput() {
        if (running) {
            try {
                cellIO.flush();
            } catch (RuntimeException ignored) {
                // the cell ended in between; its own final flush carries the rest
            }
        }
    }

    @Override
    public List<String> formatError(Throwable e) {
        return e instanceof CellError ? ((CellError) e).report() : errors.describe(e);
    }

    // ---------------------------------------------------------------- other requests

    /** History replies as the protocol wants them ([session, line, input] triples). */
    @Override
    protected void handleHistoryRequest(ShellReplyEnvironment env, Message<HistoryRequest> message) {
        HistoryRequest request = message.getContent();
        env.setBusyDeferIdle();
        Set<HistoryManager.ResultFlag> flags = EnumSet.noneOf(HistoryManager.ResultFlag.class);
        if (request.includeOutput()) {
            flags.add(HistoryManager.ResultFlag.INCLUDE_OUTPUT);
        }
        List<HistoryEntry> entries;
        switch (request.getAccessType()) {
            case TAIL:
                entries = history.lookupTail(((HistoryRequest.Tail) request).getMaxReturnLength(), flags);
                break;
            case RANGE:
                HistoryRequest.Range range = (HistoryRequest.Range) request;
                entries = history.lookupRange(range.getSessionIndex(), range.getStart(), range.getStop(), flags);
                break;
            default:
                HistoryRequest.Search search = (HistoryRequest.Search) request;
                if (search.filterUnique()) {
                    flags.add(HistoryManager.ResultFlag.UNIQUE);
                }
                entries = history.search(search.getPattern(), search.getMaxReturnLength(), flags);
                break;
        }
        env.reply(new Replies.HistoryTriples(entries, request.includeOutput()));
    }

    @Override
    protected void handleKernelInfoRequest(ShellReplyEnvironment env, Message<KernelInfoRequest> message) {
        env.setBusyDeferIdle();
        env.reply(new Replies.KernelInfo(NAME, VERSION, getLanguageInfo(), getBanner()));
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        return assistance.complete(code, at);
    }

    @Override
    public DisplayData inspect(String code, int at, boolean detail) {
        return assistance.inspect(code, at, detail);
    }

    @Override
    public String isComplete(String code) {
        return assistance.isComplete(code);
    }

    @Override
    public void onShutdown(boolean restarting) {
        super.onShutdown(restarting);
        flusher.shutdownNow();
        shell.close();
    }
}
