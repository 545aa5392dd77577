package org.v1workbench.model.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Chooses the nd4j-native build that this CPU runs best, before any ND4J class loads, and reports
 * what was loaded (for each experiment's provenance).
 *
 * <p>Why: the oneDNN builds are several times faster than the generic one, but an
 * AVX-512 binary crashes a CPU without AVX-512. All three oneDNN classifier jars ship with the
 * workbench; JavaCPP picks among them by the system property
 * {@code org.bytedeco.javacpp.platform.extension}, which must be set before ND4J's first class
 * loads. Call {@link #init()} first in every code path that touches ND4J (every public entry
 * point of the model package does).
 *
 * <p>Overrides, for users and benchmarks: {@code -Dv1workbench.nd4j.variant=onednn-avx2} (or
 * {@code onednn}, {@code onednn-avx512}) and {@code -Dv1workbench.threads=N}; otherwise the
 * variant comes from {@code /proc/cpuinfo} and the thread count from {@code OMP_NUM_THREADS} or,
 * failing that, ND4J's own choice (the number of physical cores).
 */
public final class Backend {
    /** The JavaCPP property that selects a classifier jar's native libraries. */
    static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";
    public static final String VARIANT_PROPERTY = "v1workbench.nd4j.variant";
    public static final String THREADS_PROPERTY = "v1workbench.threads";

    private Backend() {}

    /**
     * What was loaded: the ND4J version, the classifier variant (e.g. {@code onednn-avx512}),
     * the native binary's optimisation level as libnd4j reports it, whether oneDNN is in use,
     * the OpenMP thread count, the CPU's model name and the path of the loaded libnd4jcpu, the
     * JIT directives, and the Java kernels that training runs in place of nd4j's ({@link JavaKernels}).
     */
    public record Info(String nd4jVersion, String variant, String binaryLevel, boolean oneDnn, int threads,
                       String cpu, String library, boolean ownMaxPooling, String jit, String javaKernels) {
        /** One line for logs and {@code --version}-like reports. */
        public String describe() {
            return "nd4j-native " + nd4jVersion + " linux-x86_64-" + variant + " (binary level " + binaryLevel
                    + (oneDnn ? ", oneDNN on" : ", oneDNN off") + (ownMaxPooling ? ", nd4j's own max pooling" : "") + "), "
                    + threads + " threads, CPU " + cpu + ", library " + library + "; JIT: " + jit + "; Java kernels: " + javaKernels;
        }
    }

    /**
     * Selects the variant (once) and loads ND4J; later calls return the same answer. Thread-safe.
     */
    public static Info init() {
        return Holder.INFO;
    }

    /**
     * Sets nd4j's thread count from now on (its own thread pool and BLAS for the whole process,
     * OpenMP's, which oneDNN uses, for the calling thread) and returns the count it had. A fit
     * that must give the same numbers wherever it runs sets it first: a Spark task to the cores
     * it holds (several tasks share an executor's process), a benchmark to what its
     * {@code --threads} says. Loads ND4J first ({@link #init()}).
     */
    public static int useThreads(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        init();
        int before = org.nd4j.linalg.factory.Nd4j.getEnvironment().maxThreads();
        org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxThreads(threads);
        org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxMasterThreads(threads);
        org.nd4j.linalg.factory.Nd4j.factory().blas().setMaxThreads(threads);
        return before;
    }

    /**
     * Sets how many threads the Java kernels ({@link JavaKernels}) split an op over, from their
     * next call on, and returns the count they had (the cores, unless changed).
     */
    public static int useJavaKernelThreads(int threads) {
        return JavaKernels.useThreads(threads);
    }

    /** How many threads the Java kernels split an op over. */
    public static int javaKernelThreads() {
        return JavaKernels.threads();
    }

    /** nd4j's thread count now (its thread pool's; {@link #useThreads} changes it). Loads ND4J first. */
    public static int currentThreads() {
        init();
        return org.nd4j.linalg.factory.Nd4j.getEnvironment().maxThreads();
    }

    /** The class-holder idiom: ND4J loads exactly once, on first use, after the property is set. */
    private static final class Holder {
        static final Info INFO = load();
    }

    private static Info load() {
        String jit = JitDirectives.install();
        String variant = System.getProperty(VARIANT_PROPERTY);
        if (variant == null || variant.isBlank()) {
            String preset = System.getProperty(EXTENSION_PROPERTY);
            variant = preset != null && !preset.isBlank() ? preset.replaceFirst("^-", "") : variantFor(cpuFlags());
        }
        variant = variant.trim().toLowerCase(Locale.ROOT).replaceFirst("^-", "");
        if (!Set.of("onednn", "onednn-avx2", "onednn-avx512").contains(variant))
            throw new IllegalArgumentException(VARIANT_PROPERTY + " must be onednn, onednn-avx2 or onednn-avx512, not '" + variant + "'");
        System.setProperty(EXTENSION_PROPERTY, "-" + variant);

        // From here on ND4J may load.
        org.nd4j.linalg.factory.Nd4j.create(1);
        org.nd4j.nativeblas.NativeOps ops = org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps();
        int threads = requestedThreads();
        if (threads > 0) {
            ops.setOmpNumThreads(threads);
            org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxThreads(threads);
            org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxMasterThreads(threads);
            org.nd4j.linalg.factory.Nd4j.factory().blas().setMaxThreads(threads);
        }
        int level = ops.binaryLevel();
        String levelName = switch (level) {
            case 0 -> "generic x86-64";
            case 1 -> "AVX";
            case 2 -> "AVX2";
            case 3 -> "AVX512";
            default -> "level " + level;
        };
        boolean oneDnn = org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN()
                && ops.buildInfo().contains("HAVE_ONEDNN");
        String library = "";
        for (Map.Entry<String, String> e : org.bytedeco.javacpp.Loader.getLoadedLibraries().entrySet())
            if (e.getKey().equals("nd4jcpu")) library = e.getValue();
        if (!library.contains("linux-x86_64-" + variant + "/"))
            throw new IllegalStateException("asked for nd4j-native variant " + variant + " but loaded " + library);
        OneChannelConv2D.install();
        EluFromOutput.install();
        GatherRows.install();
        String version = org.nd4j.linalg.factory.Nd4j.class.getPackage().getImplementationVersion();
        if (version == null) version = versionFromJar(library);
        return new Info(version, variant, levelName, oneDnn, ops.ompGetMaxThreads(), cpuModel(), library,
                OpImplementations.ownMaxPooling(variant), jit, JavaKernels.describe());
    }

    /** The best oneDNN variant for a set of {@code /proc/cpuinfo} flags. */
    static String variantFor(Set<String> flags) {
        // libnd4j's AVX-512 build targets Skylake-X (F, CD, BW, DQ, VL); the AVX2 build Haswell.
        if (flags.containsAll(Set.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl", "avx2", "fma")))
            return "onednn-avx512";
        if (flags.containsAll(Set.of("avx2", "fma", "f16c", "bmi1", "bmi2")) || flags.containsAll(Set.of("avx2", "fma", "f16c", "bmi2")))
            return "onednn-avx2";
        return "onednn";
    }

    /** The CPU's feature flags (empty where /proc/cpuinfo cannot be read: the generic build). */
    static Set<String> cpuFlags() {
        for (String line : cpuinfo()) {
            if (line.startsWith("flags")) {
                int colon = line.indexOf(':');
                return new HashSet<>(Arrays.asList(line.substring(colon + 1).trim().split("\\s+")));
            }
        }
        return Set.of();
    }

    private static String cpuModel() {
        for (String line : cpuinfo())
            if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).trim();
        return System.getProperty("os.arch");
    }

    private static java.util.List<String> cpuinfo() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo"));
        } catch (IOException | RuntimeException e) {
            return java.util.List.of();
        }
    }

    private static int requestedThreads() {
        String p = System.getProperty(THREADS_PROPERTY);
        if (p == null || p.isBlank()) return 0; // ND4J already applied OMP_NUM_THREADS or physical cores
        try {
            int n = Integer.parseInt(p.trim());
            if (n < 1) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(THREADS_PROPERTY + " must be a positive integer, not '" + p + "'");
        }
    }

    private static String versionFromJar(String library) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("nd4j-native-([0-9][^/]*?)-linux").matcher(library);
        return m.find() ? m.group(1) : "unknown";
    }
}
