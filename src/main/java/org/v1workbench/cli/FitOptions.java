package org.v1workbench.cli;

import org.v1workbench.data.BadInputException;
import org.v1workbench.train.FitExecutor;
import org.v1workbench.train.LocalFits;
import picocli.CommandLine.Option;

/**
 * Where the fits of {@code benchmark} and {@code sweep} run: on this thread, or as Apache Spark
 * tasks ({@code --spark MASTER}). A picocli mixin. Spark is loaded only when asked for, by name:
 * it is not part of the application (a provided dependency; spark-submit brings it), so every
 * other command runs without it on the class path.
 */
final class FitOptions {
    @Option(names = "--spark", paramLabel = "MASTER", description = "run each fit as an Apache Spark task: local[N] (N at a time "
            + "on this machine) or a cluster's master URL; needs Spark on the class path: run through spark-submit (docs/distributed.md)")
    String spark;

    @Option(names = "--spark-data", paramLabel = "auto|broadcast|path", defaultValue = "auto", description = "with --spark: how tasks "
            + "get the dataset: a broadcast copy, or read by path (every machine must see the same files; checked by checksum); "
            + "auto: broadcast up to 256 MB (default)")
    String sparkData;

    @Option(names = "--threads", paramLabel = "N", description = "nd4j threads per fit (default: this process's; with --spark, "
            + "spark.task.cpus, the cores each task holds, 1 unless set)")
    Integer threads;

    /** The executor the options name; a BadInputException where Spark is asked for but absent. */
    FitExecutor executor() {
        if (threads != null && threads < 1) throw new BadInputException("--threads must be at least 1, not " + threads);
        if (!java.util.List.of("auto", "broadcast", "path").contains(sparkData))
            throw new BadInputException("--spark-data must be auto, broadcast or path, not '" + sparkData + "'");
        if (spark == null) return new LocalFits(threads);
        if (spark.isBlank()) throw new BadInputException("--spark needs a master URL, e.g. local[2]");
        try {
            Class.forName("org.apache.spark.SparkConf", false, FitOptions.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new BadInputException("--spark: Apache Spark is not on the class path; run the workbench through spark-submit "
                    + "(docs/distributed.md, \"Running on Apache Spark\")");
        }
        try {
            return (FitExecutor) Class.forName("org.v1workbench.distributed.SparkFits").getConstructor(String.class, Integer.class, String.class)
                    .newInstance(spark, threads, sparkData);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load the Spark executor", e);
        }
    }
}
