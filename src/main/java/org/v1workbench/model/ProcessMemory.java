package org.v1workbench.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's memory as Linux reports it in {@code /proc/self/status}, heap and native arrays
 * together (nd4j's arrays live outside the Java heap, so the JVM's own figures miss them).
 */
public final class ProcessMemory {
    private ProcessMemory() {}

    /** Resident memory now (VmRSS) in MB; -1 where unknown (not Linux). */
    public static long residentMb() {
        return statusMb("VmRSS:");
    }

    /** Peak resident memory (VmHWM) in MB; -1 where unknown (not Linux). */
    public static long peakResidentMb() {
        return statusMb("VmHWM:");
    }

    /** A {@code kB} line of /proc/self/status, in MB; -1 where absent or unreadable. */
    static long statusMb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status")))
                if (line.startsWith(field)) return Long.parseLong(line.substring(field.length()).replaceAll("[^0-9]", "")) / 1024;
        } catch (IOException | RuntimeException e) {
            // not Linux: unknown
        }
        return -1;
    }
}
