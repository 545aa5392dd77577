package org.v1workbench.data;

import org.v1workbench.data.importers.ImageFolderImporter;
import org.v1workbench.data.importers.NpyFolderImporter;
import org.v1workbench.data.importers.NwbImporter;
import org.v1workbench.data.importers.Pvc8ProcessedImporter;
import org.v1workbench.data.importers.Pvc8RawImporter;
import org.v1workbench.data.importers.SensoriumImporter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Every importer, and opening a dataset from whatever folder the user names. */
public final class Importers {
    private Importers() {}

    public static List<Importer> all() {
        return List.of(new Pvc8ProcessedImporter(), new Pvc8RawImporter(), new NpyFolderImporter(), new ImageFolderImporter(),
                new NwbImporter(), new SensoriumImporter());
    }

    public static Importer byFormat(String format) {
        for (Importer i : all()) if (i.format().equals(format)) return i;
        throw new BadInputException("unknown format '" + format + "' (one of: "
                + String.join(", ", all().stream().map(Importer::format).toList()) + ")");
    }

    /**
     * Opens {@code source}: a dataset folder in the on-disk format, or anything an importer
     * recognises (imported in memory with default options).
     */
    public static Dataset open(Path source) {
        if (!Files.exists(source)) throw new BadInputException(source, "not found");
        if (DatasetFolder.looksLike(source)) return located(DatasetFolder.read(source), source);
        for (Importer i : all()) if (i.recognises(source)) return located(i.load(source, ImportOptions.defaults()), source);
        if (Files.isDirectory(source)) {
            try (var s = Files.list(source)) {
                if (s.findAny().isEmpty()) throw new BadInputException(source, "empty folder, no dataset in it");
            } catch (java.io.IOException e) {
                throw new BadInputException(source, "cannot be listed (" + e.getMessage() + ")", e);
            }
        }
        throw new BadInputException(source, "not a dataset: no dataset.json and no format recognised ("
                + String.join(", ", all().stream().map(Importer::format).toList()) + ")");
    }

    /** {@code d} remembering where it was opened from (an experiment trained on it records the place). */
    private static Dataset located(Dataset d, Path source) {
        return d.toBuilder().location(source.toAbsolutePath().normalize().toString()).build();
    }
}
