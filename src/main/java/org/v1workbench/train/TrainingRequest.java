package org.v1workbench.train;

import org.v1workbench.data.Dataset;
import org.v1workbench.model.ModelConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to train: a preset configuration on a dataset, restricted to some sessions (empty: all),
 * as an ensemble of {@code ensemble} seeds ({@code config.seed()}, +1, ...), saved to {@code out}
 * (null: kept in memory only).
 */
public record TrainingRequest(Dataset data, ModelConfig config, List<String> sessions, int ensemble, Path out) {
    public TrainingRequest {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(config, "config");
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
    }

    public TrainingRequest(Dataset data, ModelConfig config, Path out) {
        this(data, config, List.of(), 1, out);
    }
}
