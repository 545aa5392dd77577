package org.v1workbench.cli;

import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.experiment.ConfigFile;
import org.v1workbench.experiment.Experiment;
import org.v1workbench.model.engine.Backend;
import org.v1workbench.model.ModelConfig;
import org.v1workbench.model.Presets;
import org.v1workbench.train.TrainingEvent;
import org.v1workbench.train.TrainingJob;
import org.v1workbench.train.TrainingRequest;
import org.v1workbench.train.TrainingService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Trains a preset and saves the experiment: progress (one line per epoch) on stderr, a summary on
 * stdout. Ctrl-C cancels cleanly: the experiment is saved at its last completed epoch and
 * {@code --resume} continues it. Training also autosaves the experiment after epochs that improved
 * the validation score (at most every 30 s), so after a crash or a power cut {@code --resume}
 * continues from the last improvement.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a model preset on a dataset and save the experiment folder.")
public final class TrainCommand implements Callable<Integer> {
    @Mixin
    DataOption data;

    @Option(names = "--model", paramLabel = "PRESET", description = "preset: ${COMPLETION-CANDIDATES}", completionCandidates = PresetNames.class)
    String model;

    @Option(names = "--out", paramLabel = "EXP", required = true, description = "experiment folder to write (replaced atomically)")
    Path out;

    @Option(names = "--seed", paramLabel = "S", description = "seed of weights, order and dropout (default 0, or the --config file's)")
    Long seed;

    @Option(names = "--max-epochs", paramLabel = "N", description = "at most N epochs (preset default otherwise)")
    Integer maxEpochs;

    @Option(names = "--patience", paramLabel = "N", description = "early stopping after N epochs without a better validation score")
    Integer patience;

    @Option(names = "--ensemble", paramLabel = "K", description = "average K seeds (S, S+1, ...; default 1, or the --config file's)")
    Integer ensemble;

    @Option(names = "--config", paramLabel = "FILE", description = "start from this configuration: the preset, its hyperparameters, seed "
            + "and ensemble (a sweep's PREFIX-best.json, or an experiment's config.json); --set, --seed and the other options change it")
    Path config;

