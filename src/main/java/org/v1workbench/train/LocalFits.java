package org.v1workbench.train;

import org.v1workbench.data.Dataset;
import org.v1workbench.model.engine.Backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs the units one after the other on the calling thread: the single-machine benchmark, sweep
 * and transfer benchmark. Progress says which fit finished and estimates the time left from the
 * time so far.
 */
public final class LocalFits implements FitExecutor, TransferPlan.Executor {
    private final Function<FitUnit, CrossValidation.FoldFitter> fitters;
    private final Integer threads;

    /**
     * @param fitters the fitter of each unit ({@link FitRunner#fitterOf} for named models)
     * @param threads nd4j threads for the fits (restored afterwards); null keeps this process's
     */
    public LocalFits(Function<FitUnit, CrossValidation.FoldFitter> fitters, Integer threads) {
        this.fitters = fitters;
        this.threads = threads;
    }

    /** The named models' fitters, with this process's thread count or {@code threads}. */
    public LocalFits(Integer threads) {
        this(FitRunner::fitterOf, threads);
    }

    @Override
    public List<FitResult> run(Dataset data, List<FitUnit> units, Consumer<String> progress) throws Exception {
        return withThreads(() -> fits(data, units, progress));
    }

    /** Every unit of {@code plan}, in its order (the cores first), each core into its folder. */
    @Override
    public List<FitResult> runTransfer(Dataset data, TransferPlan plan, Consumer<String> progress) throws Exception {
        return units(data, plan, java.util.stream.IntStream.range(0, plan.units().size()).boxed().toList(), progress);
    }

    /** Units {@code which} of {@code plan} ({@link TransferPlan#runHere}): a job array's task runs one. */
    public List<FitResult> units(Dataset data, TransferPlan plan, List<Integer> which, Consumer<String> progress) throws Exception {
        return withThreads(() -> plan.runHere(data, which, progress));
    }

    private interface Work {
        List<FitResult> run() throws Exception;
    }

    private List<FitResult> withThreads(Work work) throws Exception {
        Integer before = threads == null ? null : Backend.useThreads(threads);
        CoreShare.pinned = threads != null; // --threads: the user's count, whatever else trains
        try {
            return work.run();
        } finally {
            CoreShare.pinned = false;
            if (before != null) Backend.useThreads(before);
        }
    }

    private List<FitResult> fits(Dataset data, List<FitUnit> units, Consumer<String> progress) throws Exception {
        List<FitResult> out = new ArrayList<>();
        long start = System.nanoTime();
        for (FitUnit u : units) {
            out.add(FitRunner.fit(data, u, fitters.apply(u)));
            if (progress != null) {
                double elapsed = (System.nanoTime() - start) / 1e9;
                double left = elapsed / out.size() * (units.size() - out.size());
                progress.accept(String.format(Locale.ROOT, "%s: session %s fold %d/%d%s%s done (%d/%d), %.0f s elapsed, about %.0f s left",
                        u.label(), u.group(), u.fold() + 1, u.folds(), u.isInner() ? " inner " + (u.inner() + 1) + "/" + u.innerFolds() : "",
                        u.member() > 0 ? " member " + (u.member() + 1) : "", out.size(),
                        units.size(), elapsed, left));
            }
        }
        return out;
    }
}
