package org.v1workbench.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The size and modification time of a dataset's files (the folder's own files, or the one file it
 * was opened from) when training started, so that a save can tell whether they changed meanwhile
 * without reading them again (a checksum of a large dataset would cost seconds per save).
 */
final class DataFiles {
    private final Path location;
    private final Map<String, String> stamps;

    private DataFiles(Path location, Map<String, String> stamps) {
        this.location = location;
        this.stamps = stamps;
    }

    /** The files at {@code location} (a folder or a file; empty: a dataset built in memory, nothing to watch). */
    static DataFiles of(String location) {
        if (location == null || location.isEmpty()) return new DataFiles(null, Map.of());
        Path p = Path.of(location);
        return new DataFiles(p, stamps(p));
    }

    private static Map<String, String> stamps(Path p) {
        Map<String, String> m = new TreeMap<>();
        try {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    for (Path f : s.toList()) stamp(f, m);
                }
            } else {
                stamp(p, m);
            }
        } catch (IOException e) {
            // a folder that cannot be listed now: every file it had counts as gone
        }
        return m;
    }

    private static void stamp(Path f, Map<String, String> m) throws IOException {
        if (!Files.exists(f, LinkOption.NOFOLLOW_LINKS)) return;
        BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
        if (!a.isRegularFile() || f.getFileName().toString().startsWith(".")) return;
        m.put(f.getFileName().toString(), a.size() + " bytes, modified " + a.lastModifiedTime().toMillis());
    }

    /**
     * What changed since training started ("responses.npy modified, neurons.csv deleted"), null if
     * nothing did. Files added since are not counted (the data are in the files there were).
     */
    String changes() {
        if (location == null) return null;
        Map<String, String> now = stamps(location);
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : stamps.entrySet()) {
            String n = now.get(e.getKey());
            if (n == null) out.add(e.getKey() + " deleted");
            else if (!n.equals(e.getValue())) out.add(e.getKey() + " modified");
        }
        return out.isEmpty() ? null : String.join(", ", out);
    }
}
