package org.v1workbench.cli;

import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.model.Presets;
import org.v1workbench.train.FitPlan;
import org.v1workbench.train.Sweep;
import org.v1workbench.train.SweepReport;
import org.v1workbench.train.SweepSpace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Sweeps hyperparameters of one preset: every setting cross-validated as the benchmark does, the
 * choice made on the validation folds, the chosen setting's test score reported once, and the
 * chosen configuration written for {@code train --config}.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Cross-validate settings of a preset's hyperparameters, choose one on the validation folds and report its test score once.",
                "Writes PREFIX.csv/.md (validation scores of every setting), PREFIX.png (score against each swept value), "
                        + "PREFIX-best.json (the chosen configuration: train --config PREFIX-best.json), PREFIX-test-neurons.csv, "
                        + "PREFIX.json (provenance) and PREFIX-settings/ (each setting as an experiment folder without a model)."})
public final class SweepCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR", description = "the dataset (default: the sample dataset)")
    Path data;

    @Option(names = "--model", paramLabel = "PRESET", description = "the preset to sweep: ${COMPLETION-CANDIDATES}",
            completionCandidates = TrainCommand.PresetNames.class)
    String model;

    @Option(names = "--grid", paramLabel = "KEY=V1,V2,...", description = "values to try (repeatable: every combination is tried; "
            + "separate values by ';' where they hold commas, as sfs does)")
    List<String> grid = new ArrayList<>();

    @Option(names = "--random", paramLabel = "N", defaultValue = "0", description = "draw N settings from the --range(s), seeded by --seed "
            + "(with --grid: N draws for each grid combination)")
    int random;

    @Option(names = "--range", paramLabel = "KEY=LO:HI[:log]", description = "a numeric hyperparameter's range for --random: uniform, "
            + "or uniform in the logarithm with :log (repeatable)")
    List<String> range = new ArrayList<>();

    @Option(names = "--folds", defaultValue = "7", description = "number of folds (default ${DEFAULT-VALUE})")
    int folds;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the folds, the models and the draws (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "set a hyperparameter on every setting, e.g. max_epochs=60; "
            + "ensemble=K fits each as the mean of K seeds (repeatable)")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--out", paramLabel = "PREFIX", description = "prefix of the files written")
    Path out;

    @Mixin
    FitOptions fits;

    @Mixin
    PlanOptions plans;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (plans.active()) return plans.run("sweep", Main.argsOf(spec), args -> parse(args).prepare(null), fits.threads);
        PlanOptions.Prepared p = prepare(fits);
        p.report().write(fits.executor().run(p.data(), p.plan().units(), System.err::println));
        return Main.OK;
    }

    /** This command with the options of a plan file. */
    private static SweepCommand parse(List<String> args) {
        SweepCommand c = new SweepCommand();
        new picocli.CommandLine(c).parseArgs(args.toArray(new String[0]));
        return c;
    }

    /**
     * The settings' fits and the report they make, from this command's options; {@code check}
     * (when running now) is asked for its executor before the data are read, so that a missing
     * Spark is said at once.
     */
    private PlanOptions.Prepared prepare(FitOptions check) {
        if (model == null) throw new BadInputException("--model is required (one of: " + String.join(", ", Presets.names()) + ")");
        if (out == null) throw new BadInputException("--out is required");
        if (folds < 3) throw new BadInputException("--folds: at least 3 folds are needed (test, validation, train), not " + folds);
        Presets.get(model);
        List<SweepSpace.Axis> axes = new ArrayList<>();
        for (String g : grid) axes.add(SweepSpace.grid(model, g));
        List<SweepSpace.Range> ranges = new ArrayList<>();
        for (String r : range) ranges.add(SweepSpace.range(model, r));
        SweepSpace space = new SweepSpace(model, axes, ranges, random, seed);
        List<Sweep.Setting> settings = Sweep.settings(space);
        if (check != null) check.executor();
        Dataset d = DataOption.open(data);
        if (d.images() < folds * 3) throw new BadInputException(d.name() + ": " + d.images() + " images are too few for " + folds + " folds");
        FitPlan plan = Sweep.plan(d, model, settings, set, folds, seed);
        System.err.println("sweep: " + settings.size() + " settings of " + model + " x " + folds + " folds: " + plan.units().size() + " fits");
        return new PlanOptions.Prepared(d, plan, fits.threads, results -> {
            Sweep.Result r = Sweep.result(d, plan, settings, results);
            SweepReport.write(d, model, space, r, set, folds, seed, out);
            System.out.print(SweepReport.markdown(d, model, space, r, set, folds, seed, out.getFileName().toString()));
        });
    }
}
