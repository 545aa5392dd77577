package org.v1workbench.train;

import org.v1workbench.data.Dataset;

import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a plan's units of work somewhere: on this thread ({@link LocalFits}) or as the tasks of an
 * Apache Spark job ({@code org.v1workbench.distributed.SparkFits}). Whatever runs them, a unit
 * gives the same numbers: it carries its seeds, and {@link FitRunner} fits it the same way.
 */
public interface FitExecutor {
    /**
     * Runs every unit on {@code data} and returns one result per unit, in any order.
     *
     * @param progress one line per step for stderr; may be null
     */
    List<FitResult> run(Dataset data, List<FitUnit> units, Consumer<String> progress) throws Exception;
}
