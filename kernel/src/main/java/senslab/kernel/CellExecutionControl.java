package senslab.kernel;

import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs snippets in the kernel's JVM through JShell's local execution, on a thread whose context class
 * loader is the notebook's loader (so ServiceLoader lookups such as DJL's engine discovery see the notebook
 * class path). Keeps each snippet's value as an object, so the kernel can render it richly.
 *
 * <p>Stopping a cell goes in steps: first an interrupt, which ends sleeps, waits, blocking I/O and code
 * that checks for it (training loops stop cleanly after their batch); if the cell still runs after
 * {@link #COOPERATIVE_GRACE}, JShell's own stop, which is {@code Thread.stop} up to JDK 19 and, from JDK 20
 * on, stop checks that JShell compiles into the cell's code (loops and methods of the cell, not library
 * code); if the cell still runs {@link #STOP_GRACE} later, a message says what is left to do.
 */
final class CellExecutionControl extends LocalExecutionControl {

    static final Duration COOPERATIVE_GRACE = Duration.ofSeconds(1);
    static final Duration STOP_GRACE = Duration.ofSeconds(2);

    /** What JShell's thread runs next; one snippet runs at a time, as JShell evaluates them in turn. */
    private static final AtomicReference<Invocation> NEXT = new AtomicReference<>();
    private static final Method RUN_NEXT;

    static {
        try {
            RUN_NEXT = CellExecutionControl.class.getDeclaredMethod("runNext");
            RUN_NEXT.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final NotebookLoader loader;
    private final boolean jshellStop;
    private final Map<String, Object> values = new ConcurrentHashMap<>();
    private final ScheduledExecutorService escalation = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "notebook-cell-stopper");
        t.setDaemon(true);
        return t;
    });
    private volatile Invocation running;

    /**
     * @param jshellStop false to stop cells by interrupting them only (what a JDK without a working
     *                   JShell stop leaves), so that this path can be tested on any JDK
     */
    CellExecutionControl(NotebookLoader loader, boolean jshellStop) {
        super(loader);
        this.loader = loader;
        this.jshellStop = jshellStop;
    }

    /** A provider handing JShell this control. */
    ExecutionControlProvider provider() {
        return new ExecutionControlProvider() {
            @Override
            public String name() {
                return "senslab";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                return CellExecutionControl.this;
            }
        };
    }

    /** The object a snippet produced, given the value string JShell reported for it. */
    Object takeValue(String key) {
        return key == null ? null : values.remove(key);
    }

    /** Forgets values nobody asked for (all but a cell's last snippet). */
    void clearValues() {
        values.clear();
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        Invocation call = new Invocation(doit, loader.classLoader());
        // JDK 17's local execution installs a JVM-wide handler for uncaught exceptions; background threads
        // keep reporting theirs as before once the snippet is done
        Thread.UncaughtExceptionHandler handler = Thread.getDefaultUncaughtExceptionHandler();
        NEXT.set(call);
        running = call;
        try {
            String shown = super.invoke(RUN_NEXT);
            if (call.result != null) {
                values.put(shown, call.result);
            }
            return shown;
        } finally {
            running = null;
            NEXT.compareAndSet(call, null);
            Thread.setDefaultUncaughtExceptionHandler(handler);
        }
    }

    /** Run by JShell on its snippet thread, in place of the snippet: the snippet, its value kept. */
    @SuppressWarnings("unused") // invoked through RUN_NEXT
    private static String runNext() throws Throwable {
        return NEXT.getAndSet(null).run();
    }

    @Override
    public void stop() {
        Invocation call = running;
        if (call == null) {
            return;
        }
        call.interrupt();
        escalation.schedule(() -> {
            if (running == call) {
                stopByJShell();
            }
        }, COOPERATIVE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        escalation.schedule(() -> {
            if (running == call) {
                System.err.println(cannotStop());
            }
        }, COOPERATIVE_GRACE.plus(STOP_GRACE).toMillis(), TimeUnit.MILLISECONDS);
    }

    private void stopByJShell() {
        if (!jshellStop) {
            return;
        }
        try {
            super.stop();
        } catch (ExecutionControl.ExecutionControlException | RuntimeException e) {
            // JDK 19's JShell stops with ThreadGroup.stop, which throws there: the message below follows
            System.err.println("JShell could not stop the cell: " + e);
        }
    }

    private String cannotStop() {
        return "The cell has not stopped: it is in code that does not check for interruption"
                + (jshellStop ? " and that JShell cannot stop (a long library or native call)" : "")
                + ". It ends when that call returns. To end it now, restart the kernel"
                + " (Kernel > Restart; the notebook's variables are lost).";
    }

    @Override
    public void close() {
        // the notebook's class loader stays open: shutdown hooks registered by notebook code (Spark's, Hadoop's)
        // run after this and still load classes from it; the JVM's exit releases its jars
        escalation.shutdownNow();
    }

    /** One snippet run: the snippet's method, the thread JShell runs it on, and the value it returned. */
    private static final class Invocation {
        private final Method snippet;
        private final ClassLoader loader;
        private final String key = UUID.randomUUID().toString();
        private volatile Thread thread;
        private volatile Object result;

        Invocation(Method snippet, ClassLoader loader) {
            this.snippet = snippet;
            this.loader = loader;
        }

        String run() throws Throwable {
            Thread current = Thread.currentThread();
            current.setName("notebook-cell");
            current.setContextClassLoader(loader);
            thread = current;
            try {
                result = snippet.invoke(null);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return key;
        }

        void interrupt() {
            Thread t = thread;
            if (t != null) {
                t.interrupt();
            }
        }
    }
}
