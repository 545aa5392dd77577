package org.v1workbench.ui.common;

import javafx.animation.AnimationTimer;

/** Work spread over frames, so that what changes at one moment is not all laid out and drawn in one. */
public final class Frames {
    private Frames() {}

    /**
     * Runs {@code action} on the JavaFX thread at the start of the frame after the next one (so
     * that the next frame shows what has changed so far); call on the JavaFX thread.
     */
    public static void afterNext(Runnable action) {
        new AnimationTimer() {
            private int frames;

            @Override
            public void handle(long now) {
                if (++frames < 2) return;
                stop();
                action.run();
            }
        }.start();
    }
}
