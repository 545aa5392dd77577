package org.v1workbench.reliability;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.cli.CliRunner;
import org.v1workbench.data.DatasetFolder;
import org.v1workbench.data.Hostile;
import org.v1workbench.data.ImportOptions;
import org.v1workbench.data.Npy;
import org.v1workbench.data.TestDatasets;
import org.v1workbench.data.importers.ImageFolderImporter;
import org.v1workbench.data.importers.Pvc8ProcessedImporter;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-made bad inputs of {@code src/test/resources/corpus} (make_corpus.py says what each
 * is): every one is refused with a BadInputException that names the file, and the CLI's
 * {@code info} exits 2 with one line on stderr, no stack trace.
 */
class BadFileCorpusTest {
    static Path corpus(String kind) {
        try {
            return Path.of(BadFileCorpusTest.class.getResource("/corpus/" + kind).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> cases(String kind) throws Exception {
        try (Stream<Path> s = Files.list(corpus(kind))) {
            return s.sorted().toList();
        }
    }

    /** `info` on {@code source}: exit 2, exactly one line on stderr that names {@code named}. */
    static void cliRefuses(Path source, Path named) {
        CliRunner.Result r = CliRunner.run("info", source.toString());
        assertEquals(2, r.status(), "exit status for " + source + "; stderr: " + r.err());
        List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), "one line on stderr, not: " + r.err());
        assertTrue(lines.get(0).contains(named.getFileName().toString()), lines.get(0));
        assertFalse(r.err().contains("\tat ") || r.err().contains("Caused by"), r.err());
    }

    static void refused(Path named, java.util.concurrent.Callable<?> load) {
        String message = Hostile.expectLoadedOrBad(named, load);
        assertTrue(message != null, named + " was loaded, but it is broken");
    }

    @TestFactory
    List<DynamicTest> npyFiles() throws Exception {
        List<DynamicTest> out = new ArrayList<>();
        for (Path f : cases("npy")) out.add(DynamicTest.dynamicTest(f.getFileName().toString(), () -> refused(f, () -> Npy.read(f))));
        return out;
    }

    @TestFactory
    List<DynamicTest> datasetFolders() throws Exception {
        List<DynamicTest> out = new ArrayList<>();
        for (Path d : cases("dataset"))
            out.add(DynamicTest.dynamicTest(d.getFileName().toString(), () -> {
                refused(d, () -> DatasetFolder.read(d));
                cliRefuses(d, d);
            }));
        return out;
    }

    @TestFactory
    List<DynamicTest> matFiles() throws Exception {
        List<DynamicTest> out = new ArrayList<>();
        for (Path d : cases("mat"))
            out.add(DynamicTest.dynamicTest(d.getFileName().toString(), () -> {
                refused(d, () -> new Pvc8ProcessedImporter().load(d, ImportOptions.defaults()));
                cliRefuses(d, d);
            }));
        return out;
    }

    @TestFactory
    List<DynamicTest> imageFolders() throws Exception {
        List<DynamicTest> out = new ArrayList<>();
        for (Path d : cases("images"))
            out.add(DynamicTest.dynamicTest(d.getFileName().toString(), () -> {
                refused(d, () -> new ImageFolderImporter().load(d, ImportOptions.defaults()));
                cliRefuses(d, d);
            }));
        return out;
    }

    @Test
    void anEmptyFolderIsNamed(@TempDir Path tmp) throws Exception {
        Path d = Files.createDirectory(tmp.resolve("nothing-here"));
        cliRefuses(d, d);
    }

    @Test
    void aSymbolicLinkOutOfTheFolderIsRefused(@TempDir Path tmp) throws Exception {
        Path d = tmp.resolve("linked");
        DatasetFolder.write(TestDatasets.withRepeats(6, 2, 3, 1), d);
        Path outside = tmp.resolve("elsewhere.npy");
        Files.move(d.resolve(DatasetFolder.STIMULI), outside);
        Files.createSymbolicLink(d.resolve(DatasetFolder.STIMULI), outside);
        String m = Hostile.expectLoadedOrBad(d, () -> DatasetFolder.read(d));
        assertTrue(m != null && m.contains("outside"), String.valueOf(m));
        cliRefuses(d, d);
    }

    @Test
    void anUnreadableFileIsNamed(@TempDir Path tmp) throws Exception {
        Assumptions.assumeFalse(Hostile.root(), "skipped: the tests run as root, where file permissions do not stop reads");
        Path d = tmp.resolve("locked");
        DatasetFolder.write(TestDatasets.withRepeats(6, 2, 3, 1), d);
        Files.setPosixFilePermissions(d.resolve(DatasetFolder.RESPONSES), PosixFilePermissions.fromString("---------"));
        refused(d, () -> DatasetFolder.read(d));
        cliRefuses(d, d);
    }
}
