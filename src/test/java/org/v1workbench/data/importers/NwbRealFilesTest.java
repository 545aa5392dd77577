package org.v1workbench.data.importers;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.cli.CliRunner;
import org.v1workbench.cli.Main;
import org.v1workbench.data.Npy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three real NWB 2 files kept in ../shared/data/nwb/ (see its README.md): {@code info}
 * describes each, and {@code import} gives the right one-line message. Skipped where absent.
 */
class NwbRealFilesTest {
    static final Path DIR = Path.of("..", "shared", "data", "nwb");

    @TempDir Path tmp;

    private static Path real(String name) {
        Path p = DIR.resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(p), "real NWB file " + p.toAbsolutePath().normalize()
                + " is absent (kept outside the repository, in ../shared/data/nwb/): skipped");
        return p;
    }

    private static String oneLineFailure(String... args) {
        CliRunner.Result r = CliRunner.run(args);
        assertEquals(Main.BAD_INPUT, r.status(), r.out() + r.err());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), err);
        return err;
    }

    @Test
    void aibsNeedsItsImagesAndThenHitsItsCutSpikeTimes() throws IOException {
        Path f = real("aibs.nwb");
        CliRunner.Result info = CliRunner.run("info", f.toString());
        assertEquals(Main.OK, info.status(), info.err());
        assertTrue(info.out().contains("format:    NWB 2.2.2"), info.out());
        assertTrue(info.out().contains("intervals/natural_scenes_presentations: 10 rows, image index 'frame'"), info.out());
        assertTrue(info.out().contains("units: 10 units, 10 spike times"), info.out());
        assertTrue(info.out().contains("needs --images DIR"), info.out());
        assertTrue(info.out().contains("problem: units/spike_times_index points up to 987786 but units/spike_times holds 10 values"), info.out());

        assertTrue(oneLineFailure("import", "nwb", f.toString(), "--out", tmp.resolve("a").toString()).contains("give --images DIR"));
        Path scenes = tmp.resolve("scenes.npy"); // Allen's 118 natural scenes, stand-ins of the right count
        Npy.writeFloat32(scenes, new int[]{118, 2, 2}, new float[118 * 4]);
        String ragged = oneLineFailure("import", "nwb", f.toString(), "--out", tmp.resolve("a").toString(), "--images", scenes.toString());
        assertTrue(ragged.contains("units/spike_times_index points up to 987786 but units/spike_times holds 10 values"), ragged);
    }

    @Test
    void theHumanMtlFileHasNoImageIndex() {
        Path f = real("sub-4_ses-4_ecephys+image.nwb");
        CliRunner.Result info = CliRunner.run("info", f.toString());
        assertEquals(Main.OK, info.status(), info.err());
        assertTrue(info.out().contains("units: 35 units, 214278 spike times"), info.out());
        assertTrue(info.out().contains("intervals/encoding_table: 90 rows, no image-index column"), info.out());
        String m = oneLineFailure("import", "nwb", f.toString(), "--out", tmp.resolve("b").toString());
        assertTrue(m.contains("no image index"), m);
    }

    @Test
    void theAlmFileHasTrialsButNoImages() {
        Path f = real("sub-anm369963_ses-20170228.nwb");
        CliRunner.Result info = CliRunner.run("info", f.toString());
        assertEquals(Main.OK, info.status(), info.err());
        assertTrue(info.out().contains("format:    NWB 2.0.2"), info.out());
        assertTrue(info.out().contains("intervals/trials: 178 rows"), info.out());
        assertTrue(info.out().contains("units: 1 units, 1679 spike times"), info.out());
        assertTrue(oneLineFailure("import", "nwb", f.toString(), "--out", tmp.resolve("c").toString()).contains("no image index"));
        // Told which column to use (stim_present: 0 or 1), it still has no images to show.
        String m = oneLineFailure("import", "nwb", f.toString(), "--out", tmp.resolve("c").toString(), "--table", "trials",
                "--index-column", "stim_present");
        assertTrue(m.contains("give --images DIR"), m);
    }
}
