package org.v1workbench.data.importers;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.v1workbench.data.BadInputException;
import org.v1workbench.data.ImportOptions;
import org.v1workbench.data.Importer;
import org.v1workbench.data.Neuron;
import org.v1workbench.data.Npy;
import org.v1workbench.data.ResponseKind;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * NWB 2 files (Neurodata Without Borders, HDF5), read with jhdf. A dataset needs three things
 * from the file, each found where NWB keeps it or named by an option:
 * <ul>
 * <li>stimuli: {@code stimulus/templates} ({@code Images} of {@code GrayscaleImage}/{@code RGBImage},
 *     or an {@code ImageSeries}), or {@code --images} where the file keeps them outside (Allen's);</li>
 * <li>presentations: an {@code IndexSeries} in {@code stimulus/presentation}, or an intervals
 *     table with {@code start_time} and a column of image indices ({@code --table}, {@code --index-column};
 *     Allen's {@code natural_scenes_presentations}/{@code frame} and the common names are found alone);</li>
 * <li>responses: {@code units} spike times counted from {@code --latency-s} (default 0.05 s) after
 *     each onset for {@code --window-s}, or an ophys {@code RoiResponseSeries} (in {@code DfOverF}
 *     or {@code Fluorescence}; {@code --series} by name, container/name or full path) averaged over
 *     [onset + latency, onset + latency + window), latency 0 by default: calcium signals rise within
 *     a frame or two of the onset and decay over the window, so the window starts at the onset.</li>
 * </ul>
 * The repeats of an image are its presentations, in time order. Only presented images become
 * stimuli, in index order; negative (Allen: -1, a blank screen) or missing indices are blanks. A
 * presentations column of image names (text) is matched to the templates by name.
 *
 * <p>The kind of the responses ({@link ResponseKind}) follows the series: units give spike counts; a
 * series whose name or description says deconvolved, spikes or events gives deconvolved events
 * (a continuous signal where it has negative means); a {@code DfOverF} series, or any series whose
 * {@code data} unit says dF/F, gives dF/F; any other ({@code Fluorescence}'s raw traces) a
 * continuous signal in the series' unit (a.u. where it names none). Values are used as stored
 * (times the NWB {@code conversion} plus {@code offset}), with nothing added.
 */
public final class NwbImporter implements Importer {
    /** Spikes: V1's response onset. */
    public static final double DEFAULT_LATENCY_S = 0.05;
    /** Calcium: the window starts at the onset (see the class comment). */
    public static final double DEFAULT_OPHYS_LATENCY_S = 0.0;
    /** Columns that hold an image index (or an image name), Allen's first. */
    public static final List<String> INDEX_COLUMNS = List.of("frame", "image_index", "image_id", "image", "image_name");
    /** Tables chosen by name where several have an index column (Allen's movies also have `frame`). */
    public static final List<String> PREFERRED_TABLES = List.of("natural_scenes_presentations");
    private static final List<String> ROI_TYPES = List.of("RoiResponseSeries");
    private static final List<String> SKIPPED_COLUMNS = List.of("spike_times", "electrodes", "electrode_group", "waveform_mean",
            "waveform_sd", "waveforms", "spike_amplitudes", "obs_intervals", "image_mask", "pixel_mask", "voxel_mask");

    @Override public String format() { return "nwb"; }

    @Override public String description() {
        return "an NWB 2 file (.nwb): stimulus templates or --images, an IndexSeries or intervals table, units or ROI responses";
    }

    @Override public boolean recognises(Path source) {
        return Files.isRegularFile(source) && source.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".nwb");
    }

    /**
     * Presentations in time order: the image index of each (-1 for a blank) and its onset in
     * seconds. Where the column holds image names, {@code names} has them and {@code image} is
     * filled in by {@link #byName} once the templates are known.
     */
    record Presentations(String from, long[] image, double[] onset, Node template, String[] names) {
        Presentations(String from, long[] image, double[] onset, Node template) {
            this(from, image, onset, template, null);
        }
    }

    /** Stimuli, flat {@code count x h x w}, and their names in index order where they have any (else null). */
    record Stimuli(String from, float[] pixels, int count, int height, int width, List<String> names) {}

    /** What the responses come from: the units table ({@code spikes}) or one RoiResponseSeries. */
    record Source(Group group, boolean spikes) {
        double defaultLatency() { return spikes ? DEFAULT_LATENCY_S : DEFAULT_OPHYS_LATENCY_S; }
    }

    /** One value per neuron per presentation ({@code neurons x presentations}), the neurons, and what the values are. */
    record Responses(String from, ResponseKind kind, String unit, String kindWhy, double[][] values, List<Neuron> neurons) {}

    /** Every failure, jhdf's own included, is one BadInputException naming the file and the HDF5 path (see NwbFile.read). */
    @Override public org.v1workbench.data.Dataset load(Path source, ImportOptions o) {
        return NwbFile.read(source, f -> read(f, o));
    }

    private org.v1workbench.data.Dataset read(NwbFile f, ImportOptions o) {
        Path source = f.path;
        Presentations p = presentations(f, o);
        Stimuli s = stimuli(f, o, p);
        p = byName(f, p, s);
        long max = -1;
        for (long i : p.image) max = Math.max(max, i);
        if (max < 0) throw new BadInputException(source, p.from + " shows only blanks (no image index 0 or above)");
        for (int k = 0; k < p.image.length; k++)
            if (p.image[k] >= s.count)
                throw new BadInputException(source, p.from + " presentation " + k + " names image " + p.image[k] + " but " + s.from
                        + " holds " + s.count + " images (0 to " + (s.count - 1) + ")");
        Source src = source(f, o);
        double latency = o.latencySeconds() == null ? src.defaultLatency() : o.latencySeconds();
        if (!(latency >= 0) || Double.isInfinite(latency))
            throw new BadInputException("--latency-s must be 0 or more seconds, not " + latency);
        double window = window(f, p, o.windowSeconds());
        Responses r = responses(f, src, p, latency, window);
        return assemble(f, o, p, s, r, latency, window, o.latencySeconds() == null);
    }

    // ----------------------------------------------------------------------------------- presentations

    static Presentations presentations(NwbFile f, ImportOptions o) {
        Group intervals = f.group("intervals");
        List<Group> indexSeries = NwbFile.findTyped(f.group("stimulus/presentation"), List.of("IndexSeries"));
        if (o.table() != null) {
            String t = o.table().replaceAll("^/", "");
            Node n = f.node(t);
            if (n == null) n = f.node("intervals/" + t);
            if (n == null) n = f.node("stimulus/presentation/" + t);
            if (!(n instanceof Group g))
                throw new BadInputException(f.path, "has no table or IndexSeries '" + o.table() + "' (" + presentationChoices(f) + ")");
            if ("IndexSeries".equals(NwbFile.neurodataType(g))) return fromIndexSeries(f, g);
            return fromTable(f, g, o.indexColumn());
        }
        if (o.indexColumn() == null && indexSeries.size() == 1) return fromIndexSeries(f, indexSeries.get(0));
        if (o.indexColumn() == null && indexSeries.size() > 1)
            throw new BadInputException(f.path, "has several IndexSeries (" + names(indexSeries) + "): give --table NAME");
        List<Group> candidates = new ArrayList<>();
        for (Group g : tables(intervals)) if (indexColumn(g, o.indexColumn()) != null) candidates.add(g);
        if (candidates.size() > 1)
            for (String preferred : PREFERRED_TABLES)
                for (Group g : candidates) if (g.getName().equals(preferred)) return fromTable(f, g, o.indexColumn());
        if (candidates.size() == 1) return fromTable(f, candidates.get(0), o.indexColumn());
        if (candidates.size() > 1)
            throw new BadInputException(f.path, "has several intervals tables with an image-index column (" + names(candidates)
                    + "): give --table NAME");
        throw new BadInputException(f.path, "no image index: no IndexSeries in stimulus/presentation and no intervals table with "
                + (o.indexColumn() == null ? "a column " + String.join("/", INDEX_COLUMNS) : "the column '" + o.indexColumn() + "'")
                + " (" + presentationChoices(f) + "); give --table NAME --index-column COLUMN");
    }

    /** The TimeIntervals tables (any group with a start_time column) of {@code intervals}. */
    static List<Group> tables(Group intervals) {
        List<Group> out = new ArrayList<>();
        for (Node n : NwbFile.children(intervals).values())
            if (n instanceof Group g && NwbFile.dataset(g, "start_time") != null) out.add(g);
        return out;
    }

    /** The table's image-index column: {@code wanted} if it has it, else the first known name it has. */
    static String indexColumn(Group table, String wanted) {
        if (wanted != null) return NwbFile.dataset(table, wanted) != null ? wanted : null;
        for (String c : INDEX_COLUMNS) if (NwbFile.dataset(table, c) != null) return c;
        return null;
    }

    private static String presentationChoices(NwbFile f) {
        List<String> parts = new ArrayList<>();
        for (Group g : tables(f.group("intervals")))
            parts.add("intervals/" + g.getName() + " [" + String.join(", ", columns(g)) + "]");
        for (Group g : NwbFile.findTyped(f.group("stimulus/presentation"), List.of("IndexSeries"))) parts.add(NwbFile.name(g) + " (IndexSeries)");
        return parts.isEmpty() ? "no intervals tables and no IndexSeries" : "found: " + String.join("; ", parts);
    }

    /** A table's columns: its colnames, else its datasets other than id and *_index. */
    static List<String> columns(Group table) {
        List<String> c = NwbFile.colnames(table);
        if (!c.isEmpty()) return c;
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Node> e : NwbFile.children(table).entrySet())
            if (e.getValue() instanceof Dataset && !e.getKey().equals("id") && !e.getKey().endsWith("_index")) out.add(e.getKey());
        return out;
    }

    private static Presentations fromIndexSeries(NwbFile f, Group s) {
        Dataset data = NwbFile.dataset(s, "data");
        if (data == null) throw new BadInputException(f.path, NwbFile.name(s) + " (IndexSeries) has no data");
        long[] idx = f.longs(data);
        double[] t = f.times(s, idx.length);
        Node template = NwbFile.child(s, "indexed_images");
        if (template == null) template = NwbFile.child(s, "indexed_timeseries");
        return sorted(new Presentations(NwbFile.name(s), idx, t, template));
    }

    private static Presentations fromTable(NwbFile f, Group table, String wanted) {
        String col = indexColumn(table, wanted);
        String name = NwbFile.name(table);
        if (col == null)
            throw new BadInputException(f.path, "no image index: " + name + " has no column " + (wanted == null
                    ? String.join("/", INDEX_COLUMNS) : "'" + wanted + "'") + " (its columns: " + String.join(", ", columns(table))
                    + "); give --index-column COLUMN");
        double[] start = f.doubles(NwbFile.dataset(table, "start_time"));
        Dataset indexData = NwbFile.dataset(table, col);
        if (NwbFile.dataset(table, col + "_index") != null)
            throw new BadInputException(f.path, name + "/" + col + " is a ragged column (it has " + col + "_index), not one image per row");
        if (isText(indexData)) {
            String[] names = f.strings(indexData);
            if (names.length != start.length)
                throw new BadInputException(f.path, name + "/" + col + " has " + names.length + " rows but start_time has " + start.length);
            long[] idx = new long[names.length];
            Arrays.fill(idx, -1);
            return sorted(new Presentations(name + " (column " + col + ", image names)", idx, start, null, names));
        }
        double[] v = f.doubles(indexData);
        if (v.length != start.length)
            throw new BadInputException(f.path, name + "/" + col + " has " + v.length + " rows but start_time has " + start.length);
        long[] idx = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i]) || v[i] < 0) idx[i] = -1;
            else if (v[i] != Math.rint(v[i]))
                throw new BadInputException(f.path, name + "/" + col + " row " + i + " is " + v[i] + ", not a whole image index");
            else idx[i] = (long) v[i];
        }
        return sorted(new Presentations(name + " (column " + col + ")", idx, start, null));
    }

    /** Whether {@code d} holds text (variable- or fixed-length strings) rather than numbers. */
    static boolean isText(Dataset d) {
        try {
            return d.getJavaType() == String.class;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The presentations in time order (files keep them so; a table need not). */
    private static Presentations sorted(Presentations p) {
        Integer[] order = new Integer[p.image.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(p.onset[a], p.onset[b]));
        long[] img = new long[order.length];
        double[] on = new double[order.length];
        String[] names = p.names == null ? null : new String[order.length];
        for (int i = 0; i < order.length; i++) {
            img[i] = p.image[order[i]];
            on[i] = p.onset[order[i]];
            if (names != null) names[i] = p.names[order[i]];
        }
        return new Presentations(p.from, img, on, p.template, names);
    }

    /**
     * Presentations by image name get the index of the template of that name (a blank name is a
     * blank screen); a name no template has is refused in one line that lists the names there are.
     */
    static Presentations byName(NwbFile f, Presentations p, Stimuli s) {
        if (p.names == null) return p;
        if (s.names == null)
            throw new BadInputException(f.path, p.from + " names its images, but " + s.from + " has no image names to match them to");
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < s.names.size(); i++) index.putIfAbsent(s.names.get(i).strip(), i);
        long[] img = new long[p.names.length];
        for (int k = 0; k < img.length; k++) {
            String n = p.names[k] == null ? "" : p.names[k].strip();
            if (n.isEmpty()) {
                img[k] = -1;
                continue;
            }
            Integer i = index.get(n);
            if (i == null)
                throw new BadInputException(f.path, p.from + ": presentation " + k + " (at " + round(p.onset[k]) + " s) shows '" + n
                        + "', but " + s.from + " has no image of that name (it has " + preview(s.names) + ")");
            img[k] = i;
        }
        return new Presentations(p.from, img, p.onset, p.template, p.names);
    }

    private static String preview(List<String> names) {
        return names.size() <= 8 ? String.join(", ", names) : String.join(", ", names.subList(0, 8)) + " ... (" + names.size() + " in all)";
    }

    /** The counting window: as given, or the shortest gap between onsets; never longer than that gap. */
    static double window(NwbFile f, Presentations p, Double given) {
        double gap = Double.POSITIVE_INFINITY;
        int at = -1;
        for (int i = 1; i < p.onset.length; i++)
            if (p.onset[i] - p.onset[i - 1] < gap) {
                gap = p.onset[i] - p.onset[i - 1];
                at = i;
            }
        if (gap <= 0)
            throw new BadInputException(f.path, p.from + ": presentations " + (at - 1) + " and " + at + " start at the same time ("
                    + p.onset[at] + " s)");
        if (given == null) {
            if (Double.isInfinite(gap)) throw new BadInputException(f.path, p.from + " has one presentation: give --window-s");
            return gap;
        }
        if (!(given > 0) || Double.isInfinite(given))
            throw new BadInputException("--window-s must be a positive number of seconds, not " + given);
        if (given > gap + 1e-9)
            throw new BadInputException(f.path, "--window-s " + given + " is longer than the shortest gap between onsets, " + round(gap)
                    + " s (presentations " + (at - 1) + " and " + at + " in " + p.from + "): each window would take in the next presentation");
        return given;
    }

    // ----------------------------------------------------------------------------------- stimuli

    static Stimuli stimuli(NwbFile f, ImportOptions o, Presentations p) {
        if (o.images() != null) return external(o.images());
        Node template = p.template;
        if (template == null) {
            List<Node> t = templates(f);
            long needed = Arrays.stream(p.image).max().orElse(-1) + 1;
            if (t.isEmpty())
                throw new BadInputException(f.path, "has no images in stimulus/templates (files such as Allen's keep them outside): "
                        + "give --images DIR with the " + needed + "+ images in index order");
            if (t.size() > 1)
                throw new BadInputException(f.path, "has several stimulus templates (" + String.join(", ", t.stream().map(NwbFile::name).toList())
                        + ") and " + p.from + " does not say which it indexes");
            template = t.get(0);
        }
        return template(f, template);
    }

    /** The image containers of stimulus/templates: Images groups, image series and single images. */
    static List<Node> templates(NwbFile f) {
        List<Node> out = new ArrayList<>();
        for (Node n : NwbFile.children(f.group("stimulus/templates")).values()) out.add(n);
        return out;
    }

    private static Stimuli template(NwbFile f, Node t) {
        String name = NwbFile.name(t);
        List<double[]> images = new ArrayList<>();
        List<int[]> shapes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (t instanceof Group g && NwbFile.dataset(g, "data") != null) { // ImageSeries, OpticalSeries
            names = null;
            Dataset data = NwbFile.dataset(g, "data");
            int[] d = NwbFile.dims(data);
            if (NwbFile.dataset(g, "external_file") != null)
                throw new BadInputException(f.path, name + " keeps its images in external files: give --images DIR with them in index order");
            if (d.length < 3 || d.length > 4)
                throw new BadInputException(f.path, name + "/data has shape " + shape(d) + ", not frames x height x width (x colours)");
            double[] all = f.doubles(data);
            int per = all.length / d[0];
            for (int i = 0; i < d[0]; i++) {
                images.add(Arrays.copyOfRange(all, i * per, (i + 1) * per));
                shapes.add(Arrays.copyOfRange(d, 1, d.length));
            }
        } else if (t instanceof Group g) { // Images
            List<Dataset> order = new ArrayList<>();
            Dataset refs = NwbFile.dataset(g, "order_of_images");
            if (refs != null) {
                // A node found by address alone does not know its name: take the Images' own child at that address.
                Map<Long, Node> own = new java.util.HashMap<>();
                for (Node c : NwbFile.children(g).values())
                    try {
                        if (!c.isLink()) own.put(c.getAddress(), c);
                    } catch (RuntimeException e) {
                        // a child without an address cannot be referred to
                    }
                for (long address : f.longs(refs)) {
                    Node n = own.get(address);
                    if (n == null) try {
                        n = f.hdf.getNodeByAddress(address);
                    } catch (RuntimeException e) {
                        throw new BadInputException(f.path, name + "/order_of_images holds a reference to nothing (" + address + ")");
                    }
                    if (!(n instanceof Dataset d)) throw new BadInputException(f.path, name + "/order_of_images refers to a group, not an image");
                    order.add(d);
                }
            } else {
                List<String> keys = new ArrayList<>(NwbFile.children(g).keySet());
                keys.sort(NwbImporter::natural);
                for (String k : keys) if (NwbFile.child(g, k) instanceof Dataset d) order.add(d);
            }
            for (Dataset d : order) {
                images.add(f.doubles(d));
                shapes.add(NwbFile.dims(d));
                names.add(d.getName());
            }
        } else if (t instanceof Dataset d) { // one image
            images.add(f.doubles(d));
            shapes.add(NwbFile.dims(d));
            names.add(d.getName());
        }
        if (images.isEmpty()) throw new BadInputException(f.path, name + " holds no images");
        int h = shapes.get(0)[0], w = shapes.get(0).length > 1 ? shapes.get(0)[1] : 1;
        float[] px = new float[images.size() * h * w];
        for (int i = 0; i < images.size(); i++) {
            int[] s = shapes.get(i);
            if (s.length < 2 || s.length > 3 || s[0] != h || s[1] != w || (s.length == 3 && s[2] != 3 && s[2] != 4))
                throw new BadInputException(f.path, name + " image " + i + " has shape " + shape(s) + " but image 0 is " + h + " x " + w
                        + " (images must share one size: height x width, x 3 for RGB, x 4 for RGBA)");
            double[] v = images.get(i);
            int c = s.length == 3 ? s[2] : 1;
            for (int k = 0; k < h * w; k++)
                px[i * h * w + k] = (float) (c == 1 ? v[k] : 0.299 * v[k * c] + 0.587 * v[k * c + 1] + 0.114 * v[k * c + 2]);
        }
        return new Stimuli(name, px, images.size(), h, w, names);
    }

    /** Images kept outside the file: a folder of image files (name order) or one .npy (images x height x width). */
    static Stimuli external(Path images) {
        if (Files.isRegularFile(images) && images.getFileName().toString().endsWith(".npy")) {
            Npy.Array a = Npy.read(images);
            if (a.dims() != 3) throw new BadInputException(images, "has shape " + a.shapeText() + ", not images x height x width");
            return new Stimuli(images.toString(), a.data(), a.shape()[0], a.shape()[1], a.shape()[2], null);
        }
        if (!Files.isDirectory(images)) throw new BadInputException(images, Files.exists(images)
                ? "--images must be a folder of image files or an .npy file" : "not found (--images)");
        List<Path> files = ImageFolderImporter.imageFiles(images);
        if (files.isEmpty()) throw new BadInputException(images, "holds no image files (--images)");
        int h = -1, w = -1;
        float[] px = null;
        for (int i = 0; i < files.size(); i++) {
            BufferedImage img;
            try {
                img = javax.imageio.ImageIO.read(files.get(i).toFile());
            } catch (Exception e) {
                throw new BadInputException(files.get(i), "not a readable image (" + e.getMessage() + ")", e);
            }
            if (img == null) throw new BadInputException(files.get(i), "not a readable image");
            if (px == null) {
                h = img.getHeight();
                w = img.getWidth();
                px = new float[files.size() * h * w];
            } else if (img.getHeight() != h || img.getWidth() != w) {
                throw new BadInputException(files.get(i), "is " + img.getWidth() + " x " + img.getHeight() + " pixels but "
                        + files.get(0).getFileName() + " is " + w + " x " + h);
            }
            System.arraycopy(ImageFolderImporter.gray(img), 0, px, i * h * w, h * w);
        }
        List<String> names = new ArrayList<>();
        for (Path p : files) names.add(p.getFileName().toString().replaceFirst("\\.[^.]*$", ""));
        return new Stimuli(images.toString(), px, files.size(), h, w, names);
    }

    // ----------------------------------------------------------------------------------- responses

    /** The ophys response series of the file: every RoiResponseSeries under processing. */
    static List<Group> roiSeries(NwbFile f) {
        return NwbFile.findTyped(f.group("processing"), ROI_TYPES);
    }

    /**
     * The responses {@code --series} names: {@code units}, or a RoiResponseSeries by its full path,
     * its container/name ({@code DfOverF/RoiResponseSeries}) or its bare name where that is unique.
     * Without it: units where the file has them, else the only series.
     */
    static Source source(NwbFile f, ImportOptions o) {
        Group units = f.group("units");
        List<Group> rois = roiSeries(f);
        String want = o.series();
        if (want == null) {
            if (units != null) return new Source(units, true);
            if (rois.size() == 1) return new Source(rois.get(0), false);
            if (rois.isEmpty()) throw new BadInputException(f.path, "has no responses: no units table and no RoiResponseSeries");
            throw new BadInputException(f.path, "has several RoiResponseSeries (" + names(rois) + "): give --series NAME");
        }
        if (want.equals("units")) {
            if (units == null) throw new BadInputException(f.path, "has no units table (--series units)");
            return new Source(units, true);
        }
        String w = want.strip().replaceAll("^/", "").replaceAll("/$", "");
        for (Group g : rois) if (NwbFile.name(g).equals(w)) return new Source(g, false);
        List<Group> matches = new ArrayList<>();
        for (Group g : rois) if (NwbFile.name(g).endsWith("/" + w)) matches.add(g);
        if (matches.size() == 1) return new Source(matches.get(0), false);
        if (matches.size() > 1)
            throw new BadInputException(f.path, "--series '" + want + "' names several series (" + names(matches)
                    + "): give the container too, e.g. --series " + containerAndName(matches.get(0)));
        throw new BadInputException(f.path, "has no response series '" + want + "' (it has: " + (units == null ? "" : "units"
                + (rois.isEmpty() ? "" : ", ")) + (rois.isEmpty() ? (units == null ? "none" : "") : names(rois)) + ")");
    }

    private static String containerAndName(Group g) {
        String[] parts = NwbFile.name(g).split("/");
        return parts.length < 2 ? parts[0] : parts[parts.length - 2] + "/" + parts[parts.length - 1];
    }

    static Responses responses(NwbFile f, Source src, Presentations p, double latency, double window) {
        return src.spikes ? spikeCounts(f, src.group, p, latency, window) : roiMeans(f, src.group, p, latency, window);
    }

    private static Responses spikeCounts(NwbFile f, Group units, Presentations p, double latency, double window) {
        double[][] trains = f.ragged(units, "spike_times");
        Dataset idData = NwbFile.dataset(units, "id");
        String[] ids = idData == null ? null : f.strings(idData);
        if (ids != null && ids.length != trains.length)
            throw new BadInputException(f.path, "units has " + ids.length + " ids but " + trains.length + " rows of spike_times_index");
        List<Neuron> neurons = neurons(f, units, ids, trains.length, "unit");
        double[][] counts = new double[trains.length][p.onset.length];
        for (int u = 0; u < trains.length; u++) {
            double[] t = trains[u].clone();
            Arrays.sort(t);
            for (int k = 0; k < p.onset.length; k++) {
                double a = p.onset[k] + latency;
                counts[u][k] = lowerBound(t, a + window) - lowerBound(t, a);
            }
        }
        return new Responses("units (spike counts)", ResponseKind.SPIKE_COUNTS, null, "spike times counted in the window",
                counts, neurons);
    }

    /** What kind of values a series holds, its unit, and why (see the class comment). */
    record Kind(ResponseKind kind, String unit, String why) {}

    static Kind kindOf(NwbFile f, Group series) {
        String name = series.getName();
        String description = NwbFile.attrString(series, "description");
        Dataset data = NwbFile.dataset(series, "data");
        String unit = data == null ? null : NwbFile.attrString(data, "unit");
        String container = NwbFile.neurodataType(f.node(NwbFile.name(series).replaceAll("/[^/]*$", "")));
        String text = (name + " " + (description == null ? "" : description)).toLowerCase(Locale.ROOT);
        boolean unnamed = unit == null || unit.isBlank() || unit.matches("(?i)n\\.?a\\.?|none|unknown|no unit");
        if (text.matches("(?s).*(deconv|spike|spks|events?\\b).*"))
            return new Kind(ResponseKind.DECONVOLVED, unnamed ? null : unit, "its name or description says deconvolved/spikes/events");
        if ("DfOverF".equals(container)) return new Kind(ResponseKind.DFF, "dF/F", "it is in a DfOverF container");
        if (!unnamed && unit.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "").matches("dff|deltaff"))
            return new Kind(ResponseKind.DFF, "dF/F", "its data unit is '" + unit + "'");
        return new Kind(ResponseKind.SIGNAL, unnamed ? "a.u." : unit, ("Fluorescence".equals(container)
                ? "raw fluorescence (a Fluorescence container)" : "a " + (container == null ? "series" : container + " series"))
                + ": a continuous signal" + (unnamed ? " of no stated unit" : " in " + unit));
    }

    private static Responses roiMeans(NwbFile f, Group s, Presentations p, double latency, double window) {
        String name = NwbFile.name(s);
        Dataset data = NwbFile.dataset(s, "data");
        if (data == null) throw new BadInputException(f.path, name + " has no data");
        int[] d = NwbFile.dims(data);
        if (d.length == 0 || d.length > 2) throw new BadInputException(f.path, name + "/data has shape " + shape(d) + ", not time x ROIs");
        int rois = d.length == 1 ? 1 : d[1];
        double[] v = f.doubles(data);
        double conversion = number(NwbFile.attr(data, "conversion"), 1), offset = number(NwbFile.attr(data, "offset"), 0);
        if (conversion != 1 || offset != 0) for (int i = 0; i < v.length; i++) v[i] = v[i] * conversion + offset;
        double[] t = f.times(s, d[0]);
        for (int i = 1; i < t.length; i++)
            if (t[i] < t[i - 1]) throw new BadInputException(f.path, name + "/timestamps decrease at sample " + i + " (" + t[i - 1] + " then " + t[i] + ")");
        double[][] means = means(v, t, rois, p, latency, window);
        Kind k = kindOf(f, s);
        ResponseKind kind = k.kind;
        String why = k.why;
        if (kind == ResponseKind.DECONVOLVED && Arrays.stream(means).flatMapToDouble(Arrays::stream).anyMatch(x -> x < 0)) {
            kind = ResponseKind.SIGNAL;
            why += ", but some window means are negative: read as a continuous signal";
        }
        if (conversion != 1 || offset != 0) why += "; values times its conversion " + conversion + " plus its offset " + offset;
        String from = name + " (mean over the window)";
        List<Neuron> neurons = roiNeurons(f, s, name, rois);
        return new Responses(from, kind, k.unit, why, means, neurons);
    }

    private static double number(Object o, double otherwise) {
        if (o != null && o.getClass().isArray() && Array.getLength(o) > 0) o = Array.get(o, 0);
        return o instanceof Number n && Double.isFinite(n.doubleValue()) ? n.doubleValue() : otherwise;
    }

    /**
     * The ROIs of a series as neurons: the rows of its PlaneSegmentation that {@code rois} names,
     * with their ids, their plain columns, and the centroid of each {@code image_mask} as
     * {@code roi_x}, {@code roi_y} (pixels of the imaging plane, x right, y down: the mask is
     * stored as an image, rows first). Where the table cannot be found, ROIs are roi0, roi1, ...
     */
    private static List<Neuron> roiNeurons(NwbFile f, Group s, String name, int rois) {
        Dataset region = NwbFile.dataset(s, "rois");
        if (region == null) return neurons(f, null, null, rois, "roi");
        long[] rows = f.longs(region);
        if (rows.length != rois) throw new BadInputException(f.path, name + "/rois names " + rows.length + " ROIs but data has " + rois);
        Group table = null;
        Object ref = NwbFile.attr(region, "table");
        if (ref instanceof Long address) {
            // The PlaneSegmentation at that address, found where it lives so that it has its path and
            // name (a node opened by address alone has neither); any group there otherwise.
            for (Group g : NwbFile.findTyped(f.group("processing"), List.of("PlaneSegmentation")))
                if (g.getAddress() == address) table = g;
            if (table == null) try {
                table = NwbFile.at(f.hdf.getNodeByAddress(address)) instanceof Group g ? g : null;
            } catch (RuntimeException e) {
                table = null;
            }
        }
        if (table == null || NwbFile.dataset(table, "id") == null) return neurons(f, null, null, rois, "roi");
        String[] all = f.strings(NwbFile.dataset(table, "id"));
        for (long r : rows)
            if (r < 0 || r >= all.length)
                throw new BadInputException(f.path, name + "/rois points to row " + r + " of " + NwbFile.name(table) + ", which has " + all.length + " ROIs");
        List<Neuron> every = neurons(f, table, all, all.length, "roi");
        double[][] centroids = centroids(f, table, all.length);
        List<Neuron> chosen = new ArrayList<>();
        for (long r : rows) {
            Neuron n = every.get((int) r);
            if (centroids == null) {
                chosen.add(n);
                continue;
            }
            Map<String, String> props = new LinkedHashMap<>(n.properties());
            double[] c = centroids[(int) r];
            props.put("roi_x", Double.isNaN(c[0]) ? "" : round(c[0]));
            props.put("roi_y", Double.isNaN(c[1]) ? "" : round(c[1]));
            chosen.add(new Neuron(n.id(), n.session(), props));
        }
        return chosen;
    }

    /**
     * Each ROI's weighted mean column and row (NaN for an empty mask): of its {@code image_mask}, or
     * of the x (column) and y (row) of its {@code pixel_mask} (x, y, weight; ragged, as pynwb's
     * pixel_to_image reads it); null where the table has neither.
     */
    private static double[][] centroids(NwbFile f, Group table, int n) {
        Dataset mask = NwbFile.dataset(table, "image_mask");
        if (mask == null) return pixelCentroids(f, table, n);
        if (NwbFile.dataset(table, "image_mask_index") != null) return null;
        int[] d = NwbFile.dims(mask);
        if (d.length != 3 || d[0] != n) return null;
        double[] m = f.doubles(mask);
        int h = d[1], w = d[2];
        double[][] out = new double[n][];
        for (int r = 0; r < n; r++) {
            double sum = 0, sx = 0, sy = 0;
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) {
                    double v = m[(r * h + y) * w + x];
                    if (!(v > 0) || Double.isInfinite(v)) continue;
                    sum += v;
                    sx += v * x;
                    sy += v * y;
                }
            out[r] = sum > 0 ? new double[]{sx / sum, sy / sum} : new double[]{Double.NaN, Double.NaN};
        }
        return out;
    }

    private static double[][] means(double[] v, double[] t, int rois, Presentations p, double latency, double window) {
        double[][] out = new double[rois][p.onset.length];
        for (int k = 0; k < p.onset.length; k++) {
            double a = p.onset[k] + latency;
            int from = lowerBound(t, a), to = lowerBound(t, a + window);
            for (int r = 0; r < rois; r++) {
                double sum = 0;
                int n = 0;
                for (int i = from; i < to; i++)
                    if (!Double.isNaN(v[i * rois + r])) {
                        sum += v[i * rois + r];
                        n++;
                    }
                out[r][k] = n == 0 ? Double.NaN : sum / n;
            }
        }
        return out;
    }

    private static double[][] pixelCentroids(NwbFile f, Group table, int n) {
        Dataset px = NwbFile.dataset(table, "pixel_mask"), index = NwbFile.dataset(table, "pixel_mask_index");
        if (px == null || index == null) return null;
        String where = NwbFile.name(table) + "/pixel_mask";
        if (!(f.read(px, false) instanceof Map<?, ?> fields)) {
            f.skipped.add(where + " (not a compound of x, y, weight: no roi_x, roi_y)");
            return null;
        }
        double[] x = column(fields.get("x")), y = column(fields.get("y")), w = column(fields.get("weight"));
        long[] ends = f.longs(index);
        if (x == null || y == null || w == null || x.length != y.length || x.length != w.length || ends.length != n) {
            f.skipped.add(where + " (fields or rows do not match: no roi_x, roi_y)");
            return null;
        }
        double[][] out = new double[n][];
        long start = 0;
        for (int r = 0; r < n; r++) {
            if (ends[r] < start || ends[r] > x.length)
                throw new BadInputException(f.path, where + "_index row " + r + " points to " + ends[r] + " (after " + start + ", of " + x.length + " pixels)");
            double sum = 0, sx = 0, sy = 0;
            for (long i = start; i < ends[r]; i++) {
                double v = w[(int) i];
                if (!(v > 0) || Double.isInfinite(v)) continue;
                sum += v;
                sx += v * x[(int) i];
                sy += v * y[(int) i];
            }
            out[r] = sum > 0 ? new double[]{sx / sum, sy / sum} : new double[]{Double.NaN, Double.NaN};
            start = ends[r];
        }
        return out;
    }

    /** A numeric field of a compound dataset as doubles, or null where it is not one. */
    private static double[] column(Object field) {
        if (field == null || !field.getClass().isArray() || !field.getClass().getComponentType().isPrimitive()) return null;
        double[] out = new double[Array.getLength(field)];
        for (int i = 0; i < out.length; i++) {
            Object v = Array.get(field, i);
            if (!(v instanceof Number num)) return null;
            out[i] = num.doubleValue();
        }
        return out;
    }

    /**
     * The neurons of a units or ROI table: ids from its {@code id} column, and every column with
     * one plain value per row kept as a property (Allen's quality metrics, ROI depths...).
     */
    private static List<Neuron> neurons(NwbFile f, Group table, String[] ids, int n, String prefix) {
        Map<String, String[]> props = new LinkedHashMap<>();
        if (table != null) {
            String t = NwbFile.name(table);
            for (String c : columns(table)) {
                if (SKIPPED_COLUMNS.contains(c) || c.startsWith("waveform")) continue;
                Dataset d = NwbFile.dataset(table, c);
                if (d == null) {
                    f.skipped.add(t + "/" + c + " (named in colnames but not there)");
                    continue;
                }
                if (NwbFile.dataset(table, c + "_index") != null) {
                    f.skipped.add(t + "/" + c + " (ragged: several values per row)");
                    continue;
                }
                if ("DynamicTableRegion".equals(NwbFile.neurodataType(d))) {
                    f.skipped.add(t + "/" + c + " (rows of another table)");
                    continue;
                }
                int[] dims = NwbFile.dims(d);
                if (dims.length != 1 || dims[0] != n) {
                    f.skipped.add(t + "/" + c + " (shape " + shape(dims) + ", not one value per row)");
                    continue;
                }
                try {
                    String[] v = f.strings(d);
                    if (v.length == n) props.put(c, v);
                    else f.skipped.add(t + "/" + c + " (not one plain value per row: compound or references)");
                } catch (BadInputException e) {
                    f.skipped.add(t + "/" + c + " (not readable as text: compound or references)");
                }
            }
        }
        String session = session(f.path);
        List<Neuron> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, String> p = new LinkedHashMap<>();
            for (Map.Entry<String, String[]> e : props.entrySet()) p.put(e.getKey(), e.getValue()[i]);
            out.add(new Neuron(ids == null ? prefix + i : ids[i], session, p));
        }
        return out;
    }

    static String session(Path file) {
        return file.getFileName().toString().replaceFirst("(?i)\\.nwb$", "");
    }

    // ----------------------------------------------------------------------------------- dataset

    private static org.v1workbench.data.Dataset assemble(NwbFile f, ImportOptions o, Presentations p, Stimuli s, Responses r,
                                                         double latency, double window, boolean defaultLatency) {
        TreeSet<Long> shown = new TreeSet<>();
        int blanks = 0;
        for (long i : p.image) {
            if (i >= 0) shown.add(i);
            else blanks++;
        }
        Map<Long, Integer> position = new LinkedHashMap<>();
        for (long i : shown) position.put(i, position.size());
        int images = shown.size(), neurons = r.neurons.size();
        int[] seen = new int[images];
        int[] repeatOf = new int[p.image.length];
        int repeats = 0;
        for (int k = 0; k < p.image.length; k++) {
            if (p.image[k] < 0) continue;
            int at = position.get(p.image[k]);
            repeatOf[k] = seen[at]++;
            repeats = Math.max(repeats, seen[at]);
        }
        // Values as the file holds them: a signed kind keeps its negative values (no offset).
        float[] values = new float[images * repeats * neurons];
        Arrays.fill(values, Float.NaN);
        for (int k = 0; k < p.image.length; k++) {
            if (p.image[k] < 0) continue;
            int at = position.get(p.image[k]);
            for (int n = 0; n < neurons; n++) values[(at * repeats + repeatOf[k]) * neurons + n] = (float) r.values[n][k];
        }
        int hw = s.height * s.width;
        float[] px = new float[images * hw];
        int j = 0;
        List<String> indices = new ArrayList<>();
        for (long i : shown) {
            System.arraycopy(s.pixels, (int) i * hw, px, j++ * hw, hw);
            indices.add(s.names == null ? Long.toString(i) : i + " (" + s.names.get((int) i) + ")");
        }
        org.v1workbench.data.Dataset.Builder b = org.v1workbench.data.Dataset.builder().name(session(f.path))
                .source(f.path.toAbsolutePath().normalize().toString())
                .stimuli(px, images, s.height, s.width).responses(values, repeats, neurons).neurons(r.neurons)
                .windowSeconds(window).responseKind(r.kind).unit(r.unit)
                .note("nwb_version", f.version)
                .note("stimuli", s.from + (images < s.count ? " (" + images + " of its " + s.count + " images presented)" : ""))
                .note("image_indices", "dataset image k is index " + String.join(", ", indices.subList(0, Math.min(20, indices.size())))
                        + (indices.size() > 20 ? " ... (" + indices.size() + " in all, ascending)" : ""))
                .note("presentations", p.from + ": " + p.image.length + " presentations" + (blanks > 0 ? ", " + blanks + " blank (index < 0) left out" : "")
                        + "; the repeats of an image are its presentations in time order")
                .note("responses", r.from + ", from " + round(latency) + " s to " + round(latency + window) + " s after each onset"
                        + (defaultLatency ? " (latency " + round(latency) + " s, the default for " + (r.kind == ResponseKind.SPIKE_COUNTS
                        ? "spikes" : "calcium signals, which rise within a frame or two of the onset") + "; --latency-s sets it)" : ""))
                .note("kind", r.kind.label() + " (" + r.kind.description() + "): " + r.kindWhy)
                .note("command", command(f.path, o));
        if (!f.skipped.isEmpty()) b.note("columns_left_out", "not neuron properties: " + String.join("; ", f.skipped));
        if (!NwbFile.unreadable().isEmpty()) b.note("unreadable", NwbFile.unreadable());
        if (r.kind != ResponseKind.SPIKE_COUNTS)
            b.note("units", "mean of the series' values (" + (r.unit == null ? r.kind.defaultUnit() : r.unit)
                    + ") over the window, as stored (no offset added), not spike counts");
        return b.build();
    }

    /** The {@code import} command line with these options, as the dialog shows it. */
    public static String command(Path file, ImportOptions o) {
        StringBuilder sb = new StringBuilder("import nwb ").append(quote(file.toString())).append(" --out DIR");
        if (o.images() != null) sb.append(" --images ").append(quote(o.images().toString()));
        if (o.table() != null) sb.append(" --table ").append(quote(o.table()));
        if (o.indexColumn() != null) sb.append(" --index-column ").append(quote(o.indexColumn()));
        if (o.series() != null) sb.append(" --series ").append(quote(o.series()));
        if (o.latencySeconds() != null) sb.append(" --latency-s ").append(round(o.latencySeconds()));
        if (o.windowSeconds() != null) sb.append(" --window-s ").append(round(o.windowSeconds()));
        return sb.toString();
    }

    static String quote(String s) {
        return s.matches("[A-Za-z0-9_./+:=,-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    // ----------------------------------------------------------------------------------- helpers

    private static int lowerBound(double[] sorted, double x) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    static String round(double v) {
        String s = String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String shape(int[] d) {
        return String.join(" x ", Arrays.stream(d).mapToObj(Integer::toString).toList());
    }

    private static String names(List<Group> groups) {
        return String.join(", ", groups.stream().map(NwbFile::name).toList());
    }

    /** Name order with numbers compared as numbers (img_2 before img_10). */
    static int natural(String a, String b) {
        String[] x = a.split("(?<=\\D)(?=\\d)|(?<=\\d)(?=\\D)"), y = b.split("(?<=\\D)(?=\\d)|(?<=\\d)(?=\\D)");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c;
            if (x[i].matches("\\d+") && y[i].matches("\\d+")) c = new java.math.BigInteger(x[i]).compareTo(new java.math.BigInteger(y[i]));
            else c = x[i].compareTo(y[i]);
            if (c != 0) return c;
        }
        return Integer.compare(x.length, y.length);
    }
}
