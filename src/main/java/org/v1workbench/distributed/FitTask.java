package org.v1workbench.distributed;

import org.apache.spark.api.java.function.Function;
import org.v1workbench.model.engine.Backend;
import org.v1workbench.train.FitResult;
import org.v1workbench.train.FitRunner;
import org.v1workbench.train.FitUnit;

/**
 * One Spark task: sets this task's nd4j thread count (several tasks share an executor's process,
 * each on the cores it holds), gets the dataset, and fits the unit exactly as a single machine
 * would ({@link FitRunner}): the unit carries its seeds, so the numbers are the same wherever it runs.
 */
final class FitTask implements Function<FitUnit, FitResult> {
    private static final long serialVersionUID = 1L;

    private final TaskData data;
    private final int threads;

    FitTask(TaskData data, int threads) {
        this.data = data;
        this.threads = threads;
    }

    @Override
    public FitResult call(FitUnit unit) throws Exception {
        Backend.useThreads(threads);
        return FitRunner.fit(data.dataset(), unit);
    }
}
