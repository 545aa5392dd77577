package org.v1workbench.model.engine;

import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * The batches of one epoch as the engine runs them: SameDiff's iterator (so that SameDiff's own
 * {@code fit} can run it too), which the model assembles from its training data and extra inputs.
 */
public interface BatchSource extends MultiDataSetIterator {
    /** Whether the model asked that no batch follow the one just done (its loss diverged). */
    boolean halted();
}
