package org.v1workbench.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps what a folder's files name inside that folder: a name read from a dataset or experiment
 * file, or a symbolic link in it, that leads out of the folder is bad input, not a way to read
 * (or overwrite) something elsewhere.
 */
public final class Inside {
    private Inside() {}

    /** {@code folder/name}, where {@code name} came from {@code source}; refused when it leads out of {@code folder}. */
    public static Path resolve(Path folder, String name, Path source) {
        Path rel;
        try {
            rel = Path.of(name);
        } catch (java.nio.file.InvalidPathException e) {
            throw new BadInputException(source, "names an impossible path '" + name + "'");
        }
        if (name.isEmpty() || rel.isAbsolute() || !folder.resolve(rel).normalize().startsWith(folder.normalize())
                || rel.normalize().toString().startsWith(".."))
            throw new BadInputException(source, "names '" + name + "', which leads outside " + folder);
        return check(folder, folder.resolve(rel));
    }

    /** {@code file}, checked not to lead (through symbolic links) out of {@code folder}; a missing file passes. */
    public static Path check(Path folder, Path file) {
        if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return file;
        try {
            Path real = file.toRealPath(), root = folder.toRealPath();
            if (!real.startsWith(root)) throw new BadInputException(file, "is a link that leads outside its folder (to " + real + ")");
        } catch (IOException e) {
            throw new BadInputException(file, "cannot be followed (" + e.getMessage() + ")", e);
        }
        return file;
    }
}
