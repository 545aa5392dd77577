/**
 * Simulated V1 with known ground truth: natural-statistics stimuli ({@link org.v1workbench.sim.DeadLeaves},
 * {@link org.v1workbench.sim.PhotoPatches}), a population of model neurons whose expected rate to any
 * image is computable ({@link org.v1workbench.sim.SimulatedPopulation}, {@link org.v1workbench.sim.SimulatedNeuron}),
 * spike counts drawn from it ({@link org.v1workbench.sim.Simulator}), and the sample dataset built from
 * them ({@link org.v1workbench.sim.SampleData}). Same settings, same bytes, on every machine.
 */
package org.v1workbench.sim;
