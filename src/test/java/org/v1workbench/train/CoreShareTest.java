package org.v1workbench.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Trainings in different processes find each other through the cache folder and split the cores. */
class CoreShareTest {
    @TempDir
    Path dir;

    /** Alone a training keeps what it had (as fast as before); beside others it takes its share, never 0. */
    @Test
    void eachTrainingGetsItsShareAndAloneWhatItHad() {
        assertEquals(2, CoreShare.share(2, 1, 2));
        assertEquals(1, CoreShare.share(2, 2, 2));
        assertEquals(1, CoreShare.share(2, 3, 2));
        assertEquals(5, CoreShare.share(16, 3, 8));
        assertEquals(4, CoreShare.share(8, 1, 4), "never more than it had alone");
        assertEquals(1, CoreShare.share(2, 0, 1));
    }

    /** The file is there while any training of this process runs, and gone after the last. */
    @Test
    void aProcessRegistersOnceWhileItTrains() {
        Path folder = dir.resolve("trainings");
        Path file = folder.resolve(ProcessHandle.current().pid() + ".training");
        try (CoreShare outer = CoreShare.register(folder)) {
            assertTrue(Files.exists(file));
            try (CoreShare inner = CoreShare.register(folder)) {
                assertEquals(1, CoreShare.trainings(folder), "one process, however many of its jobs train");
            }
            assertTrue(Files.exists(file), "the outer training still runs");
        }
        assertFalse(Files.exists(file));
        assertEquals(0, CoreShare.trainings(folder));
    }

    /**
     * adjust(), as each epoch calls it: beside another live training this process's OpenMP and
     * Java-kernel threads drop to its share, and come back when the other is gone.
     */
    @Test
    void adjustTakesTheShareAndGivesItBack() throws Exception {
        String sharing = System.getProperty(CoreShare.PROPERTY), cache = System.getProperty("v1workbench.cache");
        System.clearProperty(CoreShare.PROPERTY); // surefire turns sharing off for the other tests
        System.setProperty("v1workbench.cache", dir.toString());
        Process other = new ProcessBuilder("sleep", "60").start();
        int cores = Runtime.getRuntime().availableProcessors();
        int aloneNd4j = org.v1workbench.model.engine.Backend.init().threads(), aloneJava = org.v1workbench.model.engine.Backend.javaKernelThreads();
        try (CoreShare me = CoreShare.register()) {
            assertEquals(aloneNd4j, CoreShare.adjust(), "alone: what it had");
            assertEquals(0, me.fewestSharedThreads(), "never shared");
            Path file = Files.createDirectories(CoreShare.folder()).resolve(other.pid() + ".training");
            Files.writeString(file, other.info().startInstant().orElseThrow() + "\n");
            assertEquals(CoreShare.share(cores, 2, aloneNd4j), CoreShare.adjust());
            assertEquals(CoreShare.share(cores, 2, aloneJava), org.v1workbench.model.engine.Backend.javaKernelThreads());
            if (cores == 2 && aloneNd4j == 2) assertEquals(1, CoreShare.adjust(), "two trainings on 2 cores: one thread each");
            if (CoreShare.share(cores, 2, aloneNd4j) < aloneNd4j)
                assertEquals(CoreShare.share(cores, 2, aloneNd4j), me.fewestSharedThreads(), "what the provenance records");
            other.destroy();
            other.waitFor(10, TimeUnit.SECONDS);
            assertEquals(aloneNd4j, CoreShare.adjust(), "the other ended: back to what it had");
            assertEquals(aloneJava, org.v1workbench.model.engine.Backend.javaKernelThreads());
        } finally {
            other.destroy();
            if (sharing != null) System.setProperty(CoreShare.PROPERTY, sharing);
            if (cache == null) System.clearProperty("v1workbench.cache");
            else System.setProperty("v1workbench.cache", cache);
        }
    }

    /** Another live process counts; a dead one's file, or one whose pid a later process reuses, is removed. */
    @Test
    void otherLiveTrainingsCountAndStaleOnesAreRemoved() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("trainings"));
        Process dead = new ProcessBuilder("true").start();
        assertTrue(dead.waitFor(30, TimeUnit.SECONDS));
        Path deadFile = folder.resolve(dead.pid() + ".training");
        Files.writeString(deadFile, Instant.now().toString() + "\n");
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            Path live = folder.resolve(other.pid() + ".training");
            Files.writeString(live, other.info().startInstant().orElseThrow() + "\n");
            assertEquals(1, CoreShare.trainings(folder));
            assertFalse(Files.exists(deadFile), "a dead process's file is removed");
            try (CoreShare me = CoreShare.register(folder)) {
                assertEquals(2, CoreShare.trainings(folder));
            }
            // written by an earlier process with the same pid: the pid's process started an hour after the file
            Files.writeString(live, other.info().startInstant().orElseThrow().minusSeconds(3600) + "\n");
            assertEquals(0, CoreShare.trainings(folder));
            assertFalse(Files.exists(live));
        } finally {
            other.destroy();
        }
    }
}
