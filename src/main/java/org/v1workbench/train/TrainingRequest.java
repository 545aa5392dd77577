package org.v1workbench.train;

import org.v1workbench.data.Dataset;
import org.v1workbench.model.Loss;
import org.v1workbench.model.ModelConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to train: a preset configuration on a dataset, restricted to some sessions (empty: all),
 * as an ensemble of {@code ensemble} seeds ({@code config.seed()}, +1, ...), saved to {@code out}
 * (null: kept in memory only). The configuration's {@code loss = auto} is resolved here, where
 * configuration meets data, into the loss the dataset's kind of responses needs, so that every run
 * and the saved {@code config.json} name it.
 */
public record TrainingRequest(Dataset data, ModelConfig config, List<String> sessions, int ensemble, Path out) {
    public TrainingRequest {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(config, "config");
        config = Loss.resolve(config, data.responseKind().signed());
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
    }

    public TrainingRequest(Dataset data, ModelConfig config, Path out) {
        this(data, config, List.of(), 1, out);
    }
}
