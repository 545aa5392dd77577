/**
 * The command line ({@link org.v1workbench.cli.Main}, picocli): one class per command
 * ({@code info}, {@code import}, {@code simulate}, {@code train}, {@code evaluate}, {@code score},
 * {@code benchmark}, {@code sweep}, {@code probe}, {@code snapshot}), the options several commands
 * share as picocli mixins ({@link org.v1workbench.cli.DataOption}: {@code --data} or the sample;
 * {@link org.v1workbench.cli.ExperimentOption}: {@code --experiment} and the dataset it was
 * trained on; {@link org.v1workbench.cli.FitOptions}: where fits run, here or on Spark;
 * {@link org.v1workbench.cli.PlanOptions}: the plan/run split for job arrays), and the launcher
 * of the window.
 *
 * <p>Contract (DESIGN.md): exit status 0 on success, 2 on bad input or arguments with one line on
 * stderr naming the file or option (a {@link org.v1workbench.data.BadInputException}), 1 on an
 * internal error; progress on stderr, results in files and a short summary on stdout. May use
 * every other package; {@code ui} only for {@code snapshot} and {@code benchmark --ui-stall}, and
 * the window itself only by name, so that headless commands never load JavaFX; likewise
 * {@code distributed} (Spark) only by name, when {@code --spark} is given.
 */
package org.v1workbench.cli;
