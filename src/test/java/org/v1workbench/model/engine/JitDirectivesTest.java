package org.v1workbench.model.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JitDirectivesTest {
    @Test
    void directivesExcludeC2ForThePatterns() {
        assertEquals("[{ match: [\"org/nd4j/*.*\", \"org/bytedeco/*.*\"], c2: { Exclude: true } }]",
                JitDirectives.directives(List.of("org/nd4j/*.*", "org/bytedeco/*.*")));
    }

    @Test
    void theBackendInstalledThemInThisJvm() throws Exception {
        Backend.Info info = Backend.init();
        assertTrue(info.jit().startsWith("C2 excluded for org/nd4j/*.*, org/bytedeco/*.*"), info.jit());
        // The JVM's own list of directives, as jcmd Compiler.directives_print shows it.
        Object printed = java.lang.management.ManagementFactory.getPlatformMBeanServer().invoke(
                new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesPrint",
                new Object[]{new String[0]}, new String[]{String[].class.getName()});
        assertTrue(String.valueOf(printed).contains("org/nd4j/"), String.valueOf(printed));
    }

    @Test
    void aBadPatternIsRefusedWithTheProperty() {
        String before = System.getProperty(JitDirectives.PROPERTY);
        try {
            System.setProperty(JitDirectives.PROPERTY, "org/nd4j/*.*; rm -rf");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, JitDirectives::patterns);
            assertTrue(e.getMessage().contains(JitDirectives.PROPERTY), e.getMessage());
            System.setProperty(JitDirectives.PROPERTY, "none");
            assertEquals(List.of(), JitDirectives.patterns());
        } finally {
            if (before == null) System.clearProperty(JitDirectives.PROPERTY);
            else System.setProperty(JitDirectives.PROPERTY, before);
        }
    }
}
