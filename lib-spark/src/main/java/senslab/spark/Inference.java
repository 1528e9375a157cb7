package senslab.spark;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.io.Serializable;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.apache.spark.TaskContext;

/**
 * How an executor thread runs the engine. PyTorch's grad mode is per thread and DJL turns it off only where the
 * engine started, so each task turns it off; and each task runs with a set number of intra-op threads, after
 * which the driver's number is back (in local mode the executor is the notebook's own JVM, whose later threads
 * take PyTorch's number from the last one set).
 */
final class Inference implements Serializable {
    private static final long serialVersionUID = 1L;
    /** DJL's PyTorch engine runs one gradient collector per JVM at a time: tasks sharing an executor take turns. */
    private static final ReentrantLock GRADIENTS = new ReentrantLock();

    private final int driverThreads;
    private final boolean taskCores;

    private Inference(boolean taskCores) {
        Engine.getEngine("PyTorch");
        this.driverThreads = JniUtils.getNumThreads();
        this.taskCores = taskCores;
    }

    /**
     * Each task gets as many intra-op threads as it has cores ({@code spark.task.cpus}, 1 by default), so that
     * Spark's task slots share out the cores instead of every task using them all (local[2] on 2 cores: 1.15
     * images/s against 0.92, our run of 2026-12-01; SparkBench times the result against the direct call). For
     * sensitivity maps, whose values do not depend on the thread count.
     */
    static Inference withTaskCores() {
        return new Inference(true);
    }

    /**
     * Each task keeps the driver's number of threads: for models whose outputs change in the last bits with the
     * thread count (MKL's matrix products in a TorchScript file do), so that Spark gives the direct run's numbers.
     */
    static Inference withDriverThreads() {
        return new Inference(false);
    }

    /** Runs {@code task} on this executor thread with grad mode off and this policy's intra-op threads. */
    <T> T run(Callable<T> task) throws Exception {
        Engine.getEngine("PyTorch");
        JniUtils.setGradMode(false);
        TaskContext context = TaskContext.get();
        JniUtils.setNumThreads(taskCores && context != null ? context.cpus() : driverThreads);
        try {
            return task.call();
        } finally {
            JniUtils.setNumThreads(driverThreads);
        }
    }

    /**
     * Runs {@code work}, which records gradients, while no other task of this JVM does: in local mode and on an
     * executor with several task slots, such tasks take turns (an interrupt while waiting stops the work as soon as
     * it checks for one).
     */
    static <T> T oneGradientCollector(Supplier<T> work) {
        GRADIENTS.lock();
        try {
            return work.get();
        } finally {
            GRADIENTS.unlock();
        }
    }
}
