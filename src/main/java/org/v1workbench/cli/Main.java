package org.v1workbench.cli;

import org.v1workbench.data.BadInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * The single entry point: with no command it opens the workbench window on the sample data, or
 * on the dataset folder given as the only argument (so that a file manager can open a dataset
 * with the installed launcher); with a command it runs headless. Exit status 0 success, 2 bad input or arguments (one line on
 * stderr naming the file or option), 1 internal error.
 */
@Command(name = "v1-workbench", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Train deep networks to predict V1 neurons' responses to natural images, score them "
                + "against the noise ceiling, and probe what each neuron encodes.%n"
                + "With no command, opens the workbench window on the sample data, or on DATASET.",
        subcommands = {
                InfoCommand.class,
                ImportCommand.class,
                SimulateCommand.class,
                ScoreCommand.class,
                TrainCommand.class,
                EvaluateCommand.class,
                BenchmarkCommand.class,
                SweepCommand.class,
                ProbeCommand.class,
                FigureCommand.class,
                SnapshotCommand.class,
        })
public final class Main implements Callable<Integer> {
    public static final int OK = 0, INTERNAL_ERROR = 1, BAD_INPUT = 2;

    @CommandLine.Option(names = "--verbose", description = "with --version: also the nd4j build loaded and each training-engine patch, on or off here")
    boolean verbose;

    @Parameters(arity = "0..1", paramLabel = "DATASET",
            description = "open the window on this dataset folder (or any folder or file an importer recognises) instead of the sample data")
    Path dataset;

    public static void main(String[] args) {
        Integer relaunched = WorkbenchLauncher.relaunchToTrain(args); // in a JVM with the Vector API
        System.exit(relaunched != null ? relaunched : run(args));
    }

    /** Runs the command line and returns the exit status (tests call this instead of main). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExitCodeExceptionMapper(e -> e instanceof BadInputException || e instanceof CommandLine.ParameterException ? BAD_INPUT : INTERNAL_ERROR);
        cl.setExecutionExceptionHandler(Main::handle);
        cl.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println("error: " + e.getMessage());
            e.getCommandLine().getErr().println("(see --help)");
            return BAD_INPUT;
        });
        return cl;
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        Throwable bad = e;
        while (bad != null && !(bad instanceof BadInputException)) bad = bad.getCause();
        if (bad != null) {
            String m = String.valueOf(bad.getMessage());
            err.println("error: " + m.lines().findFirst().orElse(m)); // one line, whatever a library wrote
            return BAD_INPUT;
        }
        err.println("internal error: " + e);
        e.printStackTrace(err);
        return INTERNAL_ERROR;
    }

    @Override
    public Integer call() throws Exception {
        if (dataset != null && !Files.exists(dataset))
            throw new BadInputException(dataset + ": no such command or dataset (see --help for the commands)");
        return WorkbenchLauncher.launch(dataset == null ? null : dataset.toAbsolutePath().normalize());
    }

    /** The arguments a subcommand was given (those after its name), as typed: what a plan file records. */
    static java.util.List<String> argsOf(CommandLine.Model.CommandSpec spec) {
        java.util.List<String> all = spec.commandLine().getParseResult().originalArgs();
        int at = all.indexOf(spec.name());
        return new java.util.ArrayList<>(all.subList(at + 1, all.size()));
    }

    /**
     * The version from the jar's manifest (or "development" when run from classes); with
     * {@code --verbose}, the backend and the training engine's self-check too.
     */
    static final class Version implements CommandLine.IVersionProvider {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public String[] getVersion() {
            java.util.List<String> lines = new java.util.ArrayList<>(org.v1workbench.train.Provenance.versionLines());
            CommandLine.Model.OptionSpec v = spec == null ? null : spec.findOption("--verbose");
            if (v != null && Boolean.TRUE.equals(v.getValue())) lines.addAll(org.v1workbench.train.Provenance.engineLines());
            return lines.stream().map(l -> l.replace("%", "%%")).toArray(String[]::new); // picocli formats version lines
        }
    }
}
