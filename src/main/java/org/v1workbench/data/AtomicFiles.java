package org.v1workbench.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes that never leave a half-written result: everything goes to a temporary sibling first and
 * is renamed into place only once complete. A failure deletes the temporary and leaves whatever
 * was there before untouched.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Something that writes into a path (a file or a folder) and may fail. */
    @FunctionalInterface
    public interface Writer {
        void write(Path target) throws IOException;
    }

    /** Writes one file through a temporary sibling, then renames it over {@code file}. */
    public static void writeFile(Path file, Writer writer) throws IOException {
        Path abs = file.toAbsolutePath();
        Path parent = abs.getParent();
        Files.createDirectories(parent);
        Path tmp = parent.resolve("." + abs.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            writer.write(tmp);
            move(tmp, abs);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Fills a temporary folder beside {@code dir}, then swaps it in: an existing {@code dir} is
     * replaced only after the new one is complete.
     */
    public static void writeDirectory(Path dir, Writer writer) throws IOException {
        Path abs = dir.toAbsolutePath();
        Path parent = abs.getParent();
        Files.createDirectories(parent);
        String id = UUID.randomUUID().toString();
        Path tmp = parent.resolve("." + abs.getFileName() + ".tmp-" + id);
        Path old = parent.resolve("." + abs.getFileName() + ".old-" + id);
        Files.createDirectory(tmp);
        try {
            writer.write(tmp);
            if (Files.exists(abs)) {
                if (!Files.isDirectory(abs)) throw new BadInputException(abs, "exists and is not a folder");
                move(abs, old);
            }
            move(tmp, abs);
            deleteTree(old);
        } finally {
            deleteTree(tmp);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes a file or folder tree if it exists. */
    public static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(q -> {
                try {
                    Files.delete(q);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
