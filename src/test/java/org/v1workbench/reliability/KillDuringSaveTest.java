package org.v1workbench.reliability;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.data.AtomicFiles;
import org.v1workbench.data.Dataset;
import org.v1workbench.experiment.Experiment;
import org.v1workbench.model.PlantedData;
import org.v1workbench.model.Presets;
import org.v1workbench.train.TrainingRequest;
import org.v1workbench.train.TrainingService;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Saves killed with SIGKILL: a child JVM saves two versions of an experiment (seed 5, seed 6)
 * over the same folder, one after the other, through {@link AtomicFiles#writeDirectory} (what
 * {@link Experiment#save} uses); it is killed after a random 0 to 300 ms, 100 times. After every
 * kill the folder must load and be one version or the other, complete.
 */
class KillDuringSaveTest {
    static final int KILLS = 100;

    /** The child: copies version A or B into {@code target}, alternately, until killed. */
    public static void main(String[] args) throws Exception {
        Path a = Path.of(args[0]), b = Path.of(args[1]), target = Path.of(args[2]);
        System.out.println("saving");
        System.out.flush();
        for (int i = 0; ; i++) {
            Path from = i % 2 == 0 ? a : b;
            AtomicFiles.writeDirectory(target, tmp -> copy(from, tmp));
        }
    }

    static void copy(Path from, Path to) throws java.io.IOException {
        try (var s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(q);
                else Files.copy(p, q);
            }
        }
    }

    @Test
    void everyKilledSaveLeavesTheOldOrTheNewExperiment(@TempDir Path dir) throws Exception {
        Dataset data = PlantedData.make(60, 8, 3, 3, 8).dataset();
        Path a = dir.resolve("a"), b = dir.resolve("b");
        try (TrainingService s = new TrainingService()) {
            s.start(new TrainingRequest(data, Presets.config("core-readout", Map.of("filters", "2", "first_size", "3",
                    "layers", "1", "batch_size", "32", "max_epochs", "1"), 5), List.of(), 1, a)).await();
        }
        copy(a, b);
        Path cb = b.resolve(Experiment.CONFIG);
        String config = Files.readString(cb);
        Files.writeString(cb, config.replaceFirst("\"seed\"\\s*:\\s*5", "\"seed\":6"));
        assertEquals(6, Experiment.load(b).config().seed());

        Path target = dir.resolve("target");
        copy(a, target);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Random rnd = new Random(15);
        long t0 = System.nanoTime();
        int[] seen = new int[2];
        for (int k = 0; k < KILLS; k++) {
            Process p = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                    KillDuringSaveTest.class.getName(), a.toString(), b.toString(), target.toString())
                    .redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("saving", out.readLine(), "the child did not start");
            Thread.sleep(rnd.nextInt(301));
            p.destroyForcibly(); // SIGKILL on Linux
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
            Experiment e = Experiment.load(target);
            long seed = e.config().seed();
            assertTrue(seed == 5 || seed == 6, "seed " + seed);
            seen[(int) seed - 5]++;
            try (var s = Files.walk(a)) {
                for (Path f : s.toList())
                    assertTrue(Files.exists(target.resolve(a.relativize(f).toString())), "after kill " + k + ": " + a.relativize(f) + " missing");
            }
            assertEquals(e.trained().size(), Experiment.load(a).trained().size());
        }
        System.out.printf("kill test: %d kills, every folder complete and loadable (%d times version A, %d times B), %.1f s%n",
                KILLS, seen[0], seen[1], (System.nanoTime() - t0) / 1e9);
    }
}
