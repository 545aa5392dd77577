package org.v1workbench.distributed;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.experiment.DatasetIdentity;
import org.v1workbench.model.engine.Backend;
import org.v1workbench.train.FitExecutor;
import org.v1workbench.train.FitResult;
import org.v1workbench.train.FitUnit;
import org.v1workbench.train.TransferPlan;

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
public final class SparkFits implements FitExecutor, TransferPlan.Executor {
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
        return inJob("v1-workbench: " + units.size() + " fits on " + data.name(), data, units.size(), progress,
                (sc, source, perTask) -> sc.parallelize(units, units.size()).map(new FitTask(source, perTask)).collect());
    }

    /**
     * {@code benchmark --transfer} as two Spark jobs in one application: the cores (and the fits
     * from scratch, which need none) as the first job's tasks, each core returned to the driver as
     * the bytes of its experiment folder, which the driver writes to its folder; then the fits on
     * the cores, each task carrying its core's bytes (no filesystem shared with the driver needed,
     * as for the broadcast dataset). One result per unit.
     */
    @Override
    public List<FitResult> runTransfer(Dataset data, TransferPlan plan, Consumer<String> progress) {
        List<TransferTask.Work> first = new java.util.ArrayList<>(), second = new java.util.ArrayList<>();
        for (TransferPlan.Unit u : plan.units())
            if (u instanceof TransferPlan.Readouts r && r.transferred()) second.add(new TransferTask.Work(u, null));
            else first.add(new TransferTask.Work(u, null));
        return inJob("v1-workbench: transfer, " + plan.units().size() + " units on " + data.name(), data, plan.units().size(), progress, (sc, source, perTask) -> {
            List<FitResult> out = new java.util.ArrayList<>();
            java.util.Map<Integer, byte[]> cores = new java.util.HashMap<>();
            sc.setJobDescription("round 1: " + plan.cores() + " cores, " + (first.size() - plan.cores()) + " fits from scratch");
            for (TransferTask.Done d : sc.parallelize(first, first.size()).map(new TransferTask(source, perTask)).collect()) {
                out.add(d.result());
                if (d.core() != null) {
                    TransferPlan.Core c = (TransferPlan.Core) plan.units().get(d.result().unit());
                    TransferPlan.unzip(d.core(), plan.folderOf(c));
                    cores.put(c.index(), d.core());
                }
            }
            if (progress != null) progress.accept(String.format(Locale.ROOT, "spark: round 1 done: %d cores written to %s; round 2: %d fits on them",
                    plan.cores(), String.join(", ", plan.models().stream().map(m -> m.cores().toString()).toList()), second.size()));
            List<TransferTask.Work> withCores = second.stream()
                    .map(w -> new TransferTask.Work(w.unit(), cores.get(((TransferPlan.Readouts) w.unit()).core()))).toList();
            sc.setJobDescription("round 2: " + second.size() + " fits on the cores");
            for (TransferTask.Done d : sc.parallelize(withCores, withCores.size()).map(new TransferTask(source, perTask)).collect())
                out.add(d.result());
            return out;
        });
    }

    /** A job's work, given the context, how tasks get the data and each task's nd4j threads. */
    @FunctionalInterface
    private interface Job {
        List<FitResult> run(JavaSparkContext sc, TaskData source, int perTask) throws Exception;
    }

    /** Starts Spark, gets the dataset to the tasks, runs {@code job}, and reports each task's end. */
    private List<FitResult> inJob(String name, Dataset data, int tasks, Consumer<String> progress, Job job) {
        SparkConf conf = new SparkConf().setAppName(name);
        // spark-submit's --master wins over --spark (it set spark.master before this ran).
        if (!conf.contains("spark.master")) conf.setMaster(master);
        boolean local = conf.get("spark.master").startsWith("local");
        if (local) {
            // A run on this machine needs no web UI and no outside address.
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        } else {
            forExecutors(conf);
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
                progress.accept(String.format(Locale.ROOT, "spark: %d fits as tasks on %s, %d nd4j thread%s each, dataset %s%s",
                        tasks, conf.get("spark.master"), perTask, perTask == 1 ? "" : "s",
                        source instanceof TaskData.Broadcasted ? "broadcast" : "read by path on each executor",
                        local ? "" : ", executors of " + conf.get("spark.executor.memory", "1g") + " (spark.executor.memory)"));
                sc.sc().addSparkListener(new Progress(tasks, progress));
            }
            try {
                return job.run(sc, source, perTask);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) { // Scala's undeclared SparkException: the job was given up
                throw new BadInputException(failure(e.getMessage(), local ? null : conf.get("spark.executor.memory", "1g")));
            }
        } finally {
            if (local) {
                Backend.useThreads(before);
                OpenedData.clear();
            }
        }
    }

    /** An executor's memory where neither spark-submit nor the configuration sets one (Spark's own default: 1g). */
    static final String EXECUTOR_MEMORY = "2g";

    /**
     * What an executor JVM on a cluster needs that {@code java -jar} gives a JVM that trains by
     * relaunching it ({@code cli.WorkbenchLauncher}): the Vector API module, the driver's own
     * {@code -Dv1workbench.*} and {@code -Dorg.bytedeco.*} properties, and OpenMP's spin count in
     * its environment; Spark adds its Java 17 opens itself (to {@code spark.executor.extraJavaOptions},
     * since 3.3). Options already set (spark-submit's {@code --conf}) are kept, ours added before
     * them. Where {@code spark.jars} is not set (a driver started with {@code java}, not
     * spark-submit), the application's jar and the jars its manifest names ({@code target/lib}, but
     * the plain {@code nd4j-native-...-linux-x86_64.jar}, never loaded), which the driver then
     * serves to the executors. Memory: {@link #EXECUTOR_MEMORY} unless set.
     */
    static void forExecutors(SparkConf conf) {
        List<String> options = new java.util.ArrayList<>(org.v1workbench.cli.WorkbenchLauncher.TRAINING_JVM_OPTIONS);
        for (String arg : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments())
            if (arg.startsWith("-Dv1workbench.") || arg.startsWith("-Dorg.bytedeco.")) options.add(arg);
        String set = conf.get("spark.executor.extraJavaOptions", "").trim();
        if (set.contains("jdk.incubator.vector")) options.removeAll(org.v1workbench.cli.WorkbenchLauncher.TRAINING_JVM_OPTIONS);
        options.removeIf(o -> o.startsWith("-D") && set.contains(o));
        if (!set.isEmpty()) options.add(set);
        conf.set("spark.executor.extraJavaOptions", String.join(" ", options));
        org.v1workbench.cli.WorkbenchLauncher.RELAUNCH_ENVIRONMENT.forEach((k, v) -> conf.setIfMissing("spark.executorEnv." + k, v));
        conf.setIfMissing("spark.executor.memory", EXECUTOR_MEMORY);
        if (!conf.contains("spark.jars")) {
            List<String> jars = applicationJars();
            if (!jars.isEmpty()) conf.set("spark.jars", String.join(",", jars));
        }
    }

    /** This application's jar and the jars of its manifest's class path; empty where it runs from classes (the tests). */
    static List<String> applicationJars() {
        try {
            java.nio.file.Path jar = java.nio.file.Path.of(SparkFits.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!java.nio.file.Files.isRegularFile(jar)) return List.of();
            List<String> jars = new java.util.ArrayList<>(List.of(jar.toString()));
            try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
                String classPath = file.getManifest() == null ? null : file.getManifest().getMainAttributes().getValue("Class-Path");
                if (classPath != null)
                    for (String entry : classPath.trim().split("\\s+")) {
                        java.nio.file.Path lib = jar.resolveSibling(entry);
                        if (!lib.getFileName().toString().matches("nd4j-native-[0-9.M-]*-linux-x86_64\\.jar") && java.nio.file.Files.isRegularFile(lib))
                            jars.add(lib.toString());
                    }
            }
            return jars;
        } catch (java.io.IOException | java.net.URISyntaxException | RuntimeException e) {
            return List.of();
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

    /**
     * Spark's message when the job was given up (a task failed {@code spark.task.maxFailures} times),
     * as one line: the reason, and where an executor died of its memory (an {@code OutOfMemoryError}
     * exits it with code 52), the memory it had.
     */
    static String failure(String message, String executorMemory) {
        String m = message == null ? "" : message;
        boolean memory = m.contains("OutOfMemoryError") || m.contains("exit code 52") || m.contains("exited with code 52")
                || m.contains("Cannot allocate new") || m.contains("Physical memory usage is too high");
        String reason = firstLine(m.replaceFirst("(?s)^.*?most recent failure: ", ""));
        if (memory)
            return "spark: a fit ran out of memory in its executor" + (executorMemory == null ? "" : " (spark.executor.memory " + executorMemory + ")")
                    + ": give executors more (--conf spark.executor.memory=4g) or fewer fits at a time per executor; Spark: " + reason;
        return "spark: the job failed: " + reason;
    }

    static String firstLine(String s) {
        String line = s.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    /** One line on the driver per finished fit, with the time left at the pace so far. */
    private static final class Progress extends SparkListener {
        private final int total;
        private final Consumer<String> out;
        private final AtomicInteger done = new AtomicInteger();
        private final java.util.concurrent.atomic.AtomicLong overheadMs = new java.util.concurrent.atomic.AtomicLong();
        private final long start = System.nanoTime();

        Progress(int total, Consumer<String> out) {
            this.total = total;
            this.out = out;
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (!end.taskInfo().successful()) {
                out.accept(String.format(Locale.ROOT, "spark: fit task %d on executor %s (%s) did not finish (%s); Spark runs it again", end.taskInfo().index(),
                        end.taskInfo().executorId(), end.taskInfo().host(), firstLine(end.reason().toString())));
                return;
            }
            int n = done.incrementAndGet();
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (end.taskMetrics() != null) overheadMs.addAndGet(Math.max(0, end.taskInfo().duration() - end.taskMetrics().executorRunTime()));
            out.accept(String.format(Locale.ROOT, "spark: fit %d/%d done (task %d on executor %s, %s), %.0f s elapsed, about %.0f s left", n, total,
                    end.taskInfo().index(), end.taskInfo().executorId(), end.taskInfo().host(), elapsed, elapsed / n * (total - n)));
            if (n == total)
                out.accept(String.format(Locale.ROOT, "spark: Spark's own time per task (launch, deserialisation, result; not the fit) %.0f ms on average",
                        overheadMs.get() / (double) total));
        }
    }
}
