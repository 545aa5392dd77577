package org.v1workbench.train;

/** Receives training events on the training thread; must return quickly and not block. */
@FunctionalInterface
public interface TrainingListener {
    void onEvent(TrainingEvent event);
}
