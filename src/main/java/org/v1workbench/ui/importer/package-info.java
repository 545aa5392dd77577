/**
 * File > Import...: {@link org.v1workbench.ui.importer.ImportDialog} (controls only) and
 * {@link org.v1workbench.ui.importer.ImportModel} (its state, and the {@code import} command line
 * it makes), with the preview's pictures.
 *
 * <p>Contract: everything the dialog does is that command line: preview loads what it would
 * import (writing nothing), import writes it, both on the task runner. May use {@code data} with
 * its importers, {@code figure} and {@code ui.common}; the window opens it and is told the folder
 * imported.
 */
package org.v1workbench.ui.importer;
