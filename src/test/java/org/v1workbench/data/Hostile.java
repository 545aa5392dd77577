package org.v1workbench.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fuzzers' shared rules: how a good file is broken (byte edits, and edits of the numbers in a
 * text file), and what a loader may do with the result: load it, or throw a BadInputException whose
 * first line names the file or its folder. Anything else (another exception, an Error, more than
 * {@link #LIMIT_MS} ms) fails the test with the loader's own trace.
 */
public final class Hostile {
    /** Per try; generous for a busy machine, far below a hang. */
    public static final long LIMIT_MS = 20_000;

    private Hostile() {}

    /** One edit of a file's bytes, positions as fractions of the file's length. */
    public record Edit(int kind, double at, int length, byte[] bytes, long number) {
        byte[] apply(byte[] in) {
            int pos = (int) Math.min(in.length, Math.floor(at * in.length));
            switch (kind) {
                case 0: // truncate
                    return java.util.Arrays.copyOf(in, pos);
                case 1: { // overwrite with random bytes
                    byte[] out = in.clone();
                    for (int i = 0; i < bytes.length && pos + i < out.length; i++) out[pos + i] = bytes[i];
                    return out;
                }
                case 2: { // insert
                    byte[] out = new byte[in.length + bytes.length];
                    System.arraycopy(in, 0, out, 0, pos);
                    System.arraycopy(bytes, 0, out, pos, bytes.length);
                    System.arraycopy(in, pos, out, pos + bytes.length, in.length - pos);
                    return out;
                }
                case 3: { // delete a run
                    int end = Math.min(in.length, pos + length);
                    byte[] out = new byte[in.length - (end - pos)];
                    System.arraycopy(in, 0, out, 0, pos);
                    System.arraycopy(in, end, out, pos, in.length - end);
                    return out;
                }
                case 4: { // an awkward integer (a length, a count, a dimension) written over 4 or 8 bytes
                    byte[] out = in.clone();
                    ByteBuffer b = ByteBuffer.allocate(8).order(length % 2 == 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN).putLong(number);
                    int n = length % 4 < 2 ? 4 : 8;
                    for (int i = 0; i < n && pos + i < out.length; i++) out[pos + i] = b.get(length % 2 == 0 ? i : 8 - n + i);
                    return out;
                }
                default: { // text: replace the k-th number with an awkward one
                    String s = new String(in, StandardCharsets.ISO_8859_1);
                    Matcher m = NUMBER.matcher(s);
                    int count = 0;
                    while (m.find()) count++;
                    if (count == 0) return in;
                    int target = Math.min(count - 1, (int) (at * count));
                    m.reset();
                    for (int i = 0; i <= target; i++) m.find();
                    String replacement = AWKWARD_TEXT[(int) Math.floorMod(number, (long) AWKWARD_TEXT.length)];
                    return (s.substring(0, m.start()) + replacement + s.substring(m.end())).getBytes(StandardCharsets.ISO_8859_1);
                }
            }
        }
    }

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    static final String[] AWKWARD_TEXT = {"-1", "0", "300000000000", "9223372036854775808", "1e400", "NaN", "-Infinity",
            "2147483647", "\"x\"", "null", "[]", "{}", "1.5", "../../..", "-0", "\"../../../etc/passwd\""};
    static final long[] AWKWARD_NUMBERS = {0, -1, 1, 0x7fffffffL, 0x80000000L, 0xffffffffL, 300_000_000_000L, Long.MAX_VALUE,
            Long.MIN_VALUE, 1L << 31, 65536, 255};

    /** A random edit, from {@code rnd} (seeded: the same seed, the same files). */
    public static Edit edit(Random rnd) {
        byte[] bytes = new byte[1 + rnd.nextInt(16)];
        rnd.nextBytes(bytes);
        long number = rnd.nextBoolean() ? AWKWARD_NUMBERS[rnd.nextInt(AWKWARD_NUMBERS.length)] : rnd.nextLong();
        double at = rnd.nextInt(8) == 0 ? (rnd.nextBoolean() ? 0 : rnd.nextDouble() * 0.05) : rnd.nextDouble();
        return new Edit(rnd.nextInt(6), at, 1 + rnd.nextInt(64), bytes, number);
    }

    /** One to four edits. */
    public static List<Edit> edits(Random rnd) {
        List<Edit> out = new java.util.ArrayList<>();
        int n = 1 + rnd.nextInt(4);
        for (int i = 0; i < n; i++) out.add(edit(rnd));
        return out;
    }

    /**
     * Runs {@code tries} tries of {@code oneTry}, each with its own seeded Random; a failure names
     * the try's seed, which reproduces it. Returns a line for the report (tries, seconds).
     */
    public static String fuzz(String loader, long seed, int tries, TryBody oneTry) throws Exception {
        long t0 = System.nanoTime();
        for (int i = 0; i < tries; i++) {
            long s = seed * 1_000_003L + i;
            try {
                oneTry.run(new Random(s), i);
            } catch (AssertionError | Exception e) {
                throw new AssertionError(loader + " fuzz try " + i + " (seed " + s + "): " + e.getMessage(), e);
            }
        }
        String line = String.format("fuzz %s: %d bad inputs, %.1f s, nothing crashed", loader, tries, (System.nanoTime() - t0) / 1e9);
        System.out.println(line);
        return line;
    }

    @FunctionalInterface
    public interface TryBody {
        void run(Random rnd, int index) throws Exception;
    }

    /** Rewrites {@code file} with the edits applied. */
    public static void mutate(Path file, List<Edit> edits) throws IOException {
        byte[] b = Files.readAllBytes(file);
        for (Edit e : edits) b = e.apply(b);
        Files.write(file, b);
    }

    /**
     * Runs {@code load}: success or a BadInputException naming {@code named} (its file name) on the
     * first line pass; returns the message, or null on success.
     */
    public static String expectLoadedOrBad(Path named, Callable<?> load) {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                load.call();
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "hostile-load");
        t.setDaemon(true);
        t.start();
        try {
            t.join(LIMIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            t.interrupt();
            AssertionError a = new AssertionError("loading " + named + " did not finish in " + LIMIT_MS + " ms (a hang)");
            a.setStackTrace(t.getStackTrace());
            throw a;
        }
        Throwable e = thrown.get();
        if (e == null) return null;
        if (!(e instanceof BadInputException)) throw new AssertionError("loading " + named + " threw " + e + " instead of a BadInputException", e);
        String first = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        if (!first.contains(named.getFileName().toString()))
            throw new AssertionError("the message does not name " + named.getFileName() + ": " + first, e);
        return e.getMessage();
    }

    /** Copies a folder tree (small fixtures). */
    public static void copyTree(Path from, Path to) throws IOException {
        try (var s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(q);
                else Files.copy(p, q);
            }
        }
    }

    /** Whether the tests run as root, where file permissions do not stop reads. */
    public static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }
}
