package org.v1workbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.data.DatasetFolder;
import org.v1workbench.model.PlantedData;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The path a new user takes: train on a folder, then evaluate and probe the experiment without
 * naming the data again ({@code --data} defaults to the folder the experiment was trained on),
 * and a clear refusal where that folder has moved or its contents changed.
 */
class ExperimentDataDefaultTest {
    @TempDir
    static Path dir;
    static Path data, exp;

    @BeforeAll
    static void train() throws Exception {
        data = dir.resolve("sim");
        DatasetFolder.write(PlantedData.make(100, 16, 4, 2, 3).dataset(), data);
        exp = dir.resolve("exp");
        CliRunner.Result r = CliRunner.run("train", "--data", data.toString(), "--model", "core-readout", "--out", exp.toString(),
                "--seed", "2", "--max-epochs", "1", "--set", "filters=4", "--set", "first_size=5", "--set", "layers=2",
                "--set", "batch_size=32");
        assertEquals(0, r.status(), r.err());
    }

    @Test
    void evaluateAndProbeFindTheFolderTheExperimentWasTrainedOn() throws Exception {
        var config = new ObjectMapper().readTree(exp.resolve("config.json").toFile());
        assertEquals(data.toAbsolutePath().normalize().toString(), config.path("dataset").path("location").asText());

        CliRunner.Result r = CliRunner.run("evaluate", "--experiment", exp.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("data: " + data.toAbsolutePath().normalize()), r.err());
        assertTrue(r.out().contains("cc_norm") || r.out().contains("CC_norm"), r.out());

        Path probe = dir.resolve("p");
        r = CliRunner.run("probe", "--experiment", exp.toString(), "--out", probe.toString(), "--gradient-images", "8",
                "--noise-images", "100", "--orientations", "4", "--phases", "4", "--spatial-freqs", "0.1,0.2",
                "--mei-steps", "2", "--mei-neurons", "1", "--neurons", "2");
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.isRegularFile(probe.resolve("neurons.csv")));
    }

    @Test
    void saysSoWhereTheFolderMovedOrChanged() throws Exception {
        // A copy of the experiment, trained "on" a folder that then changes and then moves.
        Path other = dir.resolve("other");
        DatasetFolder.write(PlantedData.make(100, 16, 4, 2, 3).dataset(), other);
        Path exp2 = dir.resolve("exp2");
        copy(exp, exp2);
        Path cfg = exp2.resolve("config.json");
        Files.writeString(cfg, Files.readString(cfg).replace(data.toAbsolutePath().normalize().toString(),
                other.toAbsolutePath().normalize().toString()));
        assertEquals(0, CliRunner.run("evaluate", "--experiment", exp2.toString()).status());

        DatasetFolder.write(PlantedData.make(100, 16, 4, 2, 4).dataset(), other); // other contents, same place
        CliRunner.Result r = CliRunner.run("evaluate", "--experiment", exp2.toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("has changed since experiment") && r.err().contains("checksum") && r.err().contains("--data"), r.err());

        Files.move(other, dir.resolve("moved"));
        r = CliRunner.run("probe", "--experiment", exp2.toString(), "--out", dir.resolve("p2").toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("no longer at " + other.toAbsolutePath().normalize()) && r.err().contains("--data DIR"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());

        // --data still wins.
        assertEquals(0, CliRunner.run("evaluate", "--experiment", exp2.toString(), "--data", data.toString()).status());
    }

    @Test
    void aDatasetAsTheOnlyArgumentMustExist() {
        CliRunner.Result r = CliRunner.run(dir.resolve("no-such-folder").toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("no such command or dataset"), r.err());
    }

    @Test
    void importTakesADisplayName() throws Exception {
        Path out = dir.resolve("named");
        CliRunner.Result r = CliRunner.run("import", "npy", data.toString(), "--out", out.toString(), "--name", "V1 pilot, monkey A");
        assertEquals(0, r.status(), r.err());
        assertEquals("V1 pilot, monkey A", DatasetFolder.read(out).name());
        r = CliRunner.run("info", out.toString());
        assertTrue(r.out().contains("V1 pilot, monkey A"), r.out());
    }

    private static void copy(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
    }
}
