package org.v1workbench.data.importers;

import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.ImportOptions;
import org.v1workbench.data.Importer;
import org.v1workbench.data.Neuron;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The CRCNS pvc-8 release itself (Coen-Cagli, Kohn & Schwartz 2015): a folder of {@code 01.mat}
 * ... {@code 10.mat}, one per session, or a single such file. Each holds
 * <ul>
 *   <li>{@code resp_train}: uint8 {@code neurons x stimuli x repeats x bins}, spikes in 1-ms bins
 *       from stimulus onset (956 stimuli, 20 repeats, 105 or 106 bins in the release);</li>
 *   <li>{@code images}: a {@code 1 x stimuli} cell of {@code height x width} uint8 images
 *       (320 x 320 in the release);</li>
 *   <li>{@code INDCENT}: {@code neurons x 1}, 1 where the receptive field is centred on the stimulus;</li>
 *   <li>{@code resp_train_blk} (blank periods): ignored, and never decompressed.</li>
 * </ul>
 * The first 540 stimuli are the 270 natural images in pairs, small (odd MATLAB index 1, 3, ...)
 * then large (even index); the rest are gratings and are dropped. Each trial's response is the
 * spike count in bins {@code latency .. latency + window - 1} (bin k covers [k, k+1) ms after
 * onset); the default window runs to the last bin of the shortest file, so that every session
 * shares one window and rates in Hz are comparable. All repeats are kept (NaN where a session
 * has fewer than the most). Images are kept at their native size; every file must show the same.
 */
public final class Pvc8RawImporter implements Importer {
    /** Stimuli 1..540 of the release are the natural images (270 small/large pairs). */
    public static final int NATURAL_STIMULI = 540;
    public static final double DEFAULT_LATENCY_MS = 50;
    static final String RESP = "resp_train", IMAGES = "images", INDCENT = "INDCENT";

    private final int naturalStimuli;

    public Pvc8RawImporter() {
        this(NATURAL_STIMULI);
    }

    /**
     * For files with fewer stimuli than the release (tests write such files): the first
     * {@code naturalStimuli} stimuli are taken as the natural small/large pairs.
     */
    public Pvc8RawImporter(int naturalStimuli) {
        if (naturalStimuli <= 0 || naturalStimuli % 2 != 0)
            throw new IllegalArgumentException("natural stimuli come in small/large pairs: a positive even count, not " + naturalStimuli);
        this.naturalStimuli = naturalStimuli;
    }

    @Override public String format() { return "pvc8-raw"; }

    @Override public String description() {
        return "the CRCNS pvc-8 release: a folder of 01.mat ... 10.mat (resp_train, images, INDCENT) or one such file";
    }

    /** By file name only (cheap): a folder holding NN.mat files, or one such file. */
    @Override public boolean recognises(Path source) {
        if (Files.isRegularFile(source)) return isSessionName(source);
        return !sessionFiles(source).isEmpty();
    }

    private static boolean isSessionName(Path p) {
        return p.getFileName().toString().matches("\\d\\d\\.mat");
    }

