package senslab.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.Success$;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Live progress of one senslab job group, printed to {@code System.out} (a notebook cell shows it as it comes):
 * tasks done, items (images, sample rows) done and their rate; a lost task is reported, and Spark retries it.
 */
final class Progress extends SparkListener {
    /** Job property: how many items the job's task covers. */
    static final String ITEMS = "senslab.items";
    private static final String GROUP = "spark.jobGroup.id";

    private final String group;
    private final String what;
    private final int tasks;
    private final long items;
    private final long started = System.nanoTime();
    private final Map<Integer, Long> itemsPerTaskOfStage = new ConcurrentHashMap<>();
    private final AtomicInteger tasksDone = new AtomicInteger();
    private final AtomicLong itemsDone = new AtomicLong();

    Progress(String group, String what, int tasks, long items) {
        this.group = group;
        this.what = what;
        this.tasks = tasks;
        this.items = items;
    }

    @Override
    public void onJobStart(SparkListenerJobStart start) {
        if (start.properties() == null || !group.equals(start.properties().getProperty(GROUP))) {
            return;
        }
        long perTask = Long.parseLong(start.properties().getProperty(ITEMS, "0"));
        for (Object stage : scala.jdk.javaapi.CollectionConverters.asJava(start.stageIds())) {
            itemsPerTaskOfStage.put((Integer) stage, perTask);
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        Long perTask = itemsPerTaskOfStage.get(end.stageId());
        if (perTask == null) {
            return;
        }
        if (end.reason() != Success$.MODULE$) {
            String why = end.reason() instanceof TaskFailedReason failed ? failed.toErrorString()
                    : end.reason().toString();
            System.out.printf(
                    "[spark] a task on executor %s failed (%s); Spark runs it again unless it failed too often%n",
                    end.taskInfo().executorId(), why.lines().findFirst().orElse(why));
            return;
        }
        int done = tasksDone.incrementAndGet();
        long count = Math.min(items, itemsDone.addAndGet(perTask)); // a last task may cover fewer
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("[spark] %d/%d tasks, %d/%d %s, %.2f %s/s, %.0f s%n", done, tasks, count, items, what,
                count / seconds, what, seconds);
    }
}
