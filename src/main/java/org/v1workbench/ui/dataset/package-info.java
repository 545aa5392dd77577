/**
 * The dataset browser workspace: {@link org.v1workbench.ui.dataset.DatasetBrowserModel} (the page
 * of stimulus thumbnails, the selected images, the neuron table with its filters, and the data of
 * the response chart and the raster), its {@link org.v1workbench.ui.dataset.DatasetBrowserView},
 * and the values the model hands to the view ({@link org.v1workbench.ui.dataset.BrowserData},
 * {@link org.v1workbench.ui.dataset.NeuronRow}).
 *
 * <p>Contract: the model holds no scene-graph types; per-neuron statistics, CC_max and thumbnails
 * are computed in tasks of the task runner. May use {@code data}, {@code figure},
 * {@code ui.common} and {@code ui.chart}; no other workspace.
 */
package org.v1workbench.ui.dataset;