    @Option(names = "--session", paramLabel = "S", description = "train on this session only (repeatable; default: all)")
    List<String> sessions = new ArrayList<>();

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "set a hyperparameter of the preset (repeatable)")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--core-from", paramLabel = "EXP", description = "start from the core of this trained experiment (same preset and "
            + "architecture; recorded with the new experiment); the same as --set core_from=EXP")
    Path coreFrom;

    @Option(names = "--freeze-core", description = "with --core-from: keep the core fixed and fit only the readouts (--set freeze_core=true)")
    boolean freezeCore;

    @Option(names = "--resume", description = "continue the cancelled or interrupted experiment in --out instead of starting anew "
            + "(training autosaves it at improvements: a crash loses at most the epochs since the last one)")
    boolean resume;

    @Override
    public Integer call() throws Exception {
        Dataset d = data.open();
        try (TrainingService service = new TrainingService()) {
            TrainingJob job;
            if (resume) {
                // A save cut off mid-swap leaves the previous version beside the folder: put it back first.
                org.v1workbench.data.AtomicFiles.recover(out);
                if (!Files.isDirectory(out)) throw new BadInputException(out, "no experiment to resume");
                job = service.resume(out, d);
            } else {
                ConfigFile.Loaded base = config == null ? null : ConfigFile.read(config);
                String preset = model;
                if (base != null) {
                    if (model != null && !model.equals(base.config().preset()))
                        throw new BadInputException("--model " + model + " differs from the preset of --config " + config + " ("
                                + base.config().preset() + "): give one of them");
                    preset = base.config().preset();
                }
                if (preset == null) throw new BadInputException("--model is required (one of: " + String.join(", ", Presets.names()) + ")");
                Map<String, String> hp = new LinkedHashMap<>(base == null ? Map.of() : base.config().hyperparameters());
                hp.putAll(set);
                if (maxEpochs != null) hp.put("max_epochs", maxEpochs.toString());
                if (patience != null) hp.put("patience", patience.toString());
                if (coreFrom != null) hp.put("core_from", coreFrom.toAbsolutePath().normalize().toString());
                if (freezeCore) {
                    if (coreFrom == null && !hp.containsKey("core_from")) throw new BadInputException("--freeze-core needs --core-from EXP");
                    hp.put("freeze_core", "true");
                }
                long s = seed != null ? seed : base != null ? base.config().seed() : 0;
                int k = ensemble != null ? ensemble : base != null ? base.ensemble() : 1;
                ModelConfig c = Presets.config(preset, hp, s);
                job = service.start(new TrainingRequest(d, c, sessions, k, out));
            }
            System.err.println("backend: " + Backend.init().describe());
            job.addListener(TrainCommand::progress);
            Thread hook = new Thread(() -> {
                job.cancel();
                try {
                    job.result().get(60, TimeUnit.SECONDS);
                } catch (Exception ignored) {
                    // exiting anyway
                }
            }, "v1-train-interrupt");
            Runtime.getRuntime().addShutdownHook(hook);
            Experiment e;
            try {
                e = job.await();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException ignored) {
                    // already shutting down
                }
            }
            System.out.print(summary(e, out));
            return Main.OK;
        }
    }

    private static void progress(TrainingEvent e) {
        if (e instanceof TrainingEvent.Epoch p) {
            System.err.printf(Locale.ROOT, "[%d/%d %s] epoch %d/%d  train loss %.4f  validation loss %.4f  %s %.4f  lr %.2g  %.0f img/s  %.1f s%n",
                    p.runIndex() + 1, p.runs(), p.run(), p.epoch(), p.maxEpochs(), p.trainLoss(), p.validationLoss(), p.validationMetric(),
                    p.validationCc(), p.learningRate(), p.imagesPerSecond(), p.elapsedSeconds());
        } else if (e instanceof TrainingEvent.RunEnd r) {
            System.err.printf(Locale.ROOT, "[%d/%d %s] %s after %d epochs: %s%n", r.runIndex() + 1, r.runs(), r.run(),
                    r.outcome().label(), r.epochs(), r.reason());
        } else if (e instanceof TrainingEvent.End end) {
            System.err.printf(Locale.ROOT, "%s in %.1f s: %s%n", end.outcome().label(), end.seconds(), end.reason());
        }
    }

    static String summary(Experiment e, Path out) {
        StringBuilder sb = new StringBuilder();
        sb.append("experiment: ").append(out).append('\n');
        sb.append("model:      ").append(e.config().preset()).append(", seed ").append(e.config().seed())
                .append(e.ensemble() > 1 ? ", ensemble of " + e.ensemble() : "").append('\n');
        sb.append("outcome:    ").append(e.outcome().label()).append(" (").append(e.reason()).append(")\n");
        sb.append("time:       ").append(String.format(Locale.ROOT, "%.1f s", e.seconds())).append('\n');
        try {
            com.fasterxml.jackson.databind.JsonNode m = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(out.resolve(Experiment.METRICS).toFile()).get("test");
            sb.append("test tier:  ").append(m.get("neurons").asInt()).append(" neurons, mean CC_abs ").append(text(m.get("mean_cc_abs")));
            if (!m.get("mean_cc_norm").isNull()) sb.append(", mean CC_norm ").append(text(m.get("mean_cc_norm")));
            sb.append('\n');
        } catch (java.io.IOException | RuntimeException ex) {
            sb.append("test tier:  (no metrics: ").append(ex.getMessage()).append(")\n");
        }
        if (e.resumable()) sb.append("resume with: train --resume --out ").append(out).append(" --data ...\n");
        return sb.toString();
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode n) {
        return n == null || n.isNull() ? "n/a" : String.format(Locale.ROOT, "%.4f", n.asDouble());
    }

    /** The preset names, for --help. */
    static final class PresetNames extends ArrayList<String> {
        PresetNames() {
            super(Presets.names());
        }
    }
}