    static List<Path> sessionFiles(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> isSessionName(p) && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override public Dataset load(Path source, ImportOptions options) {
        List<Path> files = filesOf(source);
        Settings set = settings(options);

        // Check every file's variables and shapes from the headers alone before reading any data.
        int shortest = Integer.MAX_VALUE;
        Map<Path, int[]> shapes = new LinkedHashMap<>();
        for (Path f : files) {
            Map<String, MatFiles.Header> h = MatFiles.headers(f);
            for (String v : List.of(RESP, IMAGES, INDCENT))
                if (!h.containsKey(v)) throw new BadInputException(f, "has no variable '" + v + "' (not a pvc-8 session file, or truncated)");
            int[] d = h.get(RESP).dims();
            if (d.length != 4)
                throw new BadInputException(f, "'" + RESP + "' must be neurons x stimuli x repeats x 1-ms bins, not " + MatFiles.dims(d));
            if (d[1] < naturalStimuli)
                throw new BadInputException(f, "'" + RESP + "' has " + d[1] + " stimuli, fewer than the " + naturalStimuli + " natural-image stimuli of pvc-8");
            shapes.put(f, d);
            shortest = Math.min(shortest, d[3]);
        }
        int latency = set.latencyMs;
        int window;
        if (set.windowMs == null) {
            window = shortest - latency;
            if (window <= 0)
                throw new BadInputException("--latency-ms " + latency + " leaves no bins to count: "
                        + shortestFile(shapes, shortest).getFileName() + " records only " + shortest + " 1-ms bins");
        } else {
            window = set.windowMs;
            for (Map.Entry<Path, int[]> e : shapes.entrySet())
                if (latency + window > e.getValue()[3])
                    throw new BadInputException(e.getKey(), "--latency-ms " + latency + " + --window-ms " + window + " = "
                            + (latency + window) + " ms runs past the " + e.getValue()[3] + " recorded 1-ms bins");
        }

        int pairs = naturalStimuli / 2;
        float[] stimuli = null;
        int h = -1, w = -1, maxRepeats = 0;
        Path first = null;
        List<float[]> counts = new ArrayList<>();   // per file: images x repeats x neurons
        List<int[]> dims = new ArrayList<>();
        List<Neuron> neurons = new ArrayList<>();
        for (Path f : files) {
            String session = f.getFileName().toString().replaceFirst("(?i)\\.mat$", "");
            try (MatFile mat = MatFiles.open(f, Set.of(RESP, IMAGES, INDCENT))) {
                Matrix resp = MatFiles.matrix(mat, f, RESP);
                int[] d = resp.getDimensions();
                if (d.length != 4 || !Arrays.equals(d, shapes.get(f)))
                    throw new BadInputException(f, "'" + RESP + "' has shape " + MatFiles.dims(d) + " where its header says " + MatFiles.dims(shapes.get(f)));
                if (resp.isComplex()) throw new BadInputException(f, "'" + RESP + "' is complex, not spike counts");
                int nn = d[0], ns = d[1], nr = d[2];

                int[] indcent = indcent(mat, f, nn);
                Image img = images(mat, f, ns, pairs, set.largeOffset);
                if (stimuli == null) {
                    stimuli = img.pixels;
                    h = img.h;
                    w = img.w;
                    first = f;
                } else if (img.h != h || img.w != w || !Arrays.equals(stimuli, img.pixels)) {
                    throw new BadInputException(f, "shows other " + set.version + " natural images than " + first.getFileName()
                            + " (every session must show the same images)");
                }
                counts.add(count(resp, f, pairs, set.largeOffset, latency, window));
                dims.add(d);
                maxRepeats = Math.max(maxRepeats, nr);
                for (int n = 0; n < nn; n++) {
                    Map<String, String> props = new LinkedHashMap<>();   // fixed column order in neurons.csv
                    props.put("indcent", Integer.toString(indcent[n]));
                    props.put("file", f.getFileName().toString());
                    neurons.add(new Neuron(String.format("s%s-n%03d", session, n + 1), session, props));
                }
            } catch (IOException e) {
                throw new BadInputException(f, "cannot be closed (" + MatFiles.describe(e) + ")", e);
            }
        }

        int total = neurons.size();
        float[] responses = new float[pairs * maxRepeats * total];
        Arrays.fill(responses, Float.NaN);
        int offset = 0;
        for (int k = 0; k < counts.size(); k++) {
            float[] c = counts.get(k);
            int nn = dims.get(k)[0], nr = dims.get(k)[2];
            for (int i = 0; i < pairs; i++)
                for (int r = 0; r < nr; r++)
                    System.arraycopy(c, (i * nr + r) * nn, responses, (i * maxRepeats + r) * total + offset, nn);
            offset += nn;
        }

        Dataset.Builder b = Dataset.builder().name("pvc8-raw").source(source.toAbsolutePath().normalize().toString())
                .stimuli(stimuli, pairs, h, w).responses(responses, maxRepeats, total).neurons(neurons)
                .windowSeconds(window / 1000.0)
                .note("origin", "CRCNS pvc-8 (Coen-Cagli, Kohn & Schwartz 2015), raw release")
                .note("counting", "spike count per trial in the 1-ms bins " + latency + " to " + (latency + window - 1)
                        + " after stimulus onset (latency " + latency + " ms, window " + window + " ms"
                        + (set.windowMs == null ? ", to the end of the shortest presentation recorded" : "") + ")")
                .note("latency_ms", Integer.toString(latency))
                .note("window_ms", Integer.toString(window))
                .note("image_version", set.version)
                .note("stimuli", pairs + " natural images, " + set.version + " versions (MATLAB stimulus indices "
                        + (1 + set.largeOffset) + ", " + (3 + set.largeOffset) + ", ..., " + (naturalStimuli - 1 + set.largeOffset)
                        + "), " + h + " x " + w + " as released; gratings (stimuli " + (naturalStimuli + 1) + " on) dropped");
        if (shapes.values().stream().mapToInt(d -> d[3]).distinct().count() > 1) b.note("bins", binsText(shapes));
        if (dims.stream().mapToInt(d -> d[2]).distinct().count() > 1)
            b.note("repeats", "sessions have different numbers of repeats; the missing ones are NaN");
        return b.build();
    }

    private List<Path> filesOf(Path source) {
        if (Files.isRegularFile(source)) return List.of(source);
        if (!Files.isDirectory(source)) throw new BadInputException(source, "not found");
        List<Path> files = sessionFiles(source);
        if (files.isEmpty()) {
            try (Stream<Path> s = Files.list(source)) {
                if (s.findAny().isEmpty()) throw new BadInputException(source, "empty folder, no pvc-8 session files (01.mat ... 10.mat) in it");
            } catch (IOException e) {
                throw new BadInputException(source, "cannot be listed (" + e.getMessage() + ")", e);
            }
            throw new BadInputException(source, "no pvc-8 session files (01.mat ... 10.mat) in this folder");
        }
        return files;
    }

    /** Validated options: whole milliseconds, since the data are 1-ms bins. */
    private record Settings(int latencyMs, Integer windowMs, String version, int largeOffset) {}

    private static Settings settings(ImportOptions o) {
        double lat = o.latencyMs() == null ? DEFAULT_LATENCY_MS : o.latencyMs();
        if (!Double.isFinite(lat) || lat < 0 || lat != Math.rint(lat))
            throw new BadInputException("--latency-ms must be a whole, non-negative number of ms (the data are 1-ms bins), not " + lat);
        Integer win = null;
        if (o.windowMs() != null) {
            double v = o.windowMs();
            if (!Double.isFinite(v) || v <= 0 || v != Math.rint(v))
                throw new BadInputException("--window-ms must be a whole, positive number of ms (the data are 1-ms bins), not " + v);
            win = (int) v;
        }
        String version = o.imageVersion() == null ? "small" : o.imageVersion();
        int offset = switch (version) {
            case "small" -> 0;
            case "large" -> 1;
            default -> throw new BadInputException("--images must be 'small' or 'large', not '" + version + "'");
        };
        return new Settings((int) lat, win, version, offset);
    }

    private static int[] indcent(MatFile mat, Path f, int neurons) {
        Matrix m = MatFiles.matrix(mat, f, INDCENT);
        int[] d = m.getDimensions();
        if (d.length != 2 || Math.min(d[0], d[1]) != 1 || m.getNumElements() != neurons)
            throw new BadInputException(f, "'" + INDCENT + "' must be neurons x 1 = " + neurons + " x 1 (as 'resp_train' has "
                    + neurons + " neurons), not " + MatFiles.dims(d));
        int[] out = new int[neurons];
        for (int n = 0; n < neurons; n++) {
            double v = m.getDouble(n);
            if (v != 0 && v != 1) throw new BadInputException(f, "'" + INDCENT + "' holds " + v + " for neuron " + (n + 1) + " (must be 0 or 1)");
            out[n] = (int) v;
        }
        return out;
    }

    private record Image(float[] pixels, int h, int w) {}

    /** The chosen version of each natural image, {@code pairs x h x w}, row = y, column = x. */
    private static Image images(MatFile mat, Path f, int stimuli, int pairs, int offset) {
        Array a = MatFiles.variable(mat, f, IMAGES);
        if (!(a instanceof Cell cell)) throw new BadInputException(f, "'" + IMAGES + "' must be a cell array of images, not a " + a.getType());
        int[] cd = cell.getDimensions();
        if (cd.length != 2 || Math.min(cd[0], cd[1]) != 1 || cell.getNumElements() != stimuli)
            throw new BadInputException(f, "'" + IMAGES + "' must be a 1 x " + stimuli + " cell (one image per stimulus of 'resp_train'), not " + MatFiles.dims(cd));
        float[] out = null;
        int h = -1, w = -1;
        for (int i = 0; i < pairs; i++) {
            int s = 2 * i + offset;
            Array e = cell.get(s);
            int[] d = e.getDimensions();
            if (!(e instanceof Matrix m) || m.isComplex() || d.length != 2 || d[0] == 0 || d[1] == 0)
                throw new BadInputException(f, "'" + IMAGES + "'{" + (s + 1) + "} must be a height x width grey-level image, not a "
                        + e.getType() + " of " + MatFiles.dims(d));
            if (out == null) {
                h = d[0];
                w = d[1];
                out = new float[pairs * h * w];
            } else if (d[0] != h || d[1] != w) {
                throw new BadInputException(f, "'" + IMAGES + "'{" + (s + 1) + "} is " + MatFiles.dims(d) + " but '"
                        + IMAGES + "'{" + (offset + 1) + "} is " + h + " x " + w);
            }
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) {
                    double v = m.getDouble(y, x);
                    if (!Double.isFinite(v)) throw new BadInputException(f, "'" + IMAGES + "'{" + (s + 1) + "} holds a " + v + " pixel");
                    out[(i * h + y) * w + x] = (float) v;
                }
        }
        return new Image(out, h, w);
    }

