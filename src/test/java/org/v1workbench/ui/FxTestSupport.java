package org.v1workbench.ui;

import javafx.application.Platform;
import org.testfx.api.FxToolkit;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Starts JavaFX the way TestFX does (once per JVM, shared by every test class) and runs code on its thread. */
public final class FxTestSupport {
    private FxTestSupport() {}

    public static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    public static <T> T onFx(Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(60, TimeUnit.SECONDS);
    }
}
