package org.v1workbench.train;

import org.v1workbench.data.AtomicFiles;
import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.Tier;
import org.v1workbench.data.Tiers;
import org.v1workbench.model.ModelConfig;
import org.v1workbench.model.Presets;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The units of work of {@code benchmark --transfer}, in two rounds: first the {@link Core}s (per
 * model and held-out session, one per fold or one on all images), then the {@link Readouts}
 * (per model, session and fold: the session's neurons from scratch, and as readouts on the core
 * trained without them). A transferred unit needs its core unit's core; the scratch units need
 * nothing. Every unit carries its seeds, so that a thread here, a Spark task or a job array's task
 * computes the same numbers; {@link #results} pools whatever results come back into each
 * session's two columns.
 *
 * <p>Units are numbered cores first ({@code 0} to {@link #cores()}{@code - 1}), then the fits,
 * per model and session: the scratch folds, then the transferred folds.
 */
public final class TransferPlan {
    /** One model of the comparison: where its report and its cores go. */
    public record Model(String model, Path prefix, Path cores) {}

    /** A unit of work: a core to train, or one fold of one session's fits. */
    public sealed interface Unit extends Serializable permits Core, Readouts {
        int index();
    }

    /**
     * A core of {@code preset} with {@code settings}, trained on the neurons of every session but
     * {@code heldOut}, on fold {@code fold}'s training and validation images ({@code fold} -1: one
     * core on all images, validation early-stopping on the first fold's), seeded with {@code seed}.
     */
    public record Core(int index, int model, String preset, SortedMap<String, String> settings, String heldOut, int folds, int fold,
                       long seed) implements Unit {
        private static final long serialVersionUID = 1L;

        public Core {
            settings = Collections.unmodifiableSortedMap(new TreeMap<>(settings));
        }

        /** Its folder under the model's cores folder: {@code without-session-S/fold-F} (or {@code without-session-S}). */
        public String folder() {
            String s = sessionFolder(heldOut);
            return fold < 0 ? s : s + "/fold-" + (fold + 1);
        }

        public String describe() {
            return "the core without session " + heldOut + (fold < 0 ? "" : ", fold " + (fold + 1));
        }
    }

    /**
     * One fold of one session's neurons ({@code fit}: its group is the session): from scratch
     * ({@code core} -1), or as readouts on the frozen core of unit {@code core}.
     */
    public record Readouts(int index, int model, FitUnit fit, int core) implements Unit {
        private static final long serialVersionUID = 1L;

        public boolean transferred() {
            return core >= 0;
        }

        public String describe() {
            return fit.model() + (transferred() ? " on its core" : " from scratch") + ", session " + fit.group() + " fold " + (fit.fold() + 1);
        }
    }

    /** The folder, under a model's cores folder, of the cores trained without {@code session}. */
    static String sessionFolder(String session) {
        return "without-session-" + session.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private final List<Model> models;
    private final int folds;
    private final long seed;
    private final boolean perFold;
    private final Map<String, String> settings;
    private final List<Unit> units;
    private final int cores;

    private TransferPlan(List<Model> models, int folds, long seed, boolean perFold, Map<String, String> settings, List<Unit> units, int cores) {
        this.models = List.copyOf(models);
        this.folds = folds;
        this.seed = seed;
        this.perFold = perFold;
        this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        this.units = List.copyOf(units);
        this.cores = cores;
    }

    /**
     * The units of {@code models} on {@code d} with {@code --set} {@code settings}, checked before
     * anything runs (a preset without a core, a dataset of one session, a bad setting are
     * BadInputExceptions). Reports go to {@code out} ({@code out-MODEL} with several models), the
     * cores to {@code out-cores-MODEL/}.
     */
    public static TransferPlan of(Dataset d, List<String> models, Map<String, String> settings, int folds, long seed, boolean perFold, Path out) {
        if (d.sessions().size() < 2) throw new BadInputException("--transfer: dataset '" + d.name() + "' has one session; leaving one out needs two or more");
        if (d.images() < folds * 3) throw new BadInputException(d.name() + ": " + d.images() + " images are too few for " + folds + " folds");
        List<Model> ms = new ArrayList<>();
        List<Core> coreUnits = new ArrayList<>();
        List<Map<String, String>> scratchSettings = new ArrayList<>();
        for (int m = 0; m < models.size(); m++) {
            String model = models.get(m);
            ModelFitters.forModel(model, settings); // the benchmark's checks and messages
            if (!Presets.names().contains(model) || Presets.get(model).coreParameterPrefixes().isEmpty())
                throw new BadInputException("--transfer: " + model + " has no core to transfer (presets with one: "
                        + String.join(", ", Presets.all().stream().filter(p -> !p.coreParameterPrefixes().isEmpty()).map(p -> p.name()).toList()) + ")");
            ms.add(new Model(model, models.size() == 1 ? out : out.resolveSibling(out.getFileName() + "-" + model),
                    out.resolveSibling(out.getFileName() + "-cores-" + model)));
            Map<String, String> own = new LinkedHashMap<>(ModelFitters.settingsOf(Presets.get(model), settings));
            own.remove("core_from");
            own.remove("freeze_core");
            scratchSettings.add(own);
            Map<String, String> coreSettings = new LinkedHashMap<>(own);
            if (Presets.get(model).defaults().containsKey("shared_core")) coreSettings.put("shared_core", "true");
            for (String s : d.sessions())
                for (int f = perFold ? 0 : -1; f < (perFold ? folds : 0); f++)
                    coreUnits.add(new Core(coreUnits.size(), m, model, new TreeMap<>(coreSettings), s, folds, f, seed));
        }
        List<Unit> units = new ArrayList<>(coreUnits);
        for (int m = 0; m < models.size(); m++) {
            String model = models.get(m);
            Map<String, String> transferSettings = new LinkedHashMap<>(scratchSettings.get(m));
            transferSettings.put("freeze_core", "true");
            for (String s : d.sessions()) {
                for (int f = 0; f < folds; f++)
                    units.add(new Readouts(units.size(), m, new FitUnit(units.size(), 2 * m, model + " from scratch", model, scratchSettings.get(m), s,
                            folds, f, seed, 0), -1));
                for (int f = 0; f < folds; f++) {
                    int entry = m, coreFold = perFold ? f : -1;
                    Core core = coreUnits.stream().filter(c -> c.model() == entry && c.heldOut().equals(s) && c.fold() == coreFold)
                            .findFirst().orElseThrow();
                    units.add(new Readouts(units.size(), m, new FitUnit(units.size(), 2 * m + 1, model + " on a transferred core", model,
                            transferSettings, s, folds, f, seed, 0), core.index()));
                }
            }
        }
        return new TransferPlan(ms, folds, seed, perFold, settings, units, coreUnits.size());
    }

    public List<Model> models() {
        return models;
    }

    public List<Unit> units() {
        return units;
    }

    /** The number of core units: units 0 to {@code cores() - 1}. */
    public int cores() {
        return cores;
    }

    public int folds() {
        return folds;
    }

    public long seed() {
        return seed;
    }

    public boolean perFold() {
        return perFold;
    }

    /** The folder of {@code core} on this machine (under its model's cores folder). */
    public Path folderOf(Core core) {
        return models.get(core.model()).cores().resolve(core.folder());
    }

    /** The core unit that {@code r} is fitted on; null from scratch. */
    public Core coreOf(Readouts r) {
        return r.transferred() ? (Core) units.get(r.core()) : null;
    }

    // ------------------------------------------------------------------------------ running a unit

    /**
     * Trains {@code core} on {@code d} into the experiment folder {@code dir}; its result (no
     * predictions, its time) stands for it among the plan's results.
     */
    public static FitResult train(Dataset d, Core core, Path dir) throws Exception {
        int[] others = IntStream.range(0, d.neuronCount()).filter(n -> !d.neuron(n).session().equals(core.heldOut())).toArray();
        CrossValidation.Fold split = CrossValidation.folds(d.images(), core.folds(), core.seed())[Math.max(core.fold(), 0)];
        Tier[] t = new Tier[d.images()];
        Arrays.fill(t, Tier.TRAIN);
        for (int i : split.validation()) t[i] = Tier.VALIDATION;
        if (core.fold() >= 0) for (int i : split.test()) t[i] = Tier.TEST;
        Dataset source = d.selectNeurons(others).toBuilder().tiers(Tiers.of(t)).build();
        ModelConfig c = Presets.config(core.preset(), core.settings(), core.seed());
        TrainingRequest request = new TrainingRequest(source, c, List.of(), 1, dir);
        TrainingService.check(request);
        long t0 = System.nanoTime();
        JobRunner.fresh(request, new TrainingJob()).run();
        return new FitResult(core.index(), null, new double[0][], (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Fits {@code r} on {@code d}; a transferred unit's frozen core is read from the experiment
     * folder {@code core} (wherever it is on this machine: the path does not change the numbers).
     */
    public static FitResult fit(Dataset d, Readouts r, Path core) throws Exception {
        if (r.transferred() && core == null) throw new IllegalArgumentException("unit " + r.index() + " needs its core");
        Map<String, String> s = new LinkedHashMap<>(r.fit().settings());
        if (r.transferred()) s.put("core_from", core.toAbsolutePath().toString());
        CrossValidation.Fitter f = ModelFitters.forModel(r.fit().model(), s);
        return FitRunner.fit(d, r.fit(), (session, fold, sd) -> new CrossValidation.FoldPredictions(null, f.fitAndPredict(session, fold, sd)));
    }

    /**
     * Runs {@code which} units here, in order, one after the other: a core into its folder
     * ({@link #folderOf}), a fit on the core in its folder. A transferred unit whose core is not
     * there yet (its unit not run) is refused with one line that names the core unit.
     */
    public List<FitResult> runHere(Dataset d, List<Integer> which, Consumer<String> progress) throws Exception {
        List<FitResult> out = new ArrayList<>();
        long start = System.nanoTime();
        for (int i : which) {
            Unit u = units.get(i);
            if (u instanceof Core c) out.add(train(d, c, folderOf(c)));
            else {
                Readouts r = (Readouts) u;
                Core c = coreOf(r);
                if (c != null && !Files.isRegularFile(folderOf(c).resolve(org.v1workbench.experiment.Experiment.CONFIG)))
                    throw new BadInputException(needs(r, "its core is not in " + folderOf(c)));
                out.add(fit(d, r, c == null ? null : folderOf(c)));
            }
            if (progress != null) progress.accept(done(u, out.size(), which.size(), (System.nanoTime() - start) / 1e9));
        }
        return out;
    }

    /** The one line that refuses transferred unit {@code r} before its core unit has run. */
    public String needs(Readouts r, String why) {
        Core c = coreOf(r);
        return String.format(Locale.ROOT, "unit %d (%s) needs core unit %d (%s), which has not been run yet (%s): run --unit %d first "
                + "(units 0 to %d train the cores)", r.index(), r.describe(), c.index(), c.describe(), why, c.index(), cores - 1);
    }

    /** A progress line: which unit finished, how many of how many, the time left at the pace so far. */
    public String done(Unit u, int done, int total, double elapsed) {
        String what = u instanceof Core c ? models.get(c.model()).model() + ": " + c.describe() + " trained" : ((Readouts) u).describe() + " done";
        return String.format(Locale.ROOT, "%s (%d/%d), %.0f s elapsed, about %.0f s left", what, done, total, elapsed, elapsed / done * (total - done));
    }

    // ------------------------------------------------------------------------------ results

    /**
     * Each model's sessions, scored on the pooled out-of-fold predictions of their fits
     * ({@code results}: one per unit, any order; the cores' results carry no predictions).
     */
    public List<List<TransferBenchmark.SessionResult>> results(Dataset d, List<FitResult> results) {
        FitResult[] byUnit = new FitResult[units.size()];
        for (FitResult r : results) {
            if (r.unit() < 0 || r.unit() >= units.size()) throw new IllegalArgumentException("result for unit " + r.unit() + " of a plan of " + units.size());
            if (byUnit[r.unit()] != null) throw new IllegalArgumentException("two results for unit " + r.unit());
            byUnit[r.unit()] = r;
        }
        for (int i = 0; i < byUnit.length; i++) if (byUnit[i] == null) throw new IllegalArgumentException("unit " + i + " has no result");
        CrossValidation.Fold[] fs = CrossValidation.folds(d.images(), folds, seed);
        int[] all = IntStream.range(0, d.images()).toArray();
        List<List<TransferBenchmark.SessionResult>> out = new ArrayList<>();
        for (int m = 0; m < models.size(); m++) {
            List<TransferBenchmark.SessionResult> sessions = new ArrayList<>();
            for (String s : d.sessions()) {
                Dataset session = d.selectNeurons(d.neuronsOf(s));
                double[][] scratch = nan(d.images(), session.neuronCount()), transferred = nan(d.images(), session.neuronCount());
                for (Unit u : units)
                    if (u instanceof Readouts r && r.model() == m && r.fit().group().equals(s)) {
                        double[][] p = byUnit[r.index()].test(), pooled = r.transferred() ? transferred : scratch;
                        int[] images = fs[r.fit().fold()].test();
                        for (int i = 0; i < images.length; i++) pooled[images[i]] = p[i].clone();
                    }
                Path core = models.get(m).cores().resolve(sessionFolder(s));
                sessions.add(new TransferBenchmark.SessionResult(s, Benchmark.scored(session, models.get(m).model(), scratch, all, 0).scores(),
                        Benchmark.scored(session, models.get(m).model(), transferred, all, 0).scores(), core));
            }
            out.add(sessions);
        }
        return out;
    }

    /**
     * Writes each model's {@code PREFIX-transfer.csv} and {@code .md} from {@code results}; one
     * line per session on {@code progress}; returns the markdown of them all.
     */
    public String write(Dataset d, List<FitResult> results, Consumer<String> progress) throws IOException {
        StringBuilder md = new StringBuilder();
        List<List<TransferBenchmark.SessionResult>> all = results(d, results);
        for (int m = 0; m < models.size(); m++) {
            Model model = models.get(m);
            if (progress != null)
                for (TransferBenchmark.SessionResult r : all.get(m))
                    progress.accept(String.format(Locale.ROOT, "%s: session %s: from scratch %.3f, transferred core %.3f", model.model(), r.session(),
                            TransferBenchmark.mean(r.scratch()), TransferBenchmark.mean(r.transferred())));
            md.append(TransferBenchmark.write(d, model.model(), all.get(m), folds, seed, perFold, settings, model.prefix()));
        }
        return md.toString();
    }

    private static double[][] nan(int rows, int columns) {
        double[][] m = new double[rows][columns];
        for (double[] row : m) Arrays.fill(row, Double.NaN);
        return m;
    }

    // ------------------------------------------------------------------------------ a core as bytes

    /** The files of the folder {@code dir} as one zip, in name order: a core that travels to another machine. */
    public static byte[] zip(Path dir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes); Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                z.putNextEntry(new ZipEntry(dir.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, z);
                z.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Writes {@link #zip}'s folder to {@code dir}, which it replaces once complete. */
    public static void unzip(byte[] zip, Path dir) throws IOException {
        AtomicFiles.writeDirectory(dir, tmp -> {
            try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip))) {
                for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                    Path f = tmp.resolve(e.getName()).normalize();
                    if (!f.startsWith(tmp)) throw new IOException("a core's file outside its folder: " + e.getName());
                    Files.createDirectories(f.getParent());
                    Files.copy(z, f);
                }
            }
        });
    }

    /** Runs a plan's units somewhere (this thread: {@link LocalFits}; Spark's tasks), the cores before the fits on them. */
    public interface Executor {
        /**
         * Runs every unit of {@code plan} on {@code data}, each core written to its folder on this
         * machine ({@link #folderOf}) before the fits that use it, and returns one result per unit.
         */
        List<FitResult> runTransfer(Dataset data, TransferPlan plan, Consumer<String> progress) throws Exception;
    }
}
