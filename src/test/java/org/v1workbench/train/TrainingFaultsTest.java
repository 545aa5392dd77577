package org.v1workbench.train;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.data.AtomicFiles;
import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.DatasetFolder;
import org.v1workbench.data.Importers;
import org.v1workbench.data.Tier;
import org.v1workbench.experiment.Experiment;
import org.v1workbench.experiment.Outcome;
import org.v1workbench.experiment.RunRecord;
import org.v1workbench.model.Network;
import org.v1workbench.model.PlantedData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.v1workbench.train.TrainingServiceTest.flat;
import static org.v1workbench.train.TrainingServiceTest.smallCore;

/**
 * Faults during training (issue 15): a crash after an autosave, a batch too large for memory, a
 * divergence after good epochs, the dataset's files changed while training, a full disk. Faults
 * come from JobRunner's package-private seams; models are TrainingServiceTest's small core on
 * 16x16 planted data, a few epochs each.
 */
class TrainingFaultsTest {
    static Dataset data;
    static TrainingService service;
    static int[] test;

    @BeforeAll
    static void setUp() {
        data = PlantedData.make(200, 16, 6, 4, 42).dataset();
        test = data.tiers().indices(Tier.TEST);
        service = new TrainingService(new JobRunner.Seams((run, done, net) -> {
            JobRunner.EpochHook h = epochHook;
            if (h != null) h.before(run, done, net);
        }, (e, dir, d) -> saver.save(e, dir, d), () -> autosaveSeconds));
    }

    @AfterAll
    static void tearDown() {
        service.close();
    }

    /** The seams the service's runners are given, set per test. */
    static volatile JobRunner.EpochHook epochHook;
    static volatile JobRunner.Saver saver = Experiment::save;
    static volatile double autosaveSeconds = 30;

    @AfterEach
    void resetSeams() {
        epochHook = null;
        saver = Experiment::save;
        autosaveSeconds = 30;
    }

    /** Throws {@code fault} before epoch {@code completed + 1} of every run. */
    static JobRunner.EpochHook failAt(int completed, Throwable fault) {
        return (run, done, net) -> {
            if (done != completed) return;
            if (fault instanceof Error e) throw e;
            throw (RuntimeException) fault;
        };
    }

    static List<TrainingEvent.Epoch> epochs(List<TrainingEvent> events) {
        return events.stream().filter(e -> e instanceof TrainingEvent.Epoch).map(e -> (TrainingEvent.Epoch) e).toList();
    }

