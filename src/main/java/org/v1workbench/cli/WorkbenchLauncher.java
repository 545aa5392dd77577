package org.v1workbench.cli;

/** Starts the JavaFX workbench, looked up by name so that headless commands never load JavaFX. */
final class WorkbenchLauncher {
    private WorkbenchLauncher() {}

    static int launch() throws Exception {
        Class<?> app = Class.forName("org.v1workbench.ui.WorkbenchApp");
        app.getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        return Main.OK;
    }
}
