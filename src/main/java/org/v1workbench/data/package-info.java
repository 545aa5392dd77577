/**
 * Datasets and their files: the in-memory {@link org.v1workbench.data.Dataset} (stimuli
 * {@code images x height x width}, responses {@code images x repeats x neurons} with NaN where a
 * repeat is missing, neurons, sessions, tiers), the on-disk format that
 * {@link org.v1workbench.data.DatasetFolder} reads and writes (DESIGN.md), the small file
 * formats every package shares (NumPy .npy, CSV, JSON fields read with checks, atomic writes), the
 * importers' registry, and {@link org.v1workbench.data.BadInputException}, which every package
 * throws for unusable input.
 *
 * <p>May use: the JDK, Jackson and mfl-core (MAT files, in {@code data.importers}); no other
 * package of the workbench, as every other package uses this one.
 */
package org.v1workbench.data;
