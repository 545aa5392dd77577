package org.v1workbench.train;

import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.Tier;
import org.v1workbench.experiment.DatasetIdentity;
import org.v1workbench.experiment.Experiment;
import org.v1workbench.experiment.HistoryRow;
import org.v1workbench.experiment.Outcome;
import org.v1workbench.experiment.RunRecord;
import org.v1workbench.experiment.TrainedRun;
import org.v1workbench.metrics.Metrics;
import org.v1workbench.model.engine.Backend;
import org.v1workbench.model.Loss;
import org.v1workbench.model.ModelConfig;
import org.v1workbench.model.Network;
import org.v1workbench.model.NetworkSpec;
import org.v1workbench.model.Preset;
import org.v1workbench.model.Presets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Runs one job on the service's thread: plans the runs (one per session group, ensemble member
 * and validation-search candidate), trains those not yet done, chooses each group's candidate,
 * and saves the experiment.
 *
 * <p>Per run: one epoch at a time; after each, the validation score (mean CC over the run's
 * neurons) decides early stopping (best parameters kept, {@code patience} epochs) and
 * learning-rate decay on plateau. The state at the end of every completed epoch is kept, so
 * that a cancel (checked between batches) or a divergence (NaN or infinite loss) rolls back to
 * the last completed epoch: the saved experiment is always at an epoch boundary, and resuming it
 * continues exactly as an uninterrupted run would (each epoch's order and dropout masks come from
 * the seed and the epoch number).
 *
 * <p>Faults. With an output folder, the experiment is autosaved after an epoch that improved the
 * validation score (the first such epoch always, then at most once per {@link Seams#autosaveSeconds}):
 * the runs so far as a cancel would leave them (resumable), so a crash loses at most the epochs
 * since. A batch that does not fit in memory fails the job with a {@link BadInputException}
 * naming {@code batch_size} (nothing saved); a full disk fails it with one that says so (the
 * folder keeps its previous version: {@link org.v1workbench.data.AtomicFiles}); dataset files
 * changed or deleted while training (size or modification time, checked at every save) are said in
 * the experiment's reason (the model is saved: it was trained, and is scored, on the data as loaded).
 */
final class JobRunner {
    // ------------------------------------------------------------------ test seams (package-private)

    /** Called on the training thread before each epoch, with the epochs completed; a test throws from it to simulate a fault. */
    interface EpochHook {
        void before(String run, int completedEpochs, Network net);
    }

    /** How an experiment is written; a test replaces it to simulate a full disk. */
    interface Saver {
        void save(Experiment e, Path dir, Dataset data) throws IOException;
    }

    /**
     * What a test replaces, passed in: the hook before each epoch (null: none), how an experiment
     * is written, and the least training time in seconds between two autosaves (the first
     * improvement is always saved).
     */
    record Seams(EpochHook epochHook, Saver saver, java.util.function.DoubleSupplier autosaveSeconds) {
        static final Seams NONE = new Seams(null, Experiment::save, () -> 30);
    }

    private final Seams seams;


    private final Dataset data;
    private final ModelConfig config;
    private final List<String> sessions;
    private final int ensemble;
    private final Path out;
    private final TrainingJob job;
    private final List<RunRecord> runs;
    private final Map<String, TrainedRun> trained;
    private final List<HistoryRow> history;
    private final String metric;
    private final double previousSeconds;
    /** The core a fresh network starts from ({@code core_from}); loaded when the first run needs it. */
    private CoreTransfer transfer;
    private final DataFiles dataFiles;
    private Backend.Info backend;
    /** This job's registration as a training ({@link CoreShare}): how few threads it got beside others. */
    private CoreShare share;
    private DatasetIdentity identity;
    private long jobStart;
    /** When the last autosave ended (System.nanoTime), 0 before the first. */
    private long lastAutosave;
    private boolean autosaved;

    private JobRunner(Dataset data, ModelConfig config, List<String> sessions, int ensemble, Path out, TrainingJob job,
                      List<RunRecord> runs, Map<String, TrainedRun> trained, List<HistoryRow> history, double previousSeconds, Seams seams) {
        this.seams = seams;
        this.data = data;
        this.config = config;
        this.sessions = sessions;
        this.ensemble = ensemble;
        this.out = out;
        this.job = job;
        this.runs = new ArrayList<>(runs);
        this.trained = new LinkedHashMap<>(trained);
        this.history = new ArrayList<>(history);
        this.metric = validationMetric(config, data);
        this.previousSeconds = previousSeconds;
        this.dataFiles = DataFiles.of(data.location());
    }

    /**
     * The early-stopping score: {@code stop_on} (CC_norm for configurations saved before it was a
     * choice, as they were trained), CC_abs where the data have no repeats to estimate a noise
     * ceiling from.
     */
    static String validationMetric(ModelConfig config, Dataset data) {
        String asked = config.text("stop_on");
        return asked.equals("cc_norm") && data.repeats() >= 2 ? "cc_norm" : "cc_abs";
    }

    static JobRunner fresh(TrainingRequest r, TrainingJob job) {
        return fresh(r, job, Seams.NONE);
    }

    static JobRunner fresh(TrainingRequest r, TrainingJob job, Seams seams) {
        List<String> sessions = r.sessions().isEmpty() ? r.data().sessions() : r.sessions();
        List<RunRecord> plan = plan(r.data(), r.config(), sessions, r.ensemble());
        return new JobRunner(r.data(), r.config(), sessions, r.ensemble(), r.out(), job, plan, Map.of(), List.of(), 0, seams);
    }

    static JobRunner resumed(Experiment e, Dataset data, Path out, TrainingJob job, Seams seams) {
        if (!DatasetIdentity.checksum(data).equals(e.dataset().sha256()))
            throw new BadInputException("dataset '" + data.name() + "' is not the one experiment " + out + " was trained on (checksum differs)");
        return new JobRunner(data, e.config(), e.sessions(), e.ensemble(), out, job, e.runs(), e.trained(), e.history(), e.seconds(), seams);
    }

    /** The runs of a fresh job, all pending. */
    static List<RunRecord> plan(Dataset d, ModelConfig config, List<String> sessions, int ensemble) {
        Preset preset = Presets.get(config.preset());
        Map<String, List<String>> groups = new LinkedHashMap<>();
        if (preset.sharesAcrossSessions(config)) {
            groups.put(sessions.size() == 1 ? "session-" + sessions.get(0) : "all", neuronIds(d, sessions));
        } else {
            for (String s : sessions) groups.put("session-" + s, neuronIds(d, List.of(s)));
        }
        List<Map<String, String>> search = preset.validationSearch();
        List<RunRecord> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> g : groups.entrySet()) {
            if (g.getValue().isEmpty()) throw new BadInputException("session group " + g.getKey() + " has no neurons");
            for (int m = 0; m < ensemble; m++)
                for (int c = 0; c < search.size(); c++) {
                    String id = sanitize(g.getKey()) + "-m" + m + (search.size() > 1 ? "-c" + c : "");
                    ModelConfig rc = config.with(search.get(c));
                    out.add(RunRecord.pending(id, g.getKey(), g.getValue(), m, config.seed() + m, c, search.get(c), rc.number("lr")));
                }
        }
        return out;
    }

    private static String sanitize(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static List<String> neuronIds(Dataset d, List<String> sessions) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < d.neuronCount(); i++)
            if (sessions.contains(d.neuron(i).session())) ids.add(d.neuron(i).id());
        return ids;
    }

    Experiment run() throws IOException {
        jobStart = System.nanoTime();
        backend = Backend.init();
        try (CoreShare registered = CoreShare.register()) { // other processes that train size their threads by it
            share = registered;
            for (int i = 0; i < runs.size(); i++) {
                RunRecord r = runs.get(i);
                if (r.status() == RunRecord.Status.DONE) continue;
                if (job.cancelRequested()) break;
                runs.set(i, new RunTrainer(r, i).train());
            }
        }
        chooseCandidates(runs, trained);
        double seconds = previousSeconds + (System.nanoTime() - jobStart) / 1e9;
        Outcome outcome;
        StringBuilder reason = new StringBuilder();
        long diverged = runs.stream().filter(r -> r.outcome() == Outcome.DIVERGED).count();
        long pending = runs.stream().filter(r -> r.status() != RunRecord.Status.DONE).count();
        if (pending > 0) {
            outcome = Outcome.CANCELLED;
            reason.append("cancelled; ").append(pending).append(" of ").append(runs.size()).append(" runs unfinished (resumable)");
        } else if (diverged > 0) {
            outcome = Outcome.DIVERGED;
            reason.append(diverged).append(" of ").append(runs.size()).append(" runs diverged (last good weights kept): ");
            runs.stream().filter(r -> r.outcome() == Outcome.DIVERGED).forEach(r -> reason.append(r.id()).append(": ").append(r.reason()).append("; "));
        } else if (runs.stream().allMatch(r -> r.outcome() == Outcome.EARLY_STOPPED)) {
            outcome = Outcome.EARLY_STOPPED;
            reason.append("every run stopped early (no better validation score for ").append(config.text("patience")).append(" epochs)");
        } else {
            outcome = Outcome.FINISHED;
            long early = runs.stream().filter(r -> r.outcome() == Outcome.EARLY_STOPPED).count();
            reason.append(runs.size() - early).append(" runs reached max_epochs, ").append(early).append(" stopped early");
        }
        Experiment e = experiment(runs, trained, outcome, reason.toString().strip(), seconds);
        if (out != null) e = save(e);
        job.emit(new TrainingEvent.End(outcome, e.reason(), out, seconds));
        return e;
    }

    private Experiment experiment(List<RunRecord> runs, Map<String, TrainedRun> trained, Outcome outcome, String reason, double seconds) {
        Map<String, String> versions = Provenance.versions(backend);
        if (share != null && share.fewestSharedThreads() > 0)
            versions.put("threads_shared", share.fewestSharedThreads() + " at the fewest: other processes trained at the same time and "
                    + "the cores were shared (train.CoreShare); the last digits may differ from a run alone");
        if (transfer == null) transfer = CoreTransfer.of(config);
        if (transfer != null) versions.put("core_from", transfer.provenance());
        if (identity == null) identity = DatasetIdentity.of(data);
        return new Experiment(config, ensemble, sessions, neuronIds(data, sessions), identity, metric,
                versions, runs, trained, history, outcome, reason, seconds);
    }

    /**
     * Saves {@code e} to {@link #out}; returns it, with a warning added to its reason where the
     * dataset's files changed since training started. A full disk is a BadInputException that says so.
     */
    private Experiment save(Experiment e) throws IOException {
        String changed = dataFiles.changes();
        if (changed != null)
            e = new Experiment(e.config(), e.ensemble(), e.sessions(), e.neurons(), e.dataset(), e.validationMetric(), e.versions(),
                    e.runs(), e.trained(), e.history(), e.outcome(), e.reason() + " WARNING: the dataset changed during training ("
                    + changed + "): the model was trained and scored on the data as loaded at the start; the folder "
                    + data.location() + " no longer holds them, so resuming or scoring against it will be refused", e.seconds());
        try {
            seams.saver().save(e, out, data);
        } catch (IOException ex) {
            if (!diskFull(ex)) throw ex;
            throw new BadInputException(out, "disk full, the experiment was not saved (" + ex.getMessage() + "); nothing half-written was "
                    + "left and the folder keeps its previous version, if any" + (autosaved ? " (the last autosave: train --resume continues it)" : "")
                    + ". Free some space and train again", ex);
        }
        return e;
    }

    static boolean diskFull(Throwable t) {
        for (; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (m.contains("no space left") || m.contains("disk full") || m.contains("not enough space") || m.contains("disk quota"))
                return true;
        }
        return false;
    }

    /** Whether {@code t} is a failure to allocate memory: Java's, or nd4j's and the native library's. */
    static boolean outOfMemory(Throwable t) {
        for (; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) return true;
            String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (m.contains("failed to allocate") || m.contains("bad_alloc") || m.contains("cannot allocate") || m.contains("out of memory"))
                return true;
        }
        return false;
    }

    /** Marks, per group and ensemble member, the candidate with the best validation score as chosen. */
    private static void chooseCandidates(List<RunRecord> runs, Map<String, TrainedRun> trained) {
        Map<String, Integer> best = new HashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            RunRecord r = runs.get(i);
            if (!trained.containsKey(r.id())) continue;
            String key = r.group() + "\u0000" + r.member();
            Integer b = best.get(key);
            if (b == null || EarlyStopping.better(r.bestScore(), runs.get(b).bestScore())) best.put(key, i);
        }
        for (int i = 0; i < runs.size(); i++) {
            RunRecord r = runs.get(i);
            boolean chosen = best.containsValue(i);
            if (r.chosen() != chosen) runs.set(i, r.withChosen(chosen));
        }
    }

    /** Mixes a run's seed and an epoch into the seed of that epoch's order and dropout masks. */
    static long epochSeed(long seed, int epoch) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch).nextLong();
    }

    /** Trains one run from where its record says it stands. */
    private final class RunTrainer {
        final RunRecord record;
        final int index;
        final ModelConfig rc;
        final int[] neurons, train, validation;

        RunTrainer(RunRecord record, int index) {
            this.record = record;
            this.index = index;
            this.rc = config.with(record.overrides()).withSeed(record.seed());
            Map<String, Integer> ids = new HashMap<>();
            for (int i = 0; i < data.neuronCount(); i++) ids.put(data.neuron(i).id(), i);
            neurons = record.neurons().stream().mapToInt(id -> {
                Integer k = ids.get(id);
                if (k == null) throw new BadInputException("dataset has no neuron '" + id + "'");
                return k;
            }).toArray();
            train = withResponses(data.tiers().indices(Tier.TRAIN));
            validation = withResponses(data.tiers().indices(Tier.VALIDATION));
            if (train.length == 0) throw new BadInputException("run " + record.id() + ": no train-tier image has responses of its neurons");
            if (validation.length == 0) throw new BadInputException("run " + record.id() + ": no validation-tier image has responses of its neurons");
        }

        private int[] withResponses(int[] images) {
            return java.util.Arrays.stream(images).filter(i -> {
                for (int n : neurons) if (!Double.isNaN(data.meanResponse(i, n))) return true;
                return false;
            }).toArray();
        }

        float[] pixels(int[] images) {
            int hw = data.height() * data.width();
            float[] p = new float[images.length * hw];
            for (int k = 0; k < images.length; k++) System.arraycopy(data.stimulus(images[k]), 0, p, k * hw, hw);
            return p;
        }

        float[] responses(int[] images) {
            float[] r = new float[images.length * neurons.length];
            for (int k = 0; k < images.length; k++)
                for (int j = 0; j < neurons.length; j++) r[k * neurons.length + j] = (float) data.meanResponse(images[k], neurons[j]);
            return r;
        }

        /** A run's validation after an epoch: the mean loss per recorded response and the early-stopping score. */
        record Validation(double loss, double score, boolean finite) {}

        /**
         * Predicts the validation images and scores them: the training loss's data term per
         * recorded response, and the mean over the run's neurons of {@link #metric} (neurons whose
         * score is undefined, e.g. constant predictions, left out).
         *
         * @param valRepeats per neuron, validation images x repeats; null without repeats
         */
        Validation validate(Network net, float[] valPixels, Loss loss, double[][][] valRepeats) {
            float[] p = net.predict(valPixels, validation.length);
            double valLoss = 0, ccSum = 0;
            long count = 0;
            int ccCount = 0;
            boolean finite = true;
            for (int j = 0; j < neurons.length; j++) {
                double[] a = new double[validation.length], b = new double[validation.length];
                for (int k = 0; k < validation.length; k++) {
                    a[k] = p[k * neurons.length + j];
                    b[k] = data.meanResponse(validation[k], neurons[j]);
                    if (!Double.isFinite(a[k])) finite = false;
                    if (!Double.isNaN(b[k])) {
                        valLoss += loss.of(a[k], b[k]);
                        count++;
                    }
                }
                double cc = metric.equals("cc_norm") ? Metrics.ccNorm(a, valRepeats[j]) : Metrics.ccAbs(a, b);
                if (Double.isFinite(cc)) {
                    ccSum += cc;
                    ccCount++;
                }
            }
            return new Validation(count == 0 ? Double.NaN : valLoss / count, ccCount == 0 ? Double.NaN : ccSum / ccCount, finite);
        }

        /** {@code work} (an epoch's training or validation); running out of memory is a BadInputException naming batch_size. */
        <T> T memory(int epoch, java.util.function.Supplier<T> work) {
            try {
                return work.get();
            } catch (RuntimeException | OutOfMemoryError e) {
                if (!outOfMemory(e)) throw e;
                int bs = rc.integer("batch_size");
                throw new BadInputException("not enough memory for batch_size " + bs + " (run " + record.id() + ", epoch " + (epoch + 1)
                        + "): lower batch_size (--set batch_size=" + Math.max(1, bs / 2) + ")", e);
            }
        }

        /**
         * Saves the experiment as it stands, this run as a cancel would leave it (resumable from
         * this epoch): at the first improvement, then at most once per {@link Seams#autosaveSeconds}.
         */
        void autosave(Network net, Network.State best, EarlyStopping stopping, PlateauSchedule schedule, int epoch, int restores, long t0) throws IOException {
            long now = System.nanoTime();
            if (autosaved && (now - lastAutosave) / 1e9 < seams.autosaveSeconds().getAsDouble()) return;
            RunRecord here = record.after(RunRecord.Status.STOPPED, Outcome.CANCELLED, "autosaved after epoch " + epoch, epoch,
                    stopping.bestEpoch(), stopping.bestScore(), stopping.sinceBest(), schedule.sinceDrop(), schedule.rate(),
                    record.seconds() + (now - t0) / 1e9, restores);
            List<RunRecord> rs = new ArrayList<>(runs);
            rs.set(index, here);
            Map<String, TrainedRun> tr = new LinkedHashMap<>(trained);
            tr.put(record.id(), new TrainedRun(net, best, true));
            chooseCandidates(rs, tr);
            long pending = rs.stream().filter(r -> r.status() != RunRecord.Status.DONE).count();
            save(experiment(rs, tr, Outcome.CANCELLED, "autosaved during training, after epoch " + epoch + " of run " + record.id() + "; "
                    + pending + " of " + rs.size() + " runs unfinished (resumable)", previousSeconds + (now - jobStart) / 1e9));
            autosaved = true;
            lastAutosave = System.nanoTime();
        }

        /**
         * A fresh network of this run's configuration for {@code count} training images (pixels,
         * responses): its spec and fixed-feature standardisation from them, and the transferred core
         * where {@code core_from} names one.
         */
        Network freshNetwork(float[] pixels, float[] responses, int count) {
            Network net = Network.create(rc, NetworkSpec.of(pixels, count, data.height(), data.width(), responses, neurons.length,
                data.responseKind().signed()));
            net.standardiseFeatures(pixels, count);
            net.scaleResponses(responses, count, data.images());
            if (transfer == null) transfer = CoreTransfer.of(rc);
            if (transfer != null) transfer.applyTo(net);
            return net;
        }

        /**
         * With {@code refit}: once early stopping has chosen {@code epochs}, trains a fresh network
         * (same seed, same initial weights, same batch order seeds and the learning rate of each of
         * those epochs) on the training and validation images together for that many epochs and
         * keeps its final weights (averaged ones with {@code weight_average}). The validation images
         * then add a fifth to the data the weights are fitted to; they no longer measure those
         * weights, so the run's validation score stays that of the first fit. A refit that is
         * cancelled or diverges leaves the first fit in place.
         */
        Refit refit(int epochs) {
            int[] both = new int[train.length + validation.length];
            System.arraycopy(train, 0, both, 0, train.length);
            System.arraycopy(validation, 0, both, train.length, validation.length);
            float[] pixels = pixels(both), resp = responses(both);
            Network net = freshNetwork(pixels, resp, both.length);
            net.averageWeights(rc.number("weight_average"));
            Map<Integer, Double> rates = new HashMap<>();
            for (HistoryRow h : history) if (h.run().equals(record.id())) rates.put(h.epoch(), h.learningRate());
            Network.TrainingSet set = Network.TrainingSet.of(pixels, resp, both.length);
            for (int k = 0; k < epochs; k++) {
                net.setLearningRate(rates.getOrDefault(k + 1, rc.number("lr")));
                int done = k;
                CoreShare.adjust();
                Network.EpochResult er = memory(k, () -> net.trainEpoch(set, epochSeed(record.seed(), done), job::cancelRequested, false));
                if (er.stopped()) return new Refit(null, null, "; the refit on training + validation images was cancelled in its epoch "
                        + (k + 1) + ": kept the first fit");
                if (er.diverged()) return new Refit(null, null, "; the refit on training + validation images diverged in its epoch "
                        + (k + 1) + ": kept the first fit");
            }
            Network.State averaged = net.averagedParameters();
            return new Refit(net, averaged != null ? averaged : net.parameters(), "; then refit on the " + both.length
                    + " training + validation images for " + epochs + " epochs (the validation score is the first fit's)");
        }

        /**
         * The run between two epochs: the network, its best and last completed states, early
         * stopping and the learning-rate schedule. What an autosave persists of it goes into the
         * run's {@link RunRecord} (epochs, best epoch and score, epochs since, rate), from which
         * {@link #start} rebuilds it exactly.
         */
        final class RunState {
            final Network net;
            Network.State best, lastGood;
            final EarlyStopping stopping;
            final PlateauSchedule schedule;
            int epoch;
            /** Times early stopping has gone back to the best weights and trained on ({@code restore_rounds}). */
            int restores;

            RunState(Network net, Network.State best, EarlyStopping stopping, PlateauSchedule schedule, int epoch) {
                this.net = net;
                this.best = best;
                this.stopping = stopping;
                this.schedule = schedule;
                this.epoch = epoch;
            }
        }

        /** What an epoch means for the run: go on (better or not), stop here, or go back to the last completed epoch and stop. */
        sealed interface Verdict permits Continue, Stop, RollBack {}

        record Continue(boolean improved) implements Verdict {}

        record Stop(Outcome outcome, String reason) implements Verdict {}

        record RollBack(Outcome outcome, String reason) implements Verdict {}

        /** What every epoch of the run reads: its training set, validation images, responses and loss. */
        private Network.TrainingSet set;
        private float[] valPixels;
        private double[][][] valRepeats;
        private Loss loss;

        /** The run's state before its next epoch: fresh, or where an earlier (cancelled or autosaved) job left it. */
        RunState start(float[] trainPixels, float[] trainResp) {
            TrainedRun previous = trained.get(record.id());
            boolean resume = previous != null && previous.resumable();
            Network net = resume ? previous.network() : freshNetwork(trainPixels, trainResp, train.length);
            EarlyStopping stopping = new EarlyStopping(rc.integer("patience"), record.bestScore(), record.bestEpoch(), record.sinceBest());
            PlateauSchedule schedule = new PlateauSchedule(record.learningRate(), rc.number("lr_decay"), rc.integer("lr_patience"),
                    rc.number("min_lr"), record.sinceLrDrop());
            RunState s = new RunState(net, resume ? previous.best() : null, stopping, schedule, record.epochs());
            s.restores = record.restores();
            net.setLearningRate(schedule.rate());
            net.averageWeights(rc.number("weight_average"));
            s.lastGood = net.snapshot();
            return s;
        }

        /** One epoch: trains, validates, and says what follows ({@link Verdict}); each way a run can end is one case. */
        Verdict epoch(RunState s) {
            int maxEpochs = rc.integer("max_epochs");
            if (s.epoch >= maxEpochs) return new Stop(Outcome.FINISHED, "reached max_epochs = " + maxEpochs);
            if (job.cancelRequested()) return new Stop(Outcome.CANCELLED, "cancelled after epoch " + s.epoch);
            int done = s.epoch;
            Network net = s.net;
            CoreShare.adjust();
            Network.EpochResult er = memory(done, () -> {
                if (seams.epochHook() != null) seams.epochHook().before(record.id(), done, net);
                return net.trainEpoch(set, epochSeed(record.seed(), done), job::cancelRequested, false);
            });
            if (er.diverged())
                return new RollBack(Outcome.DIVERGED, "training loss became " + er.badLoss() + " in epoch " + (done + 1) + "; kept the weights of epoch " + done
                        + (s.stopping.bestEpoch() > 0 ? " (best validation score at epoch " + s.stopping.bestEpoch() + ")" : " (the initial weights)"));
            if (er.stopped()) return new RollBack(Outcome.CANCELLED, "cancelled during epoch " + (done + 1) + "; kept the state after epoch " + done);
            // With weight averaging, the averaged parameters are the ones validated and kept as the best.
            Network.State averaged = net.averagedParameters(), raw = null;
            if (averaged != null) {
                raw = net.parameters();
                net.restore(averaged);
            }
            Validation v = memory(done, () -> validate(net, valPixels, loss, valRepeats));
            if (raw != null) net.restore(raw);
            if (!v.finite())
                return new RollBack(Outcome.DIVERGED, "validation predictions became NaN or infinite after epoch " + (done + 1) + "; kept the weights of epoch " + done);
            s.epoch++;
            double score = v.score(), valLoss = v.loss();
            s.lastGood = net.snapshot();
            boolean improved = s.stopping.record(s.epoch, score);
            s.schedule.observe(improved);
            if (improved || s.best == null) s.best = averaged != null ? averaged : net.parameters(); // null: the score is undefined so far
            double elapsed = record.seconds() + (System.nanoTime() - t0) / 1e9, lr = s.schedule.rate();
            history.add(new HistoryRow(record.id(), s.epoch, er.meanLoss(), valLoss, score, metric, lr, er.imagesPerSecond(), elapsed));
            job.emit(new TrainingEvent.Epoch(record.id(), index, runs.size(), s.epoch, maxEpochs, er.meanLoss(), valLoss, score,
                    metric, lr, er.imagesPerSecond(), elapsed));
            if (s.stopping.exhausted() && s.restores + 1 < rc.integer("restore_rounds") && s.best != null) {
                // Sensorium's rounds: back to the best weights (the optimiser's moments and the schedule go on), patience afresh.
                s.restores++;
                net.restoreWeights(s.best);
                s.stopping.restart();
                s.lastGood = net.snapshot();
            }
            if (s.stopping.exhausted())
                return new Stop(Outcome.EARLY_STOPPED, "no better validation " + metric + " for " + rc.integer("patience") + " epochs; best at epoch "
                        + s.stopping.bestEpoch());
            if (s.schedule.decayIfDue()) {
                net.setLearningRate(s.schedule.rate());
                s.lastGood = net.snapshot();
            }
            return new Continue(improved);
        }

        private long t0;

        /**
         * Trains the run: epochs until a verdict ends it, then the refit (with {@code refit}) and
         * the run's record. Each step after the loop reads only the final state and verdict.
         */
        RunRecord train() throws IOException {
            t0 = System.nanoTime();
            float[] trainPixels = pixels(train), trainResp = responses(train);
            valPixels = pixels(validation);
            boolean repeats = data.repeats() >= 2;
            valRepeats = repeats ? new double[neurons.length][][] : null;   // neuron -> validation images x repeats
            for (int j = 0; j < neurons.length && repeats; j++) {
                double[][] all = data.repeatsOf(neurons[j]);
                valRepeats[j] = new double[validation.length][];
                for (int k = 0; k < validation.length; k++) valRepeats[j][k] = all[validation[k]];
            }
            set = Network.TrainingSet.of(trainPixels, trainResp, train.length);
            loss = Loss.of(rc, data.responseKind().signed());

            RunState s = start(trainPixels, trainResp);
            trainResp = null;   // where responses are missing the set holds its own copy; this one could be as large (107 MB at 8,000 neurons)
            Verdict verdict;
            while ((verdict = epoch(s)) instanceof Continue c)
                if (c.improved() && out != null) autosave(s.net, s.best, s.stopping, s.schedule, s.epoch, s.restores, t0);
            Outcome outcome;
            String reason;
            if (verdict instanceof RollBack r) {
                s.net.restore(s.lastGood);
                outcome = r.outcome();
                reason = r.reason();
            } else {
                Stop stop = (Stop) verdict;
                outcome = stop.outcome();
                reason = stop.reason();
            }
            return finish(s, outcome, reason);
        }

        /** After the epochs: the refit where asked and the stop was a normal one, then the run's record and its trained network. */
        RunRecord finish(RunState s, Outcome outcome, String reason) {
            Network net = s.net, kept = net;
            Network.State best = s.best;
            TrainedRun firstFit = null;
            if (rc.flag("refit") && (outcome == Outcome.EARLY_STOPPED || outcome == Outcome.FINISHED) && s.stopping.bestEpoch() > 0) {
                Refit r = refit(s.stopping.bestEpoch());
                reason += r.note();
                if (r.network() != null) {
                    // The first fit stays in memory: the validation images may be scored by it alone (a sweep's choice).
                    net.restore(best);
                    firstFit = new TrainedRun(net, best, false);
                    kept = r.network();
                    best = r.kept();
                }
            }
            double seconds = record.seconds() + (System.nanoTime() - t0) / 1e9;
            net.releaseTrainingArrays();
            kept.releaseTrainingArrays();
            RunRecord.Status status;
            if (outcome == Outcome.CANCELLED) {
                // The network holds the last completed epoch (with Adam's state): resumable.
                status = best == null ? RunRecord.Status.PENDING : RunRecord.Status.STOPPED;
                if (best != null) trained.put(record.id(), new TrainedRun(kept, best, true));
            } else {
                status = RunRecord.Status.DONE;
                if (best == null) best = kept.parameters(); // diverged in the first epoch: the initial weights
                kept.restore(best);
                trained.put(record.id(), new TrainedRun(kept, best, false, firstFit));
            }
            RunRecord done = record.after(status, outcome, reason, s.epoch, s.stopping.bestEpoch(), s.stopping.bestScore(), s.stopping.sinceBest(),
                    s.schedule.sinceDrop(), s.schedule.rate(), seconds, s.restores);
            job.emit(new TrainingEvent.RunEnd(record.id(), index, runs.size(), outcome, reason, s.epoch, s.stopping.bestEpoch(), s.stopping.bestScore()));
            return done;
        }
    }

    /** A refit's network and the weights it keeps, or no network (the first fit stays) and why; {@code note} goes into the run's reason. */
    record Refit(Network network, Network.State kept, String note) {}

    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
