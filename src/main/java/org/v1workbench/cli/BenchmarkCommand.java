package org.v1workbench.cli;

import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.Importers;
import org.v1workbench.train.Benchmark;
import org.v1workbench.train.BenchmarkReport;
import org.v1workbench.train.ModelFitters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** Cross-validates models over images and writes the comparison table of the paper. */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = {"k-fold cross-validation over images for each model named; writes PREFIX.csv, PREFIX-neurons.csv and PREFIX.md.",
                "Per session, fold k is tested, fold k+1 early-stops, the rest trains; scores are on the pooled out-of-fold predictions."})
public final class BenchmarkCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR", description = "the dataset", required = true)
    Path data;

    @Option(names = "--models", paramLabel = "A,B,...", split = ",", description = "models to compare (available: ${COMPLETION-CANDIDATES})",
            completionCandidates = ModelFitters.Names.class, required = true)
    List<String> models;

    @Option(names = "--folds", defaultValue = "7", description = "number of folds (default ${DEFAULT-VALUE})")
    int folds;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the fold permutation and the models (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", paramLabel = "PREFIX", required = true, description = "prefix of the files written")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (folds < 3) throw new BadInputException("--folds: at least 3 folds are needed (test, validation, train), not " + folds);
        List<Benchmark.Entry> entries = new ArrayList<>();
        for (String m : models) entries.add(new Benchmark.Entry(m, ModelFitters.forModel(m)));
        Dataset d = Importers.open(data);
        if (d.images() < folds * 3) throw new BadInputException(data, d.images() + " images are too few for " + folds + " folds");
        List<Benchmark.ModelResult> results = Benchmark.run(d, entries, folds, seed, line -> System.err.println(line));
        BenchmarkReport.write(d, results, folds, seed, out);
        System.out.print(BenchmarkReport.markdown(d, results, folds, seed));
        return Main.OK;
    }
}
