package org.v1workbench.distributed;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.experiment.DatasetIdentity;
import org.v1workbench.model.Backend;
import org.v1workbench.train.FitExecutor;
import org.v1workbench.train.FitResult;
import org.v1workbench.train.FitUnit;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs a plan's units as one Spark job, one task per unit, and brings their results back to the
 * driver, which writes the same report as a single-machine run. {@code local[N]} runs N tasks at
 * a time in this process; under {@code spark-submit} the master it was given is used (a cluster:
 * standalone, YARN or Kubernetes).
 */
public final class SparkFits implements FitExecutor {
    /** Datasets up to this size (stimuli and responses) travel as a broadcast copy when {@code --spark-data auto}. */
    static final long BROADCAST_LIMIT_BYTES = 256L << 20;

    private final String master;
    private final Integer threads;
    private final String dataMode;

    /**
     * @param master   Spark's master URL ({@code local[2]}, {@code spark://host:7077}, {@code yarn}, {@code k8s://...})
     * @param threads  nd4j threads per task; null: {@code spark.task.cpus} (the cores a task holds, 1 by default)
     * @param dataMode {@code auto} (a broadcast copy up to 256 MB, else by path), {@code broadcast} or {@code path}
     */
    public SparkFits(String master, Integer threads, String dataMode) {
        this.master = master;
        this.threads = threads;
        this.dataMode = dataMode;
    }

    @Override
    public List<FitResult> run(Dataset data, List<FitUnit> units, Consumer<String> progress) {
        SparkConf conf = new SparkConf().setAppName("v1-workbench: " + units.size() + " fits on " + data.name());
        // spark-submit's --master wins over --spark (it set spark.master before this ran).
        if (!conf.contains("spark.master")) conf.setMaster(master);
        boolean local = conf.get("spark.master").startsWith("local");
        if (local) {
            // A run on this machine needs no web UI and no outside address.
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        int perTask = threads != null ? threads : conf.getInt("spark.task.cpus", 1);
        int before = local ? Backend.currentThreads() : 0; // tasks here change this process's count: restored below
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel("WARN");
            String sha = DatasetIdentity.checksum(data);
            TaskData source = switch (dataMode) {
                case "broadcast" -> broadcast(sc, data, sha);
                case "path" -> byPath(data, sha);
                case "auto" -> DatasetCopy.bytes(data) <= BROADCAST_LIMIT_BYTES || data.location().isEmpty()
                        ? broadcast(sc, data, sha) : byPath(data, sha);
                default -> throw new BadInputException("--spark-data must be auto, broadcast or path, not '" + dataMode + "'");
            };
            if (progress != null) {
                progress.accept(String.format(Locale.ROOT, "spark: %d fits as tasks on %s, %d nd4j thread%s each, dataset %s",
                        units.size(), conf.get("spark.master"), perTask, perTask == 1 ? "" : "s",
                        source instanceof TaskData.Broadcasted ? "broadcast" : "read by path on each executor"));
                sc.sc().addSparkListener(new Progress(units.size(), progress));
            }
            return sc.parallelize(units, units.size()).map(new FitTask(source, perTask)).collect();
        } finally {
            if (local) {
                Backend.useThreads(before);
                OpenedData.clear();
            }
        }
    }

    private static TaskData broadcast(JavaSparkContext sc, Dataset data, String sha) {
        return new TaskData.Broadcasted(sc.broadcast(new DatasetCopy(data)), sha);
    }

    private static TaskData byPath(Dataset data, String sha) {
        if (data.location().isEmpty())
            throw new BadInputException("--spark-data path: dataset '" + data.name() + "' was not read from a folder (give --data DIR, or use broadcast)");
        return new TaskData.ByPath(data.location(), sha);
    }

    /** One line on the driver per finished fit, with the time left at the pace so far. */
    private static final class Progress extends SparkListener {
        private final int total;
        private final Consumer<String> out;
        private final AtomicInteger done = new AtomicInteger();
        private final long start = System.nanoTime();

        Progress(int total, Consumer<String> out) {
            this.total = total;
            this.out = out;
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (!end.taskInfo().successful()) return;
            int n = done.incrementAndGet();
            double elapsed = (System.nanoTime() - start) / 1e9;
            out.accept(String.format(Locale.ROOT, "spark: fit %d/%d done (task %d on %s), %.0f s elapsed, about %.0f s left", n, total,
                    end.taskInfo().index(), end.taskInfo().host(), elapsed, elapsed / n * (total - n)));
        }
    }
}