    /** The folder's siblings: only the experiment itself, no temporary or old copy left beside it. */
    static void onlyTheFolder(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out.getParent())) {
            assertEquals(List.of(out.getFileName().toString()), s.map(p -> p.getFileName().toString()).toList());
        }
    }

    /** An experiment folder as a crash leaves it: complete, loadable, resumable at an autosaved epoch. */
    static RunRecord resumableAt(Path out) throws IOException {
        onlyTheFolder(out);
        Experiment back = Experiment.load(out);
        assertTrue(back.resumable());
        assertEquals(Outcome.CANCELLED, back.outcome());
        assertTrue(back.reason().startsWith("autosaved during training"), back.reason());
        RunRecord r = back.runs().get(0);
        assertEquals(RunRecord.Status.STOPPED, r.status());
        assertEquals(r.bestEpoch(), r.epochs(), "saved at an improvement");
        assertEquals(r.epochs(), back.history().size(), "history ends at the saved epoch");
        for (double[] row : back.predict(data, test)) for (double v : row) assertTrue(Double.isFinite(v));
        return r;
    }

    @Test
    void aCrashLosesOnlyTheEpochsSinceTheLastImprovementAndResumesToTheUninterruptedModel(@TempDir Path dir) throws Exception {
        Experiment straight = service.start(new TrainingRequest(data, smallCore(4, 6), null)).await();
        autosaveSeconds = 0; // every improvement saved
        epochHook = failAt(4, new IllegalStateException("simulated crash"));
        Path out = dir.resolve("exp");
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        TrainingJob job = service.start(new TrainingRequest(data, smallCore(4, 6), List.of(), 1, out));
        job.addListener(events::add);
        IllegalStateException crash = assertThrows(IllegalStateException.class, job::await);
        assertEquals("simulated crash", crash.getMessage());
        assertEquals(4, epochs(events).size());
        RunRecord saved = resumableAt(out);
        // The last improvement of the 4 epochs is the one on disk.
        double best = Double.NEGATIVE_INFINITY;
        int lastImproved = 0;
        for (TrainingEvent.Epoch e : epochs(events))
            if (EarlyStopping.better(e.validationCc(), best)) {
                best = e.validationCc();
                lastImproved = e.epoch();
            }
        assertEquals(lastImproved, saved.epochs());

        epochHook = null;
        Experiment resumed = service.resume(out, data).await();
        assertEquals(Outcome.FINISHED, resumed.outcome(), resumed.reason());
        assertEquals(6, resumed.runs().get(0).epochs());
        assertEquals(6, resumed.history().size());
        assertArrayEquals(flat(straight.predict(data, test)), flat(resumed.predict(data, test)));
        for (int i = 0; i < 6; i++)
            assertEquals(straight.history().get(i).trainLoss(), resumed.history().get(i).trainLoss(), "train loss of epoch " + (i + 1));
        assertEquals(Outcome.FINISHED, Experiment.load(out).outcome());
    }

    @Test
    void aBatchTooLargeForMemoryFailsNamingBatchSizeAndWritesNothingMore(@TempDir Path dir) throws Exception {
        assertTrue(JobRunner.outOfMemory(new RuntimeException("Op failed", new RuntimeException("Failed to allocate [123456789] bytes"))));
        assertTrue(JobRunner.outOfMemory(new RuntimeException("std::bad_alloc")));
        assertTrue(!JobRunner.outOfMemory(new RuntimeException("shape mismatch")));
        // Default interval (30 s): the first improvement is saved, later ones within 30 s are not.
        epochHook = failAt(3, new OutOfMemoryError("Java heap space"));
        Path out = dir.resolve("exp");
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        TrainingJob job = service.start(new TrainingRequest(data, smallCore(5, 6), List.of(), 1, out));
        job.addListener(events::add);
        BadInputException e = assertThrows(BadInputException.class, job::await);
        assertTrue(e.getMessage().contains("not enough memory for batch_size 32") && e.getMessage().contains("lower batch_size"), e.getMessage());
        assertTrue(events.get(events.size() - 1) instanceof TrainingEvent.Failed);
        int firstImproved = epochs(events).stream().filter(ev -> Double.isFinite(ev.validationCc())).findFirst().orElseThrow().epoch();
        assertEquals(firstImproved, resumableAt(out).epochs());
    }

    @Test
    void divergenceAfterGoodEpochsSavesTheLastGoodWeightsAndSaysSo(@TempDir Path dir) throws Exception {
        Experiment three = service.start(new TrainingRequest(data, smallCore(6, 3), null)).await();
        // Before epoch 4 the weights become NaN: its loss is NaN, and the run rolls back to epoch 3.
        epochHook = (run, done, net) -> {
            if (done != 3) return;
            Network.State s = net.parameters();
            s.parameters().values().forEach(a -> a.assign(Float.NaN));
            net.restore(s);
        };
        Path out = dir.resolve("exp");
        Experiment e = service.start(new TrainingRequest(data, smallCore(6, 6), List.of(), 1, out)).await();
        assertEquals(Outcome.DIVERGED, e.outcome(), e.reason());
        assertTrue(e.reason().contains("last good weights kept") && e.reason().contains("in epoch 4; kept the weights of epoch 3"), e.reason());
        assertEquals(3, e.runs().get(0).epochs());
        onlyTheFolder(out);
        Experiment back = Experiment.load(out);
        assertEquals(Outcome.DIVERGED, back.outcome());
        assertEquals(e.reason(), back.reason());
        assertEquals(3, back.history().size());
        // The best of the 3 good epochs, as a run that stopped there keeps.
        assertArrayEquals(flat(three.predict(data, test)), flat(back.predict(data, test)));
    }

    @Test
    void dataFilesChangedDuringTrainingAreSaidAndTheModelStillSaved(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("data");
        DatasetFolder.write(data, folder);
        Dataset opened = Importers.open(folder);
        Path responses = folder.resolve(DatasetFolder.RESPONSES);
        autosaveSeconds = 0;
        Path out = dir.resolve("exp");
        AtomicInteger saves = new AtomicInteger();
        saver = (e, d, ds) -> {
            saves.incrementAndGet();
            e.save(d, ds);
        };
        TrainingJob job = service.start(new TrainingRequest(opened, smallCore(7, 4), List.of(), 1, out));
        job.addListener(ev -> {
            if (ev instanceof TrainingEvent.Epoch p && p.epoch() == 2) {
                try { // rewritten by someone else: same bytes, a later modification time
                    Files.write(responses, Files.readAllBytes(responses));
                    Files.setLastModifiedTime(responses, FileTime.fromMillis(System.currentTimeMillis() + 10_000));
                } catch (IOException x) {
                    throw new java.io.UncheckedIOException(x);
                }
            }
        });
        Experiment e = job.await();
        assertTrue(saves.get() >= 2, "autosaves and the final save: " + saves.get());
        assertEquals(Outcome.FINISHED, e.outcome());
        assertTrue(e.reason().contains("WARNING: the dataset changed during training (responses.npy modified)"), e.reason());
        Experiment back = Experiment.load(out);
        assertEquals(e.reason(), back.reason());
        assertArrayEquals(flat(e.predict(opened, test)), flat(back.predict(opened, test)));
    }

    @Test
    void aFullDiskLeavesThePreviousSaveIntactAndNoTemporary(@TempDir Path dir) throws Exception {
        // The autosave at the first improvement succeeds; the final save finds the disk full halfway.
        AtomicInteger saves = new AtomicInteger();
        saver = (e, d, ds) -> {
            if (saves.getAndIncrement() == 0) {
                e.save(d, ds);
                return;
            }
            AtomicFiles.writeDirectory(d, tmp -> {
                Files.writeString(tmp.resolve(Experiment.CONFIG), "{\"format\": \"v1-workbench exp");
                throw new IOException("No space left on device");
            });
        };
        Path out = dir.resolve("exp");
        TrainingJob job = service.start(new TrainingRequest(data, smallCore(8, 3), List.of(), 1, out));
        BadInputException e = assertThrows(BadInputException.class, job::await);
        assertEquals(2, saves.get());
        assertTrue(e.getMessage().contains("disk full") && e.getMessage().contains("No space left on device")
                && e.getMessage().contains("train --resume"), e.getMessage());
        resumableAt(out);
    }
}
