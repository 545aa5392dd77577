package org.v1workbench.model;

import static org.v1workbench.model.Hyperparameter.Kind.FLAG;

/** A preset whose core may serve one session or all: {@code shared_core}. */
public record SharedCoreOption(
        @Option(name = "shared_core", kind = FLAG, value = "false",
                help = "one network for the neurons of all sessions (which saw the same images), an output unit each; false: one network per session") boolean sharedCore) {
}
