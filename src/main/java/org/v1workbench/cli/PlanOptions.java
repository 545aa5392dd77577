package org.v1workbench.cli;

import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.experiment.DatasetIdentity;
import org.v1workbench.train.FitFiles;
import org.v1workbench.train.FitPlan;
import org.v1workbench.train.FitResult;
import org.v1workbench.train.LocalFits;
import org.v1workbench.train.TransferPlan;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan/run split of {@code benchmark} and {@code sweep}, for a batch system's job array
 * (Slurm): {@code --plan FILE} with the usual options writes the units; {@code --plan FILE
 * --unit I} runs unit I alone (in any process, on any machine that reads the same dataset) and
 * writes its result beside the plan; {@code --plan FILE --collect} writes the report from all the
 * results, the same report as a single run. {@code benchmark --transfer}'s units come in two
 * rounds, the cores first: a fit on a core refuses to run before its core unit has. A picocli mixin.
 */
final class PlanOptions {
    @Option(names = "--plan", paramLabel = "FILE", description = "write the units of work to FILE instead of running them; with --unit "
            + "or --collect, the plan to work on (its own options are used)")
    Path plan;

    @Option(names = "--unit", paramLabel = "I", description = "with --plan: run unit I (0 to units - 1) alone and write its result to "
            + "PLAN-results/unit-I.json (a Slurm array task: --unit $SLURM_ARRAY_TASK_ID)")
    Integer unit;

    @Option(names = "--collect", description = "with --plan: write the report from the results of all the units")
    boolean collect;

    /**
     * A command's run once its options are checked: the data, the plan (null where the units are
     * not a FitPlan's: {@code benchmark --transfer}), its nd4j threads, how to report results, and
     * the units as a plan file lists and runs them.
     */
    record Prepared(Dataset data, FitPlan plan, Integer threads, Reporter report, Units units) {
        /** A FitPlan's independent units. */
        Prepared(Dataset data, FitPlan plan, Integer threads, Reporter report) {
            this(data, plan, threads, report, Units.of(plan));
        }
    }

    /** A plan's units as {@code --plan} writes them, {@code --unit} runs one and {@code --collect} counts them. */
    interface Units {
        int count();

        void write(Path file, String command, List<String> args, Dataset d) throws IOException;

        /** What to print once the plan is written. */
        String howToRun(Path file, String command);

        /**
         * Runs unit {@code unit} alone in this process; {@code results} is the plan's results
         * folder (a unit that needs another's result refuses without it, in one line).
         */
        FitResult run(Dataset d, int unit, Integer threads, Path results) throws Exception;

        /** A FitPlan's units: independent, any order. */
        static Units of(FitPlan plan) {
            return new Units() {
                @Override
                public int count() {
                    return plan.units().size();
                }

                @Override
                public void write(Path file, String command, List<String> args, Dataset d) throws IOException {
                    FitFiles.writePlan(file, command, args, d, plan);
                }

                @Override
                public String howToRun(Path file, String command) {
                    int n = count();
                    return String.format("plan: %d units in %s%nrun each: v1-workbench %s --plan %s --unit I   (I = 0 to %d; Slurm: --array=0-%d, "
                            + "--unit $SLURM_ARRAY_TASK_ID)%nthen:     v1-workbench %s --plan %s --collect%n", n, file, command, file, n - 1, n - 1,
                            command, file);
                }

                @Override
                public FitResult run(Dataset d, int unit, Integer threads, Path results) throws Exception {
                    return new LocalFits(threads).run(d, List.of(plan.units().get(unit)), System.err::println).get(0);
                }
            };
        }

