package org.v1workbench.model.engine;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Keeps HotSpot's optimising compiler (C2) away from nd4j's and JavaCPP's Java code: those methods
 * are compiled by C1 only, quickly and once.
 *
 * <p>Why: a training step runs a few hundred short native ops through SameDiff's Java
 * bookkeeping, and C2 spends seconds compiling that bookkeeping early in a run
 * ({@code -XX:+CITime} shows it). On a machine with few cores its compiler thread takes a core
 * from the OpenMP threads, which then wait for each other at every op, and the code runs in
 * C1's slow profiling tier meanwhile. C1 alone compiles these methods quickly, and they are not
 * where the time goes: the native kernels, where the arithmetic is, are unaffected, and our own
 * code, JavaFX and the JDK keep C2. The speed-up is measured in docs/benchmarks.md ("The JIT
 * directive, forced collections and max pooling").
 *
 * <p>Installed through the HotSpot diagnostic command {@code Compiler.directives_add} (what
 * {@code jcmd PID Compiler.directives_add} does), so that it needs no JVM option and works
 * under {@code java -jar}. The patterns can be changed with
 * {@code -Dv1workbench.jit.exclude=PATTERN,...} (HotSpot's method patterns) or turned off with
 * {@code -Dv1workbench.jit.exclude=none}. Best effort: on a JVM without the command nothing
 * changes and {@link #install} says so.
 */
final class JitDirectives {
    private JitDirectives() {}

    static final String PROPERTY = "v1workbench.jit.exclude";
    static final String DEFAULT_PATTERNS = "org/nd4j/*.*,org/bytedeco/*.*";

    /** The directive file's text: C2 excluded for each pattern. */
    static String directives(List<String> patterns) {
        StringBuilder json = new StringBuilder("[{ match: [");
        for (int i = 0; i < patterns.size(); i++) json.append(i > 0 ? ", " : "").append('"').append(patterns.get(i)).append('"');
        return json.append("], c2: { Exclude: true } }]").toString();
    }

    /** The patterns asked for (empty: none). */
    static List<String> patterns() {
        String p = System.getProperty(PROPERTY, DEFAULT_PATTERNS).trim();
        if (p.isEmpty() || p.equals("none")) return List.of();
        List<String> out = new java.util.ArrayList<>();
        for (String s : p.split(",")) {
            s = s.trim();
            if (!s.matches("[A-Za-z0-9_$/.*]+"))
                throw new IllegalArgumentException(PROPERTY + ": '" + s + "' is not a method pattern such as org/nd4j/*.*");
            out.add(s);
        }
        return out;
    }

    /** Adds the directives (once per process: call from {@link Backend}); what the JVM answered, or why not. */
    static String install() {
        List<String> patterns = patterns();
        if (patterns.isEmpty()) return "C2 not restricted (" + PROPERTY + "=none)";
        try {
            Path f = Files.createTempFile("v1workbench-jit", ".json");
            try {
                Files.writeString(f, directives(patterns));
                Object answer = ManagementFactory.getPlatformMBeanServer().invoke(
                        new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesAdd",
                        new Object[]{new String[]{f.toString()}}, new String[]{String[].class.getName()});
                return "C2 excluded for " + String.join(", ", patterns) + " (" + String.valueOf(answer).trim() + ")";
            } finally {
                Files.deleteIfExists(f);
            }
        } catch (Exception | LinkageError e) {
            return "C2 not restricted: " + e;
        }
    }
}