    /**
     * Spike counts, flat {@code pairs x repeats x neurons}: for each natural image's chosen
     * version, each repeat and neuron, the sum of bins {@code latency .. latency + window - 1}.
     * Reads {@code resp_train} in place (column-major: neuron fastest, then stimulus, repeat, bin).
     */
    private static float[] count(Matrix resp, Path f, int pairs, int offset, int latency, int window) {
        int[] d = resp.getDimensions();
        int nn = d[0], ns = d[1], nr = d[2];
        int binStride = nn * ns * nr;
        float[] out = new float[pairs * nr * nn];
        for (int i = 0; i < pairs; i++) {
            int s = 2 * i + offset;
            for (int r = 0; r < nr; r++)
                for (int n = 0; n < nn; n++) {
                    int base = n + nn * (s + ns * r);
                    double sum = 0;
                    for (int t = latency; t < latency + window; t++) {
                        double v = resp.getDouble(base + t * binStride);
                        if (!(v >= 0) || v != Math.rint(v) || Double.isInfinite(v))
                            throw new BadInputException(f, "'" + RESP + "' holds " + v + " at neuron " + (n + 1) + ", stimulus " + (s + 1)
                                    + ", repeat " + (r + 1) + ", bin " + (t + 1) + " (must be a spike count)");
                        sum += v;
                    }
                    out[(i * nr + r) * nn + n] = (float) sum;
                }
        }
        return out;
    }

    private static Path shortestFile(Map<Path, int[]> shapes, int bins) {
        return shapes.entrySet().stream().filter(e -> e.getValue()[3] == bins).findFirst().orElseThrow().getKey();
    }

    private static String binsText(Map<Path, int[]> shapes) {
        StringBuilder sb = new StringBuilder("1-ms bins recorded per file: ");
        shapes.forEach((f, d) -> sb.append(f.getFileName()).append(' ').append(d[3]).append(", "));
        sb.setLength(sb.length() - 2);
        return sb.append("; the default window ends with the shortest").toString();
    }
}
