package org.v1workbench.distributed;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What the driver gives executors on a cluster (the cluster itself: src/bench/spark-cluster-it.sh,
 * docs/spark-cluster.md), and a given-up job as one line.
 */
class SparkClusterConfTest {
    @Test
    void executorsGetTheVectorApiOpenMpsSpinCountAndMemoryAndKeepWhatWasSet() {
        SparkConf conf = new SparkConf(false);
        SparkFits.forExecutors(conf);
        assertTrue(conf.get("spark.executor.extraJavaOptions").startsWith("--add-modules jdk.incubator.vector"), conf.get("spark.executor.extraJavaOptions"));
        assertEquals("10000", conf.get("spark.executorEnv.GOMP_SPINCOUNT"));
        assertEquals(SparkFits.EXECUTOR_MEMORY, conf.get("spark.executor.memory"));

        SparkConf set = new SparkConf(false).set("spark.executor.extraJavaOptions", "-Dfoo=1")
                .set("spark.executor.memory", "5g").set("spark.jars", "a.jar");
        SparkFits.forExecutors(set);
        assertTrue(set.get("spark.executor.extraJavaOptions").matches("--add-modules jdk.incubator.vector.* -Dfoo=1"), set.get("spark.executor.extraJavaOptions"));
        assertEquals("5g", set.get("spark.executor.memory"));
        assertEquals("a.jar", set.get("spark.jars"));

        SparkConf twice = new SparkConf(false).set("spark.executor.extraJavaOptions", "--add-modules jdk.incubator.vector -Dx=2");
        SparkFits.forExecutors(twice);
        assertEquals(1, twice.get("spark.executor.extraJavaOptions").split("jdk.incubator.vector", -1).length - 1);
    }

    @Test
    void aJobGivenUpIsOneLineThatNamesTheExecutorsMemoryWhereItRanOut() {
        String oom = "Job aborted due to stage failure: Task 3 in stage 0.0 failed 4 times, most recent failure: Lost task 3.3 in stage 0.0 "
                + "(TID 9) (127.0.0.1 executor 4): ExecutorLostFailure (executor 4 exited caused by one of the running tasks) Reason: "
                + "Remote RPC client disassociated. java.lang.OutOfMemoryError: Java heap space\nDriver stacktrace:\n\tat org.apache...";
        String line = SparkFits.failure(oom, "2g");
        assertFalse(line.contains("\n"), line);
        assertTrue(line.startsWith("spark: a fit ran out of memory in its executor (spark.executor.memory 2g)"), line);
        assertTrue(line.contains("Lost task 3.3"), line);
        assertEquals("spark: the job failed: Lost task 0.3: boom", SparkFits.failure("Job aborted: most recent failure: Lost task 0.3: boom\n\tat x", null));
    }
}
