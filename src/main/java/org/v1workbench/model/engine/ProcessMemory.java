package org.v1workbench.model.engine;

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
            long kb = kilobytes(Files.readString(Path.of("/proc/self/status")), field);
            return kb < 0 ? -1 : kb / 1024;
        } catch (IOException | RuntimeException e) {
            return -1; // not Linux: unknown
        }
    }

    /**
     * The number on line {@code field} (e.g. {@code "VmRSS:"}) of a status text, or -1. Read
     * after every training batch, so a plain scan, without regular expressions.
     */
    static long kilobytes(String status, String field) {
        int at = ("\n" + status).indexOf("\n" + field); // where the field's line starts in status
        if (at < 0) return -1;
        long kb = 0;
        boolean digits = false;
        for (int i = at + field.length(); i < status.length(); i++) {
            char c = status.charAt(i);
            if (c >= '0' && c <= '9') {
                kb = kb * 10 + (c - '0');
                digits = true;
            } else if (digits || c == '\n') break;
        }
        return digits ? kb : -1;
    }
}
