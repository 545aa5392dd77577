package org.v1workbench.distributed;

import org.apache.spark.api.java.function.Function;
import org.v1workbench.data.AtomicFiles;
import org.v1workbench.data.Dataset;
import org.v1workbench.model.engine.Backend;
import org.v1workbench.train.FitResult;
import org.v1workbench.train.TransferPlan;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One Spark task of {@code benchmark --transfer}: trains a core in a temporary folder and sends it
 * back as the bytes of that folder, or fits one fold of a session, on a core whose bytes came with
 * the task (unpacked in a temporary folder for the fit). Exactly as a single machine would
 * ({@link TransferPlan#train}, {@link TransferPlan#fit}): the numbers do not depend on where the
 * core's folder is.
 */
final class TransferTask implements Function<TransferTask.Work, TransferTask.Done> {
    private static final long serialVersionUID = 1L;

    /** A unit, and for a fit on a core, that core's folder as bytes ({@link TransferPlan#zip}). */
    record Work(TransferPlan.Unit unit, byte[] core) implements Serializable {}

    /** A unit's result, and for a core, its folder as bytes. */
    record Done(FitResult result, byte[] core) implements Serializable {}

    private final TaskData data;
    private final int threads;

    TransferTask(TaskData data, int threads) {
        this.data = data;
        this.threads = threads;
    }

    @Override
    public Done call(Work work) throws Exception {
        Backend.useThreads(threads);
        Dataset d = data.dataset();
        Path tmp = Files.createTempDirectory("v1-workbench-core-");
        try {
            Path core = tmp.resolve("core");
            if (work.unit() instanceof TransferPlan.Core c) {
                FitResult r = TransferPlan.train(d, c, core);
                return new Done(r, TransferPlan.zip(core));
            }
            TransferPlan.Readouts r = (TransferPlan.Readouts) work.unit();
            if (r.transferred()) {
                if (work.core() == null) throw new IllegalStateException("unit " + r.index() + " came without its core");
                TransferPlan.unzip(work.core(), core);
            }
            return new Done(TransferPlan.fit(d, r, r.transferred() ? core : null), null);
        } finally {
            AtomicFiles.deleteTree(tmp);
        }
    }
}
