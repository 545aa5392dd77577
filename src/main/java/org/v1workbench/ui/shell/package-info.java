/**
 * The window that assembles the workspaces: {@link org.v1workbench.ui.shell.MainWindow} (menu,
 * sidebar, the workspaces as tabs, status bar; its stylesheet, workbench.css, sits beside it), its
 * state {@link org.v1workbench.ui.shell.WorkbenchModel} (the open datasets, recent files, and each
 * workspace's model, bound together), the {@link org.v1workbench.ui.shell.Workspace} tabs, the
 * window's one {@link org.v1workbench.ui.shell.ErrorReporter}, the application
 * {@link org.v1workbench.ui.shell.WorkbenchApp}, and the headless
 * {@link org.v1workbench.ui.shell.Snapshots} that {@code snapshot} writes (with the short model
 * they train when no experiment is named, {@link org.v1workbench.ui.shell.SnapshotModel}).
 *
 * <p>Contract: the only ui package that knows every workspace; no other ui package uses it. May
 * use every other package except {@code cli}. Used by {@code cli} ({@code snapshot}, and the
 * launcher by name only, so that headless commands never load JavaFX) and by {@code bench}.
 */
package org.v1workbench.ui.shell;
