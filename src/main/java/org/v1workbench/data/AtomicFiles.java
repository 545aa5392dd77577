package org.v1workbench.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes that never leave a half-written result: everything goes to a temporary sibling first, is
 * forced to the disk (fsync) and renamed into place only once complete. A failure deletes the temporary and leaves whatever
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
            sync(tmp);
            move(tmp, abs);
            syncDirectory(parent);
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
        recover(abs);
        Files.createDirectory(tmp);
        try {
            writer.write(tmp);
            sync(tmp);
            if (Files.exists(abs)) {
                if (!Files.isDirectory(abs)) throw new BadInputException(abs, "exists and is not a folder");
                move(abs, old);
            }
            // A kill here leaves no `dir`, only the complete old one beside it: recover() puts it back.
            move(tmp, abs);
            syncDirectory(parent);
            deleteTree(old);
        } finally {
            deleteTree(tmp);
        }
    }

    /**
     * Finishes what a killed {@link #writeDirectory} left: where {@code dir} is missing but its
     * previous version waits beside it, that version is put back; unfinished temporaries go.
     * Readers call it first, so a folder is always the old version or the new one.
     */
    public static void recover(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath();
        Path parent = abs.getParent();
        if (parent == null || !Files.isDirectory(parent)) return;
        String name = abs.getFileName().toString();
        try (Stream<Path> s = Files.list(parent)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith("." + name + ".old-") && !Files.exists(abs)) {
                    move(p, abs);
                    syncDirectory(parent);
                } else if (n.startsWith("." + name + ".tmp-") && olderThanASecond(p)) {
                    deleteTree(p);
                }
            }
        }
        try (Stream<Path> s = Files.list(parent)) {
            for (Path p : s.toList())
                if (p.getFileName().toString().startsWith("." + name + ".old-") && Files.exists(abs)) deleteTree(p);
        }
    }

    /** A temporary another process may still be filling is left alone for a second. */
    private static boolean olderThanASecond(Path p) throws IOException {
        return Files.getLastModifiedTime(p).toMillis() < System.currentTimeMillis() - 1000;
    }

    /** Forces a file, or every file and folder of a tree, to the disk (so a power cut after the rename cannot leave it empty). */
    public static void sync(Path p) throws IOException {
        if (Files.isDirectory(p)) {
            try (Stream<Path> s = Files.walk(p)) {
                for (Path q : s.toList()) {
                    if (Files.isDirectory(q)) syncDirectory(q);
                    else syncFile(q);
                }
            }
        } else {
            syncFile(p);
        }
    }

    private static void syncFile(Path f) throws IOException {
        try (FileChannel c = FileChannel.open(f, StandardOpenOption.WRITE)) {
            c.force(true);
        }
    }

    /** A folder's entries (a rename) to the disk; where the file system cannot, nothing more is possible. */
    private static void syncDirectory(Path d) {
        try (FileChannel c = FileChannel.open(d, StandardOpenOption.READ)) {
            c.force(true);
        } catch (IOException e) {
            // some file systems (and Windows) refuse to open a folder: the rename itself still is atomic
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
