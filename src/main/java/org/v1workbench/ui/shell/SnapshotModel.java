package org.v1workbench.ui.shell;

import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.experiment.DatasetIdentity;
import org.v1workbench.experiment.Experiment;
import org.v1workbench.experiment.ExperimentSummary;
import org.v1workbench.model.ModelConfig;
import org.v1workbench.model.Presets;
import org.v1workbench.train.TrainingEvent;
import org.v1workbench.train.TrainingJob;
import org.v1workbench.train.TrainingRequest;
import org.v1workbench.train.TrainingService;
import org.v1workbench.ui.common.Texts;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The short model that {@code snapshot} shows in the model views when no experiment is named: a
 * small core-readout (8 channels, 9x9 then 3x3 filters) trained for a handful of epochs with a
 * fixed seed by the {@link TrainingService}, cached next to the sample data (one folder per
 * dataset and configuration), so only the first snapshot pays for the training (about a minute
 * or two on 2 cores for the sample data).
 */
public final class SnapshotModel {
    private SnapshotModel() {}

    /** The configuration: small enough to train in a minute or two, big enough to learn V1-like filters. */
    public static ModelConfig config() {
        return Presets.config("core-readout", Map.of("filters", "8", "first_size", "9", "layers", "2", "lr", "0.005",
                "max_epochs", "6", "patience", "100"), 1);
    }

    /** The cache folder of the model for {@code data} under {@code cacheRoot}. */
    public static Path folder(Path cacheRoot, Dataset data, ModelConfig config) {
        return cacheRoot.resolve("snapshot-models").resolve("short-" + config.preset() + "-" + key(data, config).substring(0, 6));
    }

    static String key(Dataset data, ModelConfig config) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((config.preset() + " " + config.hyperparameters() + " seed=" + config.seed() + " data=" + DatasetIdentity.checksum(data))
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest()).substring(0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * As {@link #ensure}, first saying on {@code progress} (stderr, for {@code snapshot}) that the
     * {@code view} shows this short model and not one of the user's, and whether it is trained now
     * or was cached: a snapshot of a model view without {@code --experiment} used to train one
     * without saying so, and a cached one was shown as if it were the user's.
     */
    public static Path ensureSaying(String view, Path cacheRoot, Dataset data, Consumer<String> progress) throws InterruptedException {
        Path dir = folder(cacheRoot, data, config());
        boolean cached = ExperimentSummary.isExperiment(dir);
        progress.accept(notice(view, data, dir, cached));
        return ensure(cacheRoot, data, progress);
    }

    /** The line {@link #ensureSaying} prints. */
    static String notice(String view, Dataset data, Path dir, boolean cached) {
        ModelConfig c = config();
        return "snapshot: no --experiment, so the " + view + " view shows the snapshot's own short model (" + c.preset() + ", "
                + c.integer("filters") + " filters, " + c.integer("max_epochs") + " epochs) " + (cached
                ? "trained earlier on dataset '" + data.name() + "' and cached in " + dir
                : "which it trains now on dataset '" + data.name() + "' (about a minute or two on 2 cores for the sample data; cached in " + dir + ")")
                + "; pass --experiment EXP to show yours";
    }

    /** The cached experiment for {@code data}, trained first if there is none (progress lines go to {@code progress}). */
    public static Path ensure(Path cacheRoot, Dataset data, Consumer<String> progress) throws InterruptedException {
        ModelConfig config = config();
        Path dir = folder(cacheRoot, data, config);
        if (ExperimentSummary.isExperiment(dir)) return dir;
        int first = config.integer("first_size"), side = Math.min(data.height(), data.width());
        if (side < first + 2 * (config.integer("layers") - 1) + 2)
            throw new BadInputException("dataset '" + data.name() + "' has " + data.height() + " x " + data.width()
                    + " images, too small for the snapshot's model (" + first + " x " + first + " filters): pass --experiment");
        progress.accept("training the snapshot's model (once; cached in " + dir + ") ...");
        try (TrainingService service = new TrainingService()) {
            TrainingJob job = service.start(new TrainingRequest(data, config, dir));
            job.addListener(e -> {
                if (e instanceof TrainingEvent.Epoch ep)
                    progress.accept(String.format(Locale.ROOT, "snapshot model: epoch %d/%d, validation %s %.3f, %.0f images/s",
                            ep.epoch(), ep.maxEpochs(), ep.validationMetric(), ep.validationCc(), ep.imagesPerSecond()));
            });
            Experiment e = job.await();
            progress.accept("snapshot model: " + e.outcome().label() + " after " + Texts.duration(e.seconds()));
        }
        return dir;
    }
}
