package org.v1workbench.sim;

import org.v1workbench.data.AtomicFiles;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.DatasetFolder;
import org.v1workbench.data.Npy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The embedded default dataset: a simulated V1 population with ground truth, opened when no
 * dataset is named. Too large to ship (about 17 MB), it is generated on first use by the same
 * code as {@code simulate --out DIR} with the fixed {@link #SETTINGS} (about 5 seconds), written
 * atomically into a cache folder and checked against the SHA-256 sums shipped with the program
 * ({@code sample-data.sha256}), so that it is identical, byte for byte, on every machine. A cache
 * folder that fails the check is generated again.
 *
 * <p>Its {@code true_rates.npy} holds the noise-free expected spike count per 100 ms window
 * (images x neurons, float32), in the units of {@code responses.npy}, so it can be scored as a
 * prediction directly. See {@code sample-data/README.md}.
 *
 * <p>The cache lives in {@code $XDG_CACHE_HOME/v1-workbench} (else {@code ~/.cache/v1-workbench}),
 * or where the system property {@code v1workbench.cache} points, in a folder named after the
 * settings and generator version, so that a new version never reads an old sample.
 */
public final class SampleData {
    /** 2,000 dead-leaves images of 64 x 64, 100 neurons, 10 repeats, 100 ms window, Poisson, seed 1. */
    public static final SimulationSettings SETTINGS = new SimulationSettings(2000, 100, 10, 64, 1, 0.1, 0, 0, null, 20, 3, 50);
    /** The command that writes the same files. */
    public static final String COMMAND = "simulate --out DIR --images 2000 --neurons 100 --repeats 10 --size 64 --seed 1";
    static final String CHECKSUMS = "sample-data.sha256";

    private SampleData() {}

    /** The sample dataset, generated into the cache first if needed. */
    public static Dataset load() {
        return load(cacheRoot());
    }

    /** The sample dataset, cached under {@code cacheRoot}. */
    public static Dataset load(Path cacheRoot) {
        return load(cacheRoot, msg -> System.err.println("sample data: " + msg));
    }

    /**
     * The sample dataset, cached under {@code cacheRoot}, reporting generation progress to
     * {@code progress}. Where the cache cannot be written (a read-only home), the sample generated
     * in memory is returned instead: the same values, only generated again on every start.
     */
    public static Dataset load(Path cacheRoot, Consumer<String> progress) {
        Path dir = folder(cacheRoot);
        if (verified(dir)) return DatasetFolder.read(dir);
        Simulation sim = Simulator.run(SETTINGS, progress);
        try {
            writeVerified(sim, dir);
        } catch (IOException e) {
            progress.accept("cannot cache the sample in " + dir + " (" + e + "); using it from memory");
            return sim.dataset();
        }
        return DatasetFolder.read(dir);
    }

    /** The sample dataset's folder in the default cache, generated first if needed. */
    public static Path folder() {
        return ensure(cacheRoot());
    }

    /** The ground-truth population of the sample dataset (the same neurons as its neurons.csv). */
    public static SimulatedPopulation population() {
        return SimulatedPopulation.generate(SETTINGS);
    }

    /** Noise-free expected spike counts per window of the sample dataset, flat {@code images x neurons}. */
    public static float[] trueCounts() {
        return Npy.read(folder().resolve(Simulation.TRUE_RATES)).data();
    }

    /** The folder (which may not exist yet) that holds the sample under {@code cacheRoot}. */
    public static Path folder(Path cacheRoot) {
        return cacheRoot.resolve("sample-" + key());
    }

    /** Makes sure a verified copy of the sample is in {@code cacheRoot}; returns its folder. */
    public static Path ensure(Path cacheRoot) {
        return ensure(cacheRoot, msg -> System.err.println("sample data: " + msg));
    }

    /** As {@link #ensure(Path)}, reporting generation progress to {@code progress}. */
    public static Path ensure(Path cacheRoot, Consumer<String> progress) {
        Path dir = folder(cacheRoot);
        if (verified(dir)) return dir;
        try {
            writeVerified(Simulator.run(SETTINGS, progress), dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sample data to " + dir, e);
        }
        return dir;
    }

    private static boolean verified(Path dir) {
        Map<String, String> expected = expectedChecksums();
        return Files.isDirectory(dir) && checksums(dir, expected.keySet()).equals(expected);
    }

    /** Writes the sample atomically and checks it against the shipped sums. */
    private static void writeVerified(Simulation sim, Path dir) throws IOException {
        sim.write(dir);
        Map<String, String> expected = expectedChecksums(), actual = checksums(dir, expected.keySet());
        if (!actual.equals(expected))
            throw new IllegalStateException("the sample data generated in " + dir + " differ from the reference ("
                    + CHECKSUMS + "): the generator is not reproducible here; expected " + expected + ", got " + actual);
    }

    /** The default cache root: system property v1workbench.cache, else $XDG_CACHE_HOME or ~/.cache, then v1-workbench. */
    public static Path cacheRoot() {
        String prop = System.getProperty("v1workbench.cache");
        if (prop != null && !prop.isBlank()) return Path.of(prop);
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("v1-workbench");
    }

    /** A short hash of the settings and generator version. */
    static String key() {
        return sha256((SETTINGS.describe() + " generator=" + Simulator.GENERATOR_VERSION).getBytes(StandardCharsets.UTF_8)).substring(0, 12);
    }

    /** File name to SHA-256 (hex) as shipped in {@code sample-data.sha256} ({@code sha256sum} format). */
    static Map<String, String> expectedChecksums() {
        try (InputStream in = SampleData.class.getResourceAsStream(CHECKSUMS)) {
            if (in == null) throw new IllegalStateException("resource " + CHECKSUMS + " is missing from the program");
            Map<String, String> out = new LinkedHashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) continue;
                String[] parts = l.split("\\s+\\*?", 2);
                out.put(parts[1], parts[0]);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 of the named files in {@code dir} (a missing file maps to "missing"). */
    static Map<String, String> checksums(Path dir, Iterable<String> names) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : names) {
            Path f = dir.resolve(name);
            try {
                out.put(name, Files.isRegularFile(f) ? sha256(Files.readAllBytes(f)) : "missing");
            } catch (IOException e) {
                out.put(name, "unreadable");
            }
        }
        return out;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes the sample's cache folder under {@code cacheRoot} (for a clean start). */
    static void clear(Path cacheRoot) throws IOException {
        AtomicFiles.deleteTree(folder(cacheRoot));
    }
}
