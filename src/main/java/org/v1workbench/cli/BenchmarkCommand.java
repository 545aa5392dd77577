package org.v1workbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.Importers;
import org.v1workbench.model.engine.Backend;
import org.v1workbench.train.Benchmark;
import org.v1workbench.train.BenchmarkReport;
import org.v1workbench.train.FitExecutor;
import org.v1workbench.train.FitPlan;
import org.v1workbench.train.ModelFitters;
import org.v1workbench.train.Throughput;
import org.v1workbench.train.TransferPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Cross-validates models over images and writes the comparison table of the paper; with
 * {@code --throughput}, measures training speed with the shapes of {@code bench/torch_reference.py}
 * instead.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = {"k-fold cross-validation over images for each model named; writes PREFIX.csv, PREFIX-neurons.csv and PREFIX.md.",
                "Per session, fold k is tested, fold k+1 early-stops, the rest trains; scores are on the pooled out-of-fold predictions.",
                "With --throughput: training images per second of kindel2019 and core-readout on random data with the shapes of "
                        + "bench/torch_reference.py (first epoch not counted, best of the rest)."})
public final class BenchmarkCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR", description = "the dataset (default: the sample dataset)")
    Path data;

    @Option(names = "--models", paramLabel = "A,B,...", split = ",", description = "models to compare (available: ${COMPLETION-CANDIDATES})",
            completionCandidates = ModelFitters.Names.class)
    List<String> models;

    @Option(names = "--folds", defaultValue = "7", description = "number of folds (default ${DEFAULT-VALUE})")
    int folds;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the fold permutation and the models (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", paramLabel = "PREFIX", description = "prefix of the files written")
    Path out;

    @Option(names = "--ensemble", paramLabel = "K", defaultValue = "1", description = "fit each preset as an ensemble of K seeds per fold: "
            + "the mean of K networks of seeds s to s+K-1 (s = seed + fold), as train --ensemble K seeds its members; each member is a "
            + "unit of its own (--spark, --plan); ridge stays one fit; the tables say the size (default ${DEFAULT-VALUE})")
    int ensemble;

    @Option(names = "--nested", description = "honest model selection for one preset (--models): per outer fold, the --nested-vary candidate "
            + "with the best inner cross-validated score on that fold's training images alone (never its test images) predicts its test "
            + "images; writes the nested score, each fold's choice and inner scores (PREFIX.md, PREFIX-nested.csv)")
    boolean nested;

    @Option(names = "--nested-vary", paramLabel = "KEY=V1,V2,...", description = "with --nested: candidate values of a hyperparameter "
            + "(repeatable: every combination is a candidate; as sweep --grid)")
    List<String> nestedVary = new ArrayList<>();

    @Option(names = "--inner-folds", paramLabel = "N", defaultValue = "3", description = "with --nested: inner folds of each outer fold's "
            + "training images (at least 2; default ${DEFAULT-VALUE})")
    int innerFolds;

    @Mixin
    FitOptions fits;

    @Mixin
    PlanOptions plans;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--throughput", description = "measure training images per second on random data instead (--models: kindel2019,core-readout, or sensorium)")
    boolean throughput;

    @Option(names = "--epochs", defaultValue = "4", paramLabel = "N", description = "with --throughput: epochs per model, the first not counted; with --ui-stall: epochs trained (default ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "set a hyperparameter on every preset that has it, e.g. max_epochs=60 "
            + "(repeatable; named in the report)")
    java.util.Map<String, String> set = new java.util.LinkedHashMap<>();

    @Option(names = "--preset-defaults", description = "with --throughput: train the presets as `train` does (Poisson loss, dropout, "
            + "weight decay, penalties) instead of exactly torch_reference.py's networks")
    boolean presetDefaults;

    @Option(names = "--ui-stall", description = "measure the longest stall of the window's JavaFX thread while the training panel trains a small model "
            + "(--data, default the sample data; --epochs; --models PRESET: that preset at its defaults instead)")
    boolean uiStall;

    @Option(names = "--transfer", description = "leave one session out: per session, a core trained on the other sessions and this session's "
            + "readouts on it, against training from scratch, both cross-validated with the same folds; writes PREFIX-transfer.csv/.md "
            + "(PREFIX-MODEL-transfer with several models) and the cores in PREFIX-cores-MODEL/; with --spark or --plan too, "
            + "the cores in a first round")
    boolean transfer;

    @Option(names = "--transfer-cores", paramLabel = "per-fold|per-session", defaultValue = "per-fold", description = "with --transfer: "
            + "a core per fold trained on its training and validation images only (default), or one core per session on all images "
            + "(the other sessions' responses to the test images reach it, never the held-out session's)")
    String transferCores;

    @Option(names = "--json", description = "with --throughput: one JSON object per line, {\"model\": ..., \"images_per_s\": ...}")
    boolean json;

    @Option(names = "--profile", paramLabel = "PREFIX", description = "with --throughput: profile the last epoch of each model, "
            + "write PREFIX-MODEL.json (a Chrome trace of every op) and print the per-op time table on standard error "
            + "(that epoch runs through SameDiff's session, whose profiler sees each op, not through the recorded steps)")
    Path profile;

    @Override
    public Integer call() throws Exception {
        if (ensemble < 1) throw new BadInputException("--ensemble must be at least 1, not " + ensemble);
        if (ensemble > 1 && (throughput || uiStall || transfer))
            throw new BadInputException("--ensemble: not with " + (throughput ? "--throughput" : uiStall ? "--ui-stall" : "--transfer")
                    + " (only the cross-validated comparison fits ensembles)");
        if (nested && (throughput || uiStall || transfer))
            throw new BadInputException("--nested: not with " + (throughput ? "--throughput" : uiStall ? "--ui-stall" : "--transfer"));
        if (!nested && !nestedVary.isEmpty()) throw new BadInputException("--nested-vary needs --nested");
        if (throughput) return throughput();
        if (uiStall) {
            // Measure what the window gets: its JVM options (a second JVM where this one lacks them).
            List<String> again = new ArrayList<>(List.of("benchmark", "--ui-stall", "--epochs", Integer.toString(epochs)));
            if (data != null) again.addAll(List.of("--data", data.toAbsolutePath().toString()));
            if (models != null && models.size() > 1) throw new BadInputException("--ui-stall trains one preset (--models), not " + models);
            String preset = models == null || models.isEmpty() ? null : models.get(0).trim();
            if (preset != null) {
                org.v1workbench.model.Presets.config(preset, 0);   // an unknown preset fails here, before the window's JVM starts
                again.addAll(List.of("--models", preset));
            }
            Integer status = WorkbenchLauncher.relaunchIfNeeded(again.toArray(new String[0]));
            if (status != null) return status;
            org.v1workbench.bench.StallBenchmark.report(org.v1workbench.bench.StallBenchmark.run(data, epochs, preset, System.err::println))
                    .forEach(System.out::println);
            return Main.OK;
        }
        if (plans.active()) return plans.run("benchmark", Main.argsOf(spec), args -> parse(args).prepare(), fits.threads);
        if (models == null || models.isEmpty()) throw new BadInputException("--models is required");
        if (out == null) throw new BadInputException("--out is required");
        if (folds < 3) throw new BadInputException("--folds: at least 3 folds are needed (test, validation, train), not " + folds);
        FitExecutor executor = fits.executor();
        if (transfer) {
            Transfer t = transferPlan();
            // LocalFits and SparkFits both run a transfer plan: the cores in a first round, the fits on them in a second.
            TransferPlan.Executor onTransfer = (TransferPlan.Executor) executor;
            t.prepared().report().write(onTransfer.runTransfer(t.prepared().data(), t.plan(), System.err::println));
            return Main.OK;
        }
        PlanOptions.Prepared p = prepare();
        p.report().write(executor.run(p.data(), p.plan().units(), System.err::println));
        return Main.OK;
    }

    /** A transfer run's plan, and its report. */
    private record Transfer(TransferPlan plan, PlanOptions.Prepared prepared) {}

    private Transfer transferPlan() {
        if (models == null || models.isEmpty()) throw new BadInputException("--models is required");
        if (out == null) throw new BadInputException("--out is required");
        if (folds < 3) throw new BadInputException("--folds: at least 3 folds are needed (test, validation, train), not " + folds);
        boolean perFold = switch (transferCores) {
            case "per-fold" -> true;
            case "per-session" -> false;
            default -> throw new BadInputException("--transfer-cores must be per-fold or per-session, not '" + transferCores + "'");
        };
        Dataset d = DataOption.open(data);
        TransferPlan plan = TransferPlan.of(d, models, set, folds, seed, perFold, out);
        return new Transfer(plan, new PlanOptions.Prepared(d, null, fits.threads,
                results -> System.out.print(plan.write(d, results, System.err::println)), PlanOptions.Units.of(plan)));
    }

    /** The models' fits and the report they make, from this command's options. */
    private PlanOptions.Prepared prepare() {
        if (transfer) return transferPlan().prepared();
        if (models == null || models.isEmpty()) throw new BadInputException("--models is required");
        if (out == null) throw new BadInputException("--out is required");
        if (folds < 3) throw new BadInputException("--folds: at least 3 folds are needed (test, validation, train), not " + folds);
        if (nested) return prepareNested();
        List<FitPlan.Entry> entries = new ArrayList<>();
        for (String m : models) entries.add(FitPlan.entry(m, m, withEnsemble()));
        Dataset d = DataOption.open(data);
        if (d.images() < folds * 3) throw new BadInputException(d.name() + ": " + d.images() + " images are too few for " + folds + " folds");
        FitPlan plan = FitPlan.of(d, entries, folds, seed);
        return new PlanOptions.Prepared(d, plan, fits.threads, results -> {
            List<Benchmark.ModelResult> r = Benchmark.results(d, plan, results);
            BenchmarkReport.write(d, r, folds, seed, withEnsemble(), out);
            System.out.print(BenchmarkReport.markdown(d, r, folds, seed, set));
        });
    }

    /** A nested benchmark's units (every candidate on the outer and on the inner folds) and its report. */
    private PlanOptions.Prepared prepareNested() {
        if (models.size() != 1 || !org.v1workbench.model.Presets.names().contains(models.get(0)))
            throw new BadInputException("--nested: name one preset in --models (one of: " + String.join(", ", org.v1workbench.model.Presets.names())
                    + "), not " + String.join(",", models));
        if (nestedVary.isEmpty()) throw new BadInputException("--nested needs at least one --nested-vary KEY=V1,V2,...");
        if (innerFolds < 2) throw new BadInputException("--inner-folds: at least 2 inner folds are needed (test, train), not " + innerFolds);
        String model = models.get(0);
        List<org.v1workbench.train.SweepSpace.Axis> axes = new ArrayList<>();
        for (String g : nestedVary) {
            try {
                axes.add(org.v1workbench.train.SweepSpace.grid(model, g));
            } catch (BadInputException e) {
                throw new BadInputException(e.getMessage().replaceFirst("^--grid", "--nested-vary"));
            }
        }
        List<org.v1workbench.train.Sweep.Setting> candidates = org.v1workbench.train.Sweep.settings(
                new org.v1workbench.train.SweepSpace(model, axes, List.of(), 0, seed));
        Dataset d = DataOption.open(data);
        if (d.images() < folds * 3) throw new BadInputException(d.name() + ": " + d.images() + " images are too few for " + folds + " folds");
        java.util.Map<String, String> fixed = withEnsemble();
        FitPlan plan = org.v1workbench.train.NestedBenchmark.plan(d, model, candidates, fixed, folds, seed, innerFolds);
        System.err.println("benchmark --nested: " + candidates.size() + " candidates of " + model + " x " + folds + " outer folds x (1 + "
                + innerFolds + " inner folds): " + plan.units().size() + " fits");
        return new PlanOptions.Prepared(d, plan, fits.threads, results -> {
            org.v1workbench.train.NestedBenchmark.Result r = org.v1workbench.train.NestedBenchmark.result(d, model, plan, candidates, innerFolds, results);
            org.v1workbench.train.NestedBenchmark.write(d, r, folds, seed, fixed, out);
            System.out.print(BenchmarkReport.markdown(d, List.of(r.test()), folds, seed, fixed) + org.v1workbench.train.NestedBenchmark.markdown(r));
        });
    }

    /** {@code --set} with {@code ensemble=K} from {@code --ensemble} (FitPlan splits it into one unit per member). */
    private java.util.Map<String, String> withEnsemble() {
        if (ensemble < 1) throw new BadInputException("--ensemble must be at least 1, not " + ensemble);
        if (ensemble == 1) return set;
        if (set.containsKey(org.v1workbench.train.ModelFitters.ENSEMBLE))
            throw new BadInputException("--ensemble and --set ensemble: give one of them");
        java.util.Map<String, String> s = new java.util.LinkedHashMap<>(set);
        s.put(org.v1workbench.train.ModelFitters.ENSEMBLE, Integer.toString(ensemble));
        return s;
    }

    /** This command with the options of a plan file. */
    private static BenchmarkCommand parse(List<String> args) {
        BenchmarkCommand c = new BenchmarkCommand();
        new picocli.CommandLine(c).parseArgs(args.toArray(new String[0]));
        return c;
    }

    private int throughput() {
        List<String> names = models == null || models.isEmpty() ? List.of("kindel2019", "core-readout") : models;
        if (!json) System.err.println("backend: " + Backend.init().describe());
        ObjectMapper m = new ObjectMapper();
        for (String model : names) {
            Path trace = profile == null ? null : profile.resolveSibling(profile.getFileName() + "-" + model.trim() + ".json");
            Throughput.Result r = Throughput.measure(model.trim(), epochs, trace, presetDefaults);
            if (trace != null) System.err.println(model.trim() + ": per-op times of the last epoch (" + trace + ")\n" + r.opSummary());
            if (json) {
                ObjectNode o = m.createObjectNode();
                o.put("model", r.model());
                o.put("params", r.params());
                o.put("images_per_s", Math.round(r.imagesPerSecond() * 10) / 10.0);
                o.put("images_per_s_whole", Math.round(r.imagesPerSecondWhole() * 10) / 10.0);
                o.put("threads", r.threads());
                o.put("backend", r.backend());
                o.put("java_kernels", Backend.init().javaKernels());
                o.put("gomp_spincount", String.valueOf(System.getenv("GOMP_SPINCOUNT"))); // OpenMP's idle spinning, see WorkbenchLauncher
                o.put("peak_rss_mb", r.peakRssMb());
                o.put("settings", presetDefaults ? "preset defaults" : "as torch_reference.py");
                var a = o.putArray("epochs_images_per_s");
                for (double v : r.epochImagesPerSecond()) a.add(Math.round(v * 10) / 10.0);
                System.out.println(o);
            } else {
                System.out.printf(Locale.ROOT, "%-13s params=%9d %8.1f img/s (%s, %d threads; epochs %s; peak RSS %d MB)%n", r.model(), r.params(),
                        r.imagesPerSecond(), r.backend(), r.threads(), r.epochImagesPerSecond().stream()
                                .map(v -> String.format(Locale.ROOT, "%.0f", v)).toList(), r.peakRssMb());
            }
        }
        return Main.OK;
    }
}
