package org.v1workbench.model;

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
}
