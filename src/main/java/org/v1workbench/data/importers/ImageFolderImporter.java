package org.v1workbench.data.importers;

import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Csv;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.ImportOptions;
import org.v1workbench.data.Importer;
import org.v1workbench.data.Neuron;
import org.v1workbench.data.ResponseKind;

import javax.imageio.ImageIO;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A folder of images (PNG, JPEG, TIFF, BMP, GIF) and a CSV of responses keyed by file name, for
 * recordings made outside pvc-8. Images become stimuli in file-name order, as grey levels 0..255:
 * grey images keep their sample values (scaled to 0..255 from their bit depth); colour images
 * become the luminance 0.299 R + 0.587 G + 0.114 B of their 8-bit sRGB values (no gamma
 * linearisation; alpha ignored). With {@code size}, each (square) image is resized to
 * size x size by area averaging (every output pixel is the mean of the source area it covers,
 * partly covered pixels weighted by the overlap); without it every image must have the same size.
 *
 * <p>The CSV layout is {@link #CSV_HELP}. Responses are spike counts per response window of
 * {@code windowSeconds} (default 1 s, so that the values are rates in Hz); a table that holds
 * negative values is a continuous signal (dF/F, z-scored), read as such with a note.
 */
public final class ImageFolderImporter implements Importer {
    public static final String DEFAULT_CSV = "responses.csv";
    public static final double DEFAULT_WINDOW_S = 1.0;
    /** The CSV layout, also shown by {@code import --help}. */
    public static final String CSV_HELP =
            "image-folder: SOURCE is a folder of images (png, jpg, jpeg, tif, tiff, bmp, gif), converted to grey "
            + "(0.299 R + 0.587 G + 0.114 B), plus a CSV of responses (--responses, default responses.csv in the folder). "
            + "Wide form: header 'image,<neuron id>,<neuron id>,...', one row per image per repeat; "
            + "long form: header 'image,neuron,response', one row per image, neuron and repeat. "
            + "Either may add a 'repeat' column (numbered from 1); without it an image's rows are its repeats "
            + "1, 2, ... in file order. 'image' is a file name in the folder; a response is a spike count in the "
            + "window of --window-s seconds (default 1, so values are rates in Hz), or a two-photon signal (a table with "
            + "negative values is read as a signal; --kind names it); an empty cell or NaN is a missing repeat. Every image needs a response; images are in file-name order.";

    private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "tif", "tiff", "bmp", "gif");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("\\+?\\d+");
    private static final String IMAGE = "image", REPEAT = "repeat", NEURON = "neuron", RESPONSE = "response";

    @Override public String format() { return "image-folder"; }

    @Override public String description() {
        return "a folder of images (PNG, JPEG, TIFF, BMP, GIF) and responses.csv keyed by file name";
    }

    /** A folder holding image files and the default {@code responses.csv}. */
    @Override public boolean recognises(Path source) {
        return Files.isDirectory(source) && Files.isRegularFile(source.resolve(DEFAULT_CSV)) && !imageFiles(source).isEmpty();
    }

    static boolean isImageName(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return !n.startsWith(".") && dot > 0 && EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** The image files of {@code dir}, sorted by file name. */
    static List<Path> imageFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> isImageName(p) && Files.isRegularFile(p))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override public Dataset load(Path source, ImportOptions options) {
        if (!Files.isDirectory(source)) throw new BadInputException(source, Files.exists(source) ? "not a folder of images" : "not found");
        Integer size = options.size();
        if (size != null && size < 1) throw new BadInputException("--size must be a positive number of pixels, not " + size);
        double window = options.windowSeconds() == null ? DEFAULT_WINDOW_S : options.windowSeconds();
        if (!Double.isFinite(window) || window <= 0)
            throw new BadInputException("--window-s must be a positive number of seconds, not " + window);

        List<Path> files = imageFiles(source);
        if (files.isEmpty()) {
            try (Stream<Path> s = Files.list(source)) {
                if (s.findAny().isEmpty()) throw new BadInputException(source, "empty folder, no images and no responses CSV in it");
            } catch (IOException e) {
                throw new BadInputException(source, "cannot be listed (" + e.getMessage() + ")", e);
            }
            throw new BadInputException(source, "no image files (" + String.join(", ", new java.util.TreeSet<>(EXTENSIONS)) + ") in this folder");
        }
        Path csv = options.responsesCsv() == null ? source.resolve(DEFAULT_CSV) : options.responsesCsv();
        if (!Files.isRegularFile(csv))
            throw new BadInputException(csv, "responses CSV not found" + (options.responsesCsv() == null ? " (give --responses FILE.csv)" : ""));

        Map<String, Integer> index = new LinkedHashMap<>();
        for (Path f : files) index.put(f.getFileName().toString(), index.size());
        Responses resp = readResponses(csv, index, source);

        // Decode the images only once the CSV is known to fit them.
        int images = files.size();
        int h = -1, w = -1;
        float[] stimuli = null;
        Path firstFile = null;
        for (int i = 0; i < images; i++) {
            Path f = files.get(i);
            BufferedImage img = read(f);
            float[] g = gray(img);
            int ih = img.getHeight(), iw = img.getWidth();
            if (size != null) {
                if (ih != iw)
                    throw new BadInputException(f, "is " + iw + " x " + ih + " pixels; --size resizes square images only (crop it to a square first)");
                g = resizeAreaAverage(g, ih, iw, size, size);
                ih = size;
                iw = size;
            }
            if (stimuli == null) {
                h = ih;
                w = iw;
                firstFile = f;
                stimuli = new float[images * h * w];
            } else if (ih != h || iw != w) {
                throw new BadInputException(f, "is " + iw + " x " + ih + " pixels but " + firstFile.getFileName() + " is " + w + " x " + h
                        + " (all images must have the same size, or give --size)");
            }
            System.arraycopy(g, 0, stimuli, i * h * w, h * w);
        }

        List<Neuron> neurons = new ArrayList<>();
        for (String id : resp.neurons) neurons.add(new Neuron(id, "1"));
        boolean negative = false;
        for (float v : resp.values) negative |= v < 0;
        StringBuilder order = new StringBuilder("stimulus order (sorted by file name): ");
        for (int i = 0; i < images; i++) order.append(i == 0 ? "" : ", ").append(files.get(i).getFileName());
        return Dataset.builder().name(source.toAbsolutePath().normalize().getFileName().toString())
                .source(source.toAbsolutePath().normalize().toString())
                .stimuli(stimuli, images, h, w).responses(resp.values, resp.repeats, resp.neurons.size()).neurons(neurons)
                .windowSeconds(window)
                .responseKind(negative ? ResponseKind.SIGNAL : ResponseKind.SPIKE_COUNTS)
                .note("responses_csv", csv.toAbsolutePath().normalize().toString())
                .note("window", negative ? "responses hold negative values: read as a continuous signal averaged over a " + window
                        + " s window (--kind dff or zscore names it)" : options.windowSeconds() == null
                        ? "responses taken as spike counts per 1 s (no --window-s given), so rates in Hz equal the values"
                        : "responses are spike counts per " + window + " s window")
                .note("grayscale", "grey images keep their sample values scaled to 0..255; colour images become the luminance "
                        + "0.299 R + 0.587 G + 0.114 B of their 8-bit sRGB values (no gamma linearisation, alpha ignored)")
                .note("size", size == null ? "native size, " + w + " x " + h : "resized to " + size + " x " + size + " by area averaging")
                .note("images", order.toString())
                .build();
    }

    /** More pixels than any stimulus has; a header that claims more is refused before the pixels are allocated. */
    static final long MAX_PIXELS = 50_000_000L;

    private static BufferedImage read(Path f) {
        BufferedImage img;
        try {
            checkSize(f);
            img = ImageIO.read(f.toFile());
        } catch (BadInputException e) {
            throw e;
        } catch (Exception | OutOfMemoryError e) {
            throw new BadInputException(f, "not a readable image (" + MatFiles.describe(e) + ")", e);
        }
        if (img == null) throw new BadInputException(f, "not a readable image (no PNG, JPEG, TIFF, BMP or GIF decoder accepts it)");
        if (img.getWidth() < 1 || img.getHeight() < 1) throw new BadInputException(f, "is an empty image");
        return img;
    }

    /** Reads only the image's header, to refuse a claimed size before decoding allocates it. */
    private static void checkSize(Path f) throws java.io.IOException {
        try (javax.imageio.stream.ImageInputStream in = ImageIO.createImageInputStream(f.toFile())) {
            if (in == null) return;
            var readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) return;
            javax.imageio.ImageReader r = readers.next();
            try {
                r.setInput(in, true, true);
                long pixels = (long) r.getWidth(0) * r.getHeight(0);
                if (pixels > MAX_PIXELS)
                    throw new BadInputException(f, "claims an image of " + r.getWidth(0) + " x " + r.getHeight(0)
                            + " pixels, more than " + MAX_PIXELS + " (a corrupt header?)");
            } finally {
                r.dispose();
            }
        }
    }

    /**
     * Grey levels 0..255, flat {@code height x width}. Grey images are read from their samples,
     * not through getRGB, which would pass them through Java's linear-grey-to-sRGB conversion.
     */
    static float[] gray(BufferedImage img) {
        int h = img.getHeight(), w = img.getWidth();
        float[] out = new float[h * w];
        ColorModel cm = img.getColorModel();
        if (!(cm instanceof IndexColorModel) && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY && cm.getNumColorComponents() == 1) {
            Raster r = img.getRaster();
            int type = r.getDataBuffer().getDataType();
            boolean floating = type == DataBuffer.TYPE_FLOAT || type == DataBuffer.TYPE_DOUBLE;
            double scale = floating ? 255.0 : 255.0 / ((1L << cm.getComponentSize(0)) - 1);
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                    out[y * w + x] = (float) ((floating ? r.getSampleDouble(x, y, 0) : r.getSample(x, y, 0)) * scale);
        } else {
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) {
                    int rgb = img.getRGB(x, y);
                    out[y * w + x] = (float) (0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF));
                }
        }
        return out;
    }

    /**
     * Resizes {@code h x w} to {@code oh x ow} by area averaging: output pixel (y, x) covers the
     * source rectangle [y h/oh, (y+1) h/oh) x [x w/ow, (x+1) w/ow) and is the mean over it, source
     * pixels weighted by the area they share with it. Separable: rows, then columns.
     */
    static float[] resizeAreaAverage(float[] src, int h, int w, int oh, int ow) {
        double[][] wy = weights(h, oh), wx = weights(w, ow);
        double[] tmp = new double[oh * w];
        for (int oy = 0; oy < oh; oy++)
            for (int y = 0; y < h; y++) {
                double k = wy[oy][y];
                if (k == 0) continue;
                for (int x = 0; x < w; x++) tmp[oy * w + x] += k * src[y * w + x];
            }
        float[] out = new float[oh * ow];
        for (int oy = 0; oy < oh; oy++)
            for (int ox = 0; ox < ow; ox++) {
                double s = 0;
                for (int x = 0; x < w; x++) s += wx[ox][x] * tmp[oy * w + x];
                out[oy * ow + ox] = (float) s;
            }
        return out;
    }

    /** {@code out x n}: the share of output cell o that source cell j covers (rows sum to 1). */
    private static double[][] weights(int n, int out) {
        double[][] wt = new double[out][n];
        for (int o = 0; o < out; o++) {
            // Exact in units of 1/out source pixels: cell o spans [o n, (o+1) n) of them.
            long lo = (long) o * n, hi = (long) (o + 1) * n;
            for (int j = (int) (lo / out); j < n && (long) j * out < hi; j++) {
                long a = Math.max(lo, (long) j * out), b = Math.min(hi, (long) (j + 1) * out);
                if (b > a) wt[o][j] = (double) (b - a) / n;
            }
        }
        return wt;
    }

    /** The CSV's content: neuron ids in column (or first-appearance) order and images x repeats x neurons. */
    private record Responses(List<String> neurons, int repeats, float[] values) {}

    /** One response of the CSV: image, repeat (0-based), neuron, value. */
    private record Cell(int image, int repeat, int neuron, float value) {}

    private static Responses readResponses(Path csv, Map<String, Integer> index, Path folder) {
        Csv.Table t = Csv.read(csv);
        List<String> cols = t.columns();
        Set<String> seen = new HashSet<>();
        for (String c : cols) {
            if (c.isEmpty()) throw new BadInputException(csv, "has an empty column name in its header");
            if (!seen.add(c)) throw new BadInputException(csv, "has the column '" + c + "' twice");
        }
        if (!cols.contains(IMAGE))
            throw new BadInputException(csv, "has no 'image' column (header: " + String.join(",", cols) + "); " + CSV_HELP);
        boolean hasRepeat = cols.contains(REPEAT);
        boolean longForm = cols.contains(NEURON) && cols.contains(RESPONSE)
                && Set.of(IMAGE, NEURON, RESPONSE, REPEAT).containsAll(cols);
        if (t.rows().isEmpty()) throw new BadInputException(csv, "has a header but no rows of responses");

        Map<String, Integer> neuronIndex = new LinkedHashMap<>();
        if (!longForm) {
            for (String c : cols) if (!c.equals(IMAGE) && !c.equals(REPEAT)) neuronIndex.put(c, neuronIndex.size());
            if (neuronIndex.isEmpty())
                throw new BadInputException(csv, "has no neuron columns (header: " + String.join(",", cols) + "); " + CSV_HELP);
        }

        // Repeats are given, or numbered by row: the k-th row of an image (long form: of an image and neuron).
        Map<String, Integer> rowsSoFar = new HashMap<>();
        Set<String> unknown = new LinkedHashSet<>();
        List<Cell> cells = new ArrayList<>();
        for (int k = 0; k < t.rows().size(); k++) {
            Map<String, String> row = t.rows().get(k);
            String name = row.get(IMAGE);
            String where = "row " + (k + 1) + " (image '" + name + "')";
            Integer img = index.get(name);
            if (img == null) {
                unknown.add(name);
                continue;
            }
            if (longForm) {
                String id = row.get(NEURON);
                if (id.isEmpty()) throw new BadInputException(csv, where + " has an empty neuron id");
                int n = neuronIndex.computeIfAbsent(id, x -> neuronIndex.size());
                int rep = hasRepeat ? repeat(csv, where, row.get(REPEAT)) : rowsSoFar.merge(name + "\n" + id, 1, Integer::sum) - 1;
                cells.add(new Cell(img, rep, n, value(csv, where + ", neuron '" + id + "'", row.get(RESPONSE))));
            } else {
                int rep = hasRepeat ? repeat(csv, where, row.get(REPEAT)) : rowsSoFar.merge(name, 1, Integer::sum) - 1;
                for (Map.Entry<String, Integer> e : neuronIndex.entrySet())
                    cells.add(new Cell(img, rep, e.getValue(), value(csv, where + ", neuron '" + e.getKey() + "'", row.get(e.getKey()))));
            }
        }
        if (!unknown.isEmpty())
            throw new BadInputException(csv, "names " + unknown.size() + " image" + (unknown.size() == 1 ? "" : "s")
                    + " not among the image files of " + folder + ": " + list(unknown));

        int neurons = neuronIndex.size();
        int repeats = 0;
        for (Cell c : cells) repeats = Math.max(repeats, c.repeat + 1);
        int images = index.size();
        if ((long) images * repeats * neurons > Integer.MAX_VALUE)
            throw new BadInputException(csv, "images x repeats x neurons = " + images + " x " + repeats + " x " + neurons + " is too large");
        float[] values = new float[images * repeats * neurons];
        boolean[] filled = new boolean[values.length];
        Arrays.fill(values, Float.NaN);
        for (Cell c : cells) {
            int at = (c.image * repeats + c.repeat) * neurons + c.neuron;
            if (filled[at])
                throw new BadInputException(csv, "gives image '" + nameOf(index, c.image) + "', repeat " + (c.repeat + 1)
                        + (longForm ? ", neuron '" + nameOf(neuronIndex, c.neuron) + "'" : "") + " twice");
            filled[at] = true;
            values[at] = c.value;
        }

        Set<String> silent = new LinkedHashSet<>();
        for (Map.Entry<String, Integer> e : index.entrySet()) {
            boolean any = false;
            for (int j = e.getValue() * repeats * neurons; j < (e.getValue() + 1) * repeats * neurons && !any; j++) any = !Float.isNaN(values[j]);
            if (!any) silent.add(e.getKey());
        }
        if (!silent.isEmpty())
            throw new BadInputException(csv, "has no responses for " + silent.size() + " image" + (silent.size() == 1 ? "" : "s")
                    + " of " + folder + ": " + list(silent));
        return new Responses(List.copyOf(neuronIndex.keySet()), repeats, values);
    }

    private static int repeat(Path csv, String where, String s) {
        if (!INTEGER.matcher(s).matches())
            throw new BadInputException(csv, where + ": repeat '" + s + "' is not a whole number (repeats are numbered from 1)");
        int r;
        try {
            r = Integer.parseInt(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            throw new BadInputException(csv, where + ": repeat '" + s + "' is too large");
        }
        if (r < 1) throw new BadInputException(csv, where + ": repeat " + r + " (repeats are numbered from 1)");
        return r - 1;
    }

    /** A response: NaN for an empty cell or NaN (a missing repeat); otherwise a finite number (negative for a signal). */
    private static float value(Path csv, String where, String s) {
        if (s.isEmpty() || s.equalsIgnoreCase("nan")) return Float.NaN;
        String bare = s.replaceFirst("^[+-]", "").toLowerCase(Locale.ROOT);
        if (bare.equals("inf") || bare.equals("infinity"))
            throw new BadInputException(csv, where + ": response '" + s + "' is infinite");
        if (!NUMBER.matcher(s).matches())
            throw new BadInputException(csv, where + ": response '" + s + "' is not a number");
        double v = Double.parseDouble(s);
        if (!Double.isFinite(v) || Math.abs(v) > Float.MAX_VALUE)
            throw new BadInputException(csv, where + ": response '" + s + "' is too large for a float");
        return (float) v;
    }

    private static String nameOf(Map<String, Integer> index, int i) {
        for (Map.Entry<String, Integer> e : index.entrySet()) if (e.getValue() == i) return e.getKey();
        return "#" + i;
    }

    private static String list(Set<String> names) {
        List<String> l = new ArrayList<>(names);
        String head = String.join(", ", l.subList(0, Math.min(5, l.size())));
        return l.size() > 5 ? head + " and " + (l.size() - 5) + " more" : head;
    }
}
