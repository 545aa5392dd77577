package org.v1workbench.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.v1workbench.data.BadInputException;
import org.v1workbench.experiment.Experiment;
import org.v1workbench.experiment.RunRecord;
import org.v1workbench.experiment.TrainedRun;
import org.v1workbench.model.ModelConfig;
import org.v1workbench.model.Network;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A core taken from a trained experiment ({@code core_from}) for a new network of the same
 * preset: its parameters, whether it stays frozen, and where it came from (recorded with the
 * new experiment so that the chain can be reproduced).
 *
 * @param provenance one line: the source folder, its preset, dataset name and checksum, and run
 */
record CoreTransfer(Map<String, INDArray> core, boolean freeze, String provenance) {
    /** The transfer {@code config} asks for ({@code core_from} not empty); null when it asks for none. */
    static CoreTransfer of(ModelConfig config) {
        String from = config.hyperparameters().getOrDefault("core_from", "").trim();
        if (from.isEmpty()) return null;
        boolean freeze = config.hyperparameters().getOrDefault("freeze_core", "false").trim().equalsIgnoreCase("true");
        Path dir = Path.of(from);
        if (!Files.isDirectory(dir)) throw new BadInputException(dir, "core_from: no such experiment folder");
        Experiment source = Experiment.load(dir);
        if (!source.config().preset().equals(config.preset()))
            throw new BadInputException(dir, "core_from: a " + source.config().preset() + " experiment; its core cannot start a " + config.preset());
        List<RunRecord> chosen = source.runs().stream().filter(r -> r.chosen() && r.member() == 0 && source.trained().containsKey(r.id())).toList();
        if (chosen.size() != 1)
            throw new BadInputException(dir, "core_from: holds " + chosen.size() + " networks (one per session group); a transfer needs one core: "
                    + "train the source on all sessions with a shared core, or on one session");
        RunRecord run = chosen.get(0);
        TrainedRun trained = source.trained().get(run.id());
        Map<String, INDArray> core = trained.withBest(Network::coreParameters);
        String provenance = dir.toAbsolutePath().normalize() + " (" + source.config().preset() + ", run " + run.id() + ", dataset '"
                + source.dataset().name() + "' sha256 " + source.dataset().sha256() + (freeze ? "; frozen" : "; fine-tuned") + ")";
        return new CoreTransfer(core, freeze, provenance);
    }

    void applyTo(Network network) {
        network.transferCore(core, freeze, "core_from " + provenance);
    }
}
