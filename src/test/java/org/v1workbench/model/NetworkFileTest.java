package org.v1workbench.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.data.BadInputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-made broken {@code network.json} files: each is reported by file and field, as bad input. */
class NetworkFileTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A complete description, as {@link Network#save} writes it, for a 4 x 4 image and 2 neurons. */
    static ObjectNode complete() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"format": "v1-workbench network 1", "preset": "ln", "seed": 3,
                 "hyperparameters": {"lr": "0.01", "batch_size": "16"},
                 "spec": {"height": 4, "width": 4, "neurons": 2, "pixel_mean": 0.5, "pixel_sd": 0.25,
                          "mean_response": [1.0, 2.0]},
                 "keep_features": 0, "dtype": "FLOAT", "iterations": 7, "learning_rate": 0.01,
                 "with_optimiser": false}""");
    }

    static BadInputException loadBroken(Path dir, Consumer<ObjectNode> breakIt) throws Exception {
        Files.createDirectories(dir);
        ObjectNode m = complete();
        breakIt.accept(m);
        Files.writeString(dir.resolve("network.json"), JSON.writeValueAsString(m));
        Files.write(dir.resolve("model.fb"), new byte[]{1, 2, 3, 4}); // never read: the description fails first
        return assertThrows(BadInputException.class, () -> Network.load(dir));
    }

    static void assertNames(BadInputException e, String... parts) {
        for (String p : parts) assertTrue(e.getMessage().contains(p), "'" + p + "' not in: " + e.getMessage());
    }

    @Test
    void aMissingFieldIsNamed(@TempDir Path dir) throws Exception {
        assertNames(loadBroken(dir.resolve("a"), m -> m.remove("preset")), "network.json", "'preset'", "missing");
        assertNames(loadBroken(dir.resolve("b"), m -> ((ObjectNode) m.get("spec")).remove("height")),
                "network.json", "'spec.height'", "missing");
        assertNames(loadBroken(dir.resolve("c"), m -> m.remove("spec")), "network.json", "'spec'", "missing");
        assertNames(loadBroken(dir.resolve("d"), m -> ((ObjectNode) m.get("hyperparameters")).remove("lr")),
                "network.json", "'hyperparameters.lr'", "missing");
        assertNames(loadBroken(dir.resolve("e"), m -> m.remove("seed")), "network.json", "'seed'", "missing");
    }

    @Test
    void aFieldOfTheWrongTypeIsNamed(@TempDir Path dir) throws Exception {
        assertNames(loadBroken(dir.resolve("a"), m -> m.put("seed", "three")), "network.json", "'seed'", "must be an integer");
        assertNames(loadBroken(dir.resolve("b"), m -> m.put("spec", 5)), "network.json", "'spec'", "must be an object");
        assertNames(loadBroken(dir.resolve("c"), m -> ((ObjectNode) m.get("spec")).put("width", 4.5)),
                "network.json", "'spec.width'", "must be an integer");
        assertNames(loadBroken(dir.resolve("d"), m -> ((ObjectNode) m.get("spec")).putArray("mean_response").add(1.0).add("x")),
                "network.json", "'spec.mean_response[1]'", "must be a number");
        assertNames(loadBroken(dir.resolve("e"), m -> m.put("with_optimiser", "yes")), "network.json", "'with_optimiser'", "true or false");
        assertNames(loadBroken(dir.resolve("f"), m -> ((ObjectNode) m.get("hyperparameters")).put("lr", "fast")),
                "network.json", "'hyperparameters.lr'", "must be a number");
    }

    @Test
    void valuesThatDescribeNoNetworkAreNamed(@TempDir Path dir) throws Exception {
        assertNames(loadBroken(dir.resolve("a"), m -> ((ObjectNode) m.get("spec")).put("neurons", 3)),
                "network.json", "'spec'", "3 neurons");
    }

    @Test
    void aBrokenGraphFileIsNamed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("network.json"), JSON.writeValueAsString(complete()));
        Files.write(dir.resolve("model.fb"), new byte[]{1, 2, 3, 4});
        assertNames(assertThrows(BadInputException.class, () -> Network.load(dir)), "model.fb", "not a readable SameDiff model");
        Files.writeString(dir.resolve("network.json"), "[1, 2]");
        assertNames(assertThrows(BadInputException.class, () -> Network.load(dir)), "network.json", "JSON object");
    }
}
