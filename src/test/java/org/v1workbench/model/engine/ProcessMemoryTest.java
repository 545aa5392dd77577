package org.v1workbench.model.engine;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ProcessMemoryTest {
    @Test
    void residentAndPeakMemoryAreReadFromProc() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "not Linux");
        long now = ProcessMemory.residentMb(), peak = ProcessMemory.peakResidentMb();
        assertTrue(now > 0, "resident " + now + " MB");
        assertTrue(peak >= now, "peak " + peak + " MB below resident " + now + " MB");
        assertEquals(-1, ProcessMemory.statusMb("NoSuchField:"));
    }

    @Test
    void aFieldIsReadFromItsOwnLine() throws Exception {
        String status = "Name:\tjava\nVmPeak:\t 9876543 kB\nVmHWM:\t  123456 kB\nVmRSS:\t   65536 kB\nRssAnon:\t1 kB\n";
        assertEquals(65536, ProcessMemory.kilobytes(status, "VmRSS:"));
        assertEquals(123456, ProcessMemory.kilobytes(status, "VmHWM:"));
        assertEquals(-1, ProcessMemory.kilobytes(status, "VmSwap:"));
        assertEquals(-1, ProcessMemory.kilobytes("VmRSS:\t kB\nVmHWM:\t5 kB\n", "VmRSS:"), "no number on its own line");
        assertEquals(7, ProcessMemory.kilobytes("VmRSS:\t7 kB", "VmRSS:"), "first line, no newline after it");
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "not Linux");
        // The text segment's size does not change while the process runs: compare with a regular-expression read.
        String live = Files.readString(Path.of("/proc/self/status"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^VmExe:\\s*(\\d+) kB$").matcher(live);
        assertTrue(m.find(), live);
        assertEquals(Long.parseLong(m.group(1)), ProcessMemory.kilobytes(live, "VmExe:"));
    }
}
