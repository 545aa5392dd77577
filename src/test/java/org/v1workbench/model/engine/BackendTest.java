package org.v1workbench.model.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackendTest {
    @Test
    void backendVariantFollowsCpuFlags() {
        assertEquals("onednn-avx512", Backend.variantFor(java.util.Set.of("avx2", "fma", "f16c", "bmi1", "bmi2", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl")));
        assertEquals("onednn-avx2", Backend.variantFor(java.util.Set.of("avx2", "fma", "f16c", "bmi1", "bmi2", "avx512f")));
        assertEquals("onednn", Backend.variantFor(java.util.Set.of("sse4_2", "avx")));
        Backend.Info info = Backend.init();
        assertEquals(Backend.variantFor(Backend.cpuFlags()), info.variant());
        assertTrue(info.library().contains("linux-x86_64-" + info.variant() + "/libnd4jcpu.so"), info.library());
        assertTrue(info.threads() >= 1);
    }
}
