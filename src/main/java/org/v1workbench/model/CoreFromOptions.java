package org.v1workbench.model;

import static org.v1workbench.model.Hyperparameter.Kind.FLAG;
import static org.v1workbench.model.Hyperparameter.Kind.TEXT;
import static org.v1workbench.model.Hyperparameter.TRAINING;

/** A preset with a core that can start from another experiment's ({@code train --core-from}). */
public record CoreFromOptions(
        @Option(name = "core_from", kind = TEXT, group = TRAINING, value = "",
                help = "start from the core of this experiment folder (same preset and core shape); empty: a fresh core") String coreFrom,
        @Option(name = "freeze_core", kind = FLAG, group = TRAINING, value = "false",
                help = "with core_from: keep the transferred core fixed and fit only the readouts") boolean freezeCore) {
}