        /**
         * The units of {@code benchmark --transfer} in two rounds: the cores (written to their
         * folders, which every machine of the job array must see, as it sees the results), then
         * the fits, a transferred one refused until its core unit has a result.
         */
        static Units of(TransferPlan plan) {
            return new Units() {
                @Override
                public int count() {
                    return plan.units().size();
                }

                @Override
                public void write(Path file, String command, List<String> args, Dataset d) throws IOException {
                    FitFiles.writeTransferPlan(file, command, args, d, plan);
                }

                @Override
                public String howToRun(Path file, String command) {
                    int n = count(), c = plan.cores();
                    return String.format("plan: %d units in %s, in two rounds: units 0 to %d train the cores, units %d to %d fit the sessions' "
                                    + "neurons (from scratch, and on a core: those after their core's unit)%n"
                                    + "run each: v1-workbench %s --plan %s --unit I   (first I = 0 to %d, then I = %d to %d; Slurm: --array=0-%d, "
                                    + "then --array=%d-%d --dependency=afterok:FIRST_JOB, --unit $SLURM_ARRAY_TASK_ID)%n"
                                    + "then:     v1-workbench %s --plan %s --collect%n", n, file, c - 1, c, n - 1, command, file, c - 1, c, n - 1,
                            c - 1, c, n - 1, command, file);
                }

                @Override
                public FitResult run(Dataset d, int unit, Integer threads, Path results) throws Exception {
                    if (plan.units().get(unit) instanceof TransferPlan.Readouts r && r.transferred() && !FitFiles.hasResult(results, r.core()))
                        throw new BadInputException(plan.needs(r, "no " + results.resolve("unit-" + r.core() + ".json")));
                    return new LocalFits(threads).units(d, plan, List.of(unit), System.err::println).get(0);
                }
            };
        }
    }

    @FunctionalInterface
    interface Reporter {
        void write(List<FitResult> results) throws Exception;
    }

    /** Prepares a run from a command's options (parsed anew from {@code args}). */
    @FunctionalInterface
    interface Preparer {
        Prepared prepare(List<String> args) throws Exception;
    }

    boolean active() {
        return plan != null || unit != null || collect;
    }

    /**
     * Writes the plan, runs one unit or collects, as the options say.
     *
     * @param original the arguments of this invocation (after the command's name)
     * @param threads  this invocation's {@code --threads}: with {@code --unit}, the cores of this
     *                 array task, over the plan's own
     */
    int run(String command, List<String> original, Preparer preparer, Integer threads) throws Exception {
        if (plan == null) throw new BadInputException((unit != null ? "--unit" : "--collect") + " needs --plan FILE");
        if (unit != null && collect) throw new BadInputException("--unit and --collect: one at a time");
        if (unit == null && !collect) {
            List<String> args = withoutPlan(original);
            if (args.contains("--spark") || args.stream().anyMatch(a -> a.startsWith("--spark=")))
                throw new BadInputException("--plan: the units run one by one with --unit I, not on --spark");
            Prepared p = preparer.prepare(args);
            p.units().write(plan, command, args, p.data());
            System.out.print(p.units().howToRun(plan, command));
            return Main.OK;
        }
        List<String> others = withoutPlan(original);
        others.removeIf(a -> a.equals("--collect") || a.equals("--unit") || a.startsWith("--unit=") || (unit != null && a.equals(unit.toString())));
        if (threads != null) others.removeIf(a -> a.equals("--threads") || a.startsWith("--threads=") || a.equals(threads.toString()));
        if (!others.isEmpty())
            throw new BadInputException("with --unit or --collect the plan's own options are used; give only --plan FILE and --unit I "
                    + "(and --threads N) or --collect, not " + String.join(" ", others));
        FitFiles.Stored stored = FitFiles.readPlan(plan);
        if (!stored.command().equals(command)) throw new BadInputException(plan, "is a plan of " + stored.command() + ", not of " + command);
        Prepared p = preparer.prepare(stored.args());
        String sha = DatasetIdentity.checksum(p.data());
        if (!sha.equals(stored.sha256()))
            throw new BadInputException(plan, "was planned on other data: the dataset's checksum is " + sha.substring(0, 12) + "..., the plan's "
                    + stored.sha256().substring(0, Math.min(12, stored.sha256().length())) + "...");
        int n = p.units().count();
        if (n != stored.units()) throw new BadInputException(plan, "lists " + stored.units() + " units, but its options now make " + n);
        Path results = FitFiles.resultsDir(plan);
        if (unit != null) {
            if (unit < 0 || unit >= n) throw new BadInputException("--unit must be 0 to " + (n - 1) + ", not " + unit);
            FitResult r = p.units().run(p.data(), unit, threads != null ? threads : p.threads(), results);
            System.out.printf("unit %d done in %.1f s: %s%n", unit, r.seconds(), FitFiles.writeResult(results, r));
            return Main.OK;
        }
        p.report().write(FitFiles.readResults(results, n));
        return Main.OK;
    }

    /** {@code args} without {@code --plan FILE} (or {@code --plan=FILE}). */
    private static List<String> withoutPlan(List<String> args) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--plan")) i++;
            else if (!a.startsWith("--plan=")) out.add(a);
        }
        return out;
    }
}
