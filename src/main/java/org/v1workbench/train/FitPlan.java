package org.v1workbench.train;

import org.v1workbench.data.Dataset;
import org.v1workbench.experiment.HistoryRow;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The units of work of a cross-validated comparison (a benchmark's models, a sweep's settings):
 * every fit of every entry on every session group, fold and ensemble member, in the order the
 * single-machine run fits them. The units are independent, so a thread, a Spark task or a Slurm
 * array job may run any of them anywhere; {@link #collect} pools whatever results come back into
 * each entry's out-of-fold predictions, the same numbers wherever the units ran.
 *
 * <p>An ensemble of K seeds is K units whose predictions are averaged here in member order, with
 * the arithmetic of {@link org.v1workbench.experiment.Experiment#predict} (a double sum from 0,
 * divided by K), so that it equals the ensemble that {@code train --ensemble K} fits in one job.
 */
public record FitPlan(List<Entry> entries, int folds, long seed, List<FitUnit> units) {
    public FitPlan {
        entries = List.copyOf(entries);
        units = List.copyOf(units);
    }

    /**
     * One row of the comparison: a model with its settings, under the name reports give it.
     *
     * @param settings       as for {@link ModelFitters#foldFitter}, without {@code ensemble}
     * @param acrossSessions one fit per fold for all sessions (a shared core) instead of one per session
     * @param members        ensemble members (seeds) per fit; 1 for a model that takes no seed
     */
    public record Entry(String label, String model, SortedMap<String, String> settings, boolean acrossSessions, int members)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        public Entry {
            settings = Collections.unmodifiableSortedMap(new TreeMap<>(settings));
            if (members < 1) throw new IllegalArgumentException("members must be at least 1, not " + members);
        }
    }

    /**
     * Model {@code model} with {@code settings} (a benchmark's {@code --set}, a sweep's setting),
     * checked as {@link ModelFitters#forModel(String, Map)} checks them (a BadInputException
     * names what is wrong).
     */
    public static Entry entry(String label, String model, Map<String, String> settings) {
        ModelFitters.forModel(model, settings);
        int members = ModelFitters.isPreset(model) ? ModelFitters.ensemble(settings) : 1;
        TreeMap<String, String> own = new TreeMap<>(settings);
        own.remove(ModelFitters.ENSEMBLE);
        return new Entry(label, model, own, ModelFitters.fitsAcrossSessions(model, settings), members);
    }

    /** The units of {@code entries} on {@code d}: per entry, per session group, per fold, per member. */
    public static FitPlan of(Dataset d, List<Entry> entries, int folds, long seed) {
        CrossValidation.folds(d.images(), folds, seed); // checks that the folds can be made
        List<FitUnit> units = new ArrayList<>();
        for (int e = 0; e < entries.size(); e++) {
            Entry entry = entries.get(e);
            for (String group : groups(d, entry))
                for (int f = 0; f < folds; f++)
                    for (int m = 0; m < entry.members(); m++)
                        units.add(new FitUnit(units.size(), e, entry.label(), entry.model(), entry.settings(), group, folds, f, seed, m));
        }
        return new FitPlan(entries, folds, seed, units);
    }

    private static List<String> groups(Dataset d, Entry e) {
        return e.acrossSessions() ? List.of(CrossValidation.ALL_SESSIONS) : d.sessions();
    }

    /**
     * An entry's pooled out-of-fold predictions, {@code images x neurons} (each image predicted by
     * the fit whose training never saw it; the validation predictions pool each fold's validation
     * images, every image once), the seconds its fits took, summed, and its fits' learning curves.
     *
     * @param validation null where the fitter predicted no validation images
     * @param history    every fit's history, its run named by {@link #runName}; in plan order
     */
    public record Pooled(Entry entry, double[][] validation, double[][] test, double seconds, List<HistoryRow> history) {}

    /**
     * The run a fit's history is filed under: {@code fold3}, with the session where the entry is
     * fitted per session ({@code fold3-SESSION}) and the member where it is an ensemble
     * ({@code fold3-member2}); the fit's own run id is appended where it had several runs.
     */
    static String runName(FitUnit u, boolean perSession, int members, String run, boolean severalRuns) {
        String name = "fold" + (u.fold() + 1) + (u.isInner() ? "-inner" + (u.inner() + 1) : "") + (perSession ? "-" + u.group() : "")
                + (members > 1 ? "-member" + (u.member() + 1) : "");
        return severalRuns ? name + "-" + run : name;
    }

    /** Pools {@code results} (one per unit, any order) into each entry's predictions. */
    public List<Pooled> collect(Dataset d, List<FitResult> results) {
        Map<Integer, FitResult> byUnit = new HashMap<>();
        for (FitResult r : results) {
            if (r.unit() < 0 || r.unit() >= units.size()) throw new IllegalArgumentException("result for unit " + r.unit() + " of a plan of " + units.size());
            if (byUnit.put(r.unit(), r) != null) throw new IllegalArgumentException("two results for unit " + r.unit());
        }
        List<Integer> missing = IntStream.range(0, units.size()).filter(i -> !byUnit.containsKey(i)).boxed().toList();
        if (!missing.isEmpty())
            throw new IllegalArgumentException(missing.size() + " of " + units.size() + " units have no result (first: unit " + missing.get(0) + ")");
        CrossValidation.Fold[] fs = CrossValidation.folds(d.images(), folds, seed);
        List<Pooled> out = new ArrayList<>();
        for (int e = 0; e < entries.size(); e++) {
            int entry = e;
            List<FitUnit> own = units.stream().filter(u -> u.entry() == entry).toList();
            boolean validation = own.stream().allMatch(u -> byUnit.get(u.index()).validation() != null);
            double[][] test = nan(d), val = validation ? nan(d) : null;
            double seconds = 0;
            List<HistoryRow> history = new ArrayList<>();
            boolean perSession = own.stream().map(FitUnit::group).distinct().count() > 1;
            for (FitUnit u : own) {
                List<HistoryRow> h = byUnit.get(u.index()).history();
                boolean several = h.stream().map(HistoryRow::run).distinct().count() > 1;
                for (HistoryRow row : h) history.add(row.withRun(runName(u, perSession, entries.get(e).members(), row.run(), several)));
            }
            // The members of one group and fold (and inner fold) follow each other in the plan.
            Map<String, List<FitUnit>> fits = own.stream().collect(Collectors.groupingBy(u -> u.group() + "\u0000" + u.fold() + "\u0000" + u.inner(),
                    java.util.LinkedHashMap::new, Collectors.toList()));
            for (List<FitUnit> members : fits.values()) {
                FitUnit first = members.get(0);
                int[] neurons = FitRunner.neuronsOf(d, first.group());
                CrossValidation.Fold fold = first.isInner() ? first.foldOf(d.images()) : fs[first.fold()];
                List<FitResult> rs = members.stream().sorted(java.util.Comparator.comparingInt(FitUnit::member))
                        .map(u -> byUnit.get(u.index())).toList();
                for (FitResult r : rs) seconds += r.seconds();
                place(test, fold.test(), neurons, average(rs.stream().map(FitResult::test).toList()));
                if (validation) place(val, fold.validation(), neurons, average(rs.stream().map(FitResult::validation).toList()));
            }
            out.add(new Pooled(entries.get(e), val, test, seconds, history));
        }
        return out;
    }

    private static double[][] nan(Dataset d) {
        double[][] m = new double[d.images()][d.neuronCount()];
        for (double[] row : m) java.util.Arrays.fill(row, Double.NaN);
        return m;
    }

    private static void place(double[][] pooled, int[] images, int[] neurons, double[][] p) {
        for (int t = 0; t < images.length; t++)
            for (int j = 0; j < neurons.length; j++) pooled[images[t]][neurons[j]] = p[t][j];
    }

    /** The members' mean as an ensemble computes it; one member's predictions as they are. */
    private static double[][] average(List<double[][]> members) {
        if (members.size() == 1) return members.get(0);
        double[][] first = members.get(0);
        double[][] sum = new double[first.length][first.length == 0 ? 0 : first[0].length];
        for (double[][] m : members)
            for (int i = 0; i < sum.length; i++)
                for (int j = 0; j < sum[i].length; j++) sum[i][j] += m[i][j];
        for (double[] row : sum)
            for (int j = 0; j < row.length; j++) row[j] /= members.size();
        return sum;
    }

    /** {@code KEY=VALUE, ...} of a setting, in its own order: how reports name it. */
    public static String describe(Map<String, String> settings) {
        return settings.entrySet().stream().map(en -> en.getKey() + "=" + en.getValue()).collect(Collectors.joining(", "));
    }
}
