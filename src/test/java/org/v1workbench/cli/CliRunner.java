package org.v1workbench.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the command line in-process and captures what it prints. */
public final class CliRunner {
    public record Result(int status, String out, String err) {}

    private CliRunner() {}

    public static synchronized Result run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = Main.run(args);
            System.out.flush();
            System.err.flush();
            return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** The arguments of {@code a}, then {@code b}, then {@code c}, as one command line. */
    public static String[] cat(java.util.List<String> a, java.util.List<String> b, String... c) {
        java.util.List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        all.addAll(java.util.List.of(c));
        return all.toArray(new String[0]);
    }
}
