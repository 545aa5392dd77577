package org.v1workbench.data.importers;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.v1workbench.data.BadInputException;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An open NWB 2 file read through jhdf (pure Java HDF5), with the few reads the importer needs:
 * typed groups, columns as numbers or strings, and ragged columns checked against their data.
 * Every failure is a {@link BadInputException} that names the file and the object inside it,
 * because jhdf's own exceptions say nothing a scientist can act on.
 */
final class NwbFile implements AutoCloseable {
    static {
        quietJhdf();
    }

    /**
     * jhdf logs a warning for each odd structure it meets (on stderr, through slf4j-simple); the
     * reader reports what it cannot use itself, in one line, so jhdf's own are kept to errors.
     * Set before jhdf's classes make their loggers (slf4j-simple reads levels per logger, system
     * properties first); a level already set from outside is left as it is.
     */
    static void quietJhdf() {
        if (System.getProperty("org.slf4j.simpleLogger.log.io.jhdf") == null)
            System.setProperty("org.slf4j.simpleLogger.log.io.jhdf", "error");
    }

    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    final Path path;
    final HdfFile hdf;
    final String version;
    /** Columns a reader left out, each with its reason (said in the dataset's notes, not silently dropped). */
    final List<String> skipped = new ArrayList<>();
    /**
     * The HDF5 object read last on this thread: where a failure deep inside jhdf is reported to
     * have happened. Static because the static helpers below read too; a read runs on one thread.
     */
    private static final ThreadLocal<String> AT = ThreadLocal.withInitial(() -> "/");
    /** Groups whose children could not be read (path -> why): passed over, and said so, not silently absent. */
    private static final ThreadLocal<Map<String, String>> UNREADABLE = ThreadLocal.withInitial(java.util.LinkedHashMap::new);

    private NwbFile(Path path, HdfFile hdf, String version) {
        this.path = path;
        this.hdf = hdf;
        this.version = version;
    }

    /** Opens {@code path}, checking that it is HDF5 and NWB 2 (NWB 1 is said so by name). */
    static NwbFile open(Path path) {
        if (!Files.exists(path)) throw new BadInputException(path, "not found");
        if (Files.isDirectory(path)) throw new BadInputException(path, "is a folder, not an NWB file");
        if (!isHdf5(path)) throw new BadInputException(path, "not an HDF5 file (no HDF5 signature), so not NWB 2");
        HdfFile hdf;
        try {
            hdf = new HdfFile(path);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            throw new BadInputException(path, "not a readable HDF5 file (" + e.getMessage() + ")", e);
        }
        try {
            Attribute v = hdf.getAttribute("nwb_version");
            if (v == null) {
                String old = "";
                Node ds = child(hdf, "nwb_version");
                if (ds instanceof Dataset d) old = " (its /nwb_version dataset says '" + firstString(d) + "')";
                throw new BadInputException(path, "not an NWB 2 file: no nwb_version attribute on the root group"
                        + (old.isEmpty() ? "" : ", an NWB 1 file" + old) + "; convert it to NWB 2 (e.g. with pynwb) first");
            }
            String version = String.valueOf(scalar(v.getData()));
            if (!version.startsWith("2")) throw new BadInputException(path, "nwb_version is " + version + ", not NWB 2");
            return new NwbFile(path, hdf, version);
        } catch (BadInputException e) {
            hdf.close();
            throw e;
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            hdf.close();
            throw new BadInputException(path, "cannot be read at HDF5 path / (" + MatFiles.describe(e) + "): not a readable NWB 2 file", e);
        }
    }

    /** What a reader does with an open file. */
    interface Body<T> {
        T apply(NwbFile f);
    }

    /**
     * Opens {@code path} and runs {@code body} on it. jhdf reads lazily, so a corrupt or unusual
     * file can fail anywhere, with jhdf's own exceptions, a null, or a huge allocation: all of it
     * is this file's problem, reported as one BadInputException naming the file and the HDF5
     * object being read, never a stack trace.
     */
    static <T> T read(Path path, Body<T> body) {
        AT.set("/");
        UNREADABLE.get().clear();
        NwbFile f = open(path);
        try (f) {
            return body.apply(f);
        } catch (BadInputException e) {
            String passed = unreadable();
            throw passed.isEmpty() ? e : new BadInputException(e.getMessage() + " (" + passed + ")", e);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            throw new BadInputException(path, "cannot be read at HDF5 path " + AT.get() + " (" + MatFiles.describe(e)
                    + "): the file is corrupt or holds a layout this reader does not know", e);
        }
    }

    /** Notes that {@code n} is being read (for the message if reading it fails). */
    static <N extends Node> N at(N n) {
        if (n != null) AT.set(n.getPath());
        return n;
    }

    static boolean isHdf5(Path path) {
        // HDF5's signature sits at 0, 512, 1024, ... (a user block may come first); NWB files start with it.
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(8);
            if (head.length < 8) return false;
            for (int i = 0; i < 8; i++) if (head[i] != HDF5_SIGNATURE[i]) return false;
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override public void close() {
        hdf.close();
    }

    /** The node at {@code path} (links followed), or null where there is none. */
    Node node(String path) {
        AT.set("/" + path.replaceAll("^/", ""));
        try {
            return hdf.getByPath(path);
        } catch (RuntimeException e) {
            return null;
        }
    }

    Group group(String path) {
        return node(path) instanceof Group g ? g : null;
    }

    /**
     * The child {@code name} of {@code g}, a link followed to its target (pynwb writes a region or
     * series shared by several objects once and links it from the others), or null where there is
     * none or the link leads nowhere.
     */
    static Node child(Group g, String name) {
        at(g);
        try {
            Node n = g.getChildren().get(name);
            return n instanceof io.jhdf.links.SoftLink link ? at(link.getTarget()) : n; // external links are not followed out of the file
        } catch (RuntimeException e) {
            passedOver(g, e);
            return null;
        }
    }

    /** The children of {@code g} by name, sorted; empty where g is null. */
    static Map<String, Node> children(Group g) {
        Map<String, Node> out = new TreeMap<>();
        if (g == null) return out;
        at(g);
        try {
            out.putAll(g.getChildren());
        } catch (RuntimeException e) {
            passedOver(g, e); // an unreadable group holds nothing we can use
        }
        return out;
    }

    private static void passedOver(Group g, RuntimeException e) {
        try {
            UNREADABLE.get().putIfAbsent("/" + name(g), MatFiles.describe(e));
        } catch (RuntimeException ignored) {
            // a group without a path is not worth naming
        }
    }

    /** The groups passed over as unreadable, in words ("" where none), for a message or a note. */
    static String unreadable() {
        Map<String, String> u = UNREADABLE.get();
        if (u.isEmpty()) return "";
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, String> e : u.entrySet()) {
            if (parts.size() == 3) {
                parts.add("and " + (u.size() - 3) + " more");
                break;
            }
            parts.add(e.getKey() + " (" + e.getValue() + ")");
        }
        return "passed over as unreadable: " + String.join(", ", parts);
    }

    static String neurodataType(Node n) {
        return attrString(n, "neurodata_type");
    }

    static String attrString(Node n, String name) {
        at(n);
        try {
            Attribute a = n.getAttribute(name);
            return a == null ? null : String.valueOf(scalar(a.getData()));
        } catch (RuntimeException e) {
            return null;
        }
    }

    static Object attr(Node n, String name) {
        at(n);
        try {
            Attribute a = n.getAttribute(name);
            return a == null ? null : a.getData();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A table's column names from its {@code colnames} attribute (variable- or fixed-length strings). */
    static List<String> colnames(Group table) {
        Object c = attr(table, "colnames");
        List<String> out = new ArrayList<>();
        if (c == null) return out;
        if (c.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(c); i++) out.add(String.valueOf(Array.get(c, i)).strip());
        } else {
            out.add(String.valueOf(c));
        }
        return out;
    }

    private static Object scalar(Object o) {
        return o != null && o.getClass().isArray() && Array.getLength(o) > 0 ? Array.get(o, 0) : o;
    }

    private static String firstString(Dataset d) {
        try {
            return String.valueOf(scalar(d.getData()));
        } catch (RuntimeException e) {
            return "?";
        }
    }

    /** All values of {@code d}, flattened in C order, as doubles. */
    double[] doubles(Dataset d) {
        Object o = read(d, true);
        if (o == null) throw new BadInputException(path, d.getPath() + " holds no values");
        if (o instanceof Number n) return new double[]{n.doubleValue()};
        if (!o.getClass().isArray() || !o.getClass().getComponentType().isPrimitive() || o instanceof boolean[] || o instanceof char[])
            throw new BadInputException(path, d.getPath() + " holds " + d.getJavaType().getSimpleName() + " values, not numbers");
        int n = Array.getLength(o);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = ((Number) Array.get(o, i)).doubleValue();
        return out;
    }

    /** Integer values (indices, ids), with a clear message where they are not whole numbers. */
    long[] longs(Dataset d) {
        double[] v = doubles(d);
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] != Math.rint(v[i])) throw new BadInputException(path, d.getPath() + " holds " + v[i] + ", not a whole number");
            out[i] = (long) v[i];
        }
        return out;
    }

    /** Values of a one-value-per-row column as text (numbers printed plainly). */
    String[] strings(Dataset d) {
        Object o = read(d, true);
        if (o == null) throw new BadInputException(path, d.getPath() + " holds no values");
        if (!o.getClass().isArray()) return new String[]{String.valueOf(o)};
        int n = Array.getLength(o);
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            Object v = Array.get(o, i);
            out[i] = v instanceof Double x ? plain(x) : v instanceof Float x ? plain(x) : String.valueOf(v);
        }
        return out;
    }

    private static String plain(double v) {
        if (Double.isNaN(v)) return "";
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** {@code d}'s data (flat or shaped), any read failure named. */
    Object read(Dataset d, boolean flat) {
        at(d);
        try {
            return flat ? d.getDataFlat() : d.getData();
        } catch (BadInputException e) {
            throw e;
        } catch (RuntimeException | OutOfMemoryError e) {
            throw new BadInputException(path, d.getPath() + " cannot be read (" + MatFiles.describe(e) + ")", e);
        }
    }

    static int[] dims(Dataset d) {
        return d.getDimensions();
    }

    /**
     * The ragged column {@code name} of {@code table} split by its {@code name_index}: element i
     * is the slice data[index[i-1] : index[i]]. Checks that the index only grows and never points
     * past the data (cut files do: Allen's sample keeps 10 spike times and the full index).
     */
    double[][] ragged(Group table, String name) {
        Dataset data = dataset(table, name), index = dataset(table, name + "_index");
        String where = name(table);
        if (data == null) throw new BadInputException(path, where + " has no " + name + " column");
        if (index == null) throw new BadInputException(path, where + "/" + name + " has no " + name + "_index (a ragged column needs one)");
        long[] ends = longs(index);
        long length = data.getSize();
        long prev = 0;
        long max = 0;
        for (long e : ends) max = Math.max(max, e);
        if (max > length)
            throw new BadInputException(path, where + "/" + name + "_index points up to " + max + " but " + where + "/" + name
                    + " holds " + length + " values (the file was cut or is corrupt)");
        for (int i = 0; i < ends.length; i++) {
            if (ends[i] < prev)
                throw new BadInputException(path, where + "/" + name + "_index decreases at row " + i + " (" + prev + " then " + ends[i] + ")");
            prev = ends[i];
        }
        double[] all = doubles(data);
        double[][] out = new double[ends.length][];
        long start = 0;
        for (int i = 0; i < ends.length; i++) {
            out[i] = java.util.Arrays.copyOfRange(all, (int) start, (int) ends[i]);
            start = ends[i];
        }
        return out;
    }

    static Dataset dataset(Group g, String name) {
        return child(g, name) instanceof Dataset d ? d : null;
    }

    /** Every group under {@code root} (depth first, sorted by name) whose neurodata_type is one of {@code types}. */
    static List<Group> findTyped(Group root, List<String> types) {
        List<Group> out = new ArrayList<>();
        if (root == null) return out;
        for (Node n : children(root).values()) {
            // Links are skipped (they point at objects found where they live, and may loop); groups
            // without neurodata_type (pynwb's reference_images, general/...) are searched, not matched.
            if (!(n instanceof Group g) || n.isLink()) continue;
            String type = neurodataType(g);
            if (type != null && types.contains(type)) out.add(g);
            out.addAll(findTyped(g, types));
        }
        return out;
    }

    /** A node's path without the leading slash, as users write it. */
    static String name(Node n) {
        return n.getPath().replaceAll("^/", "").replaceAll("/$", "");
    }

    /**
     * Sample times of a TimeSeries with {@code samples} samples: its {@code timestamps}, or
     * {@code starting_time} and its {@code rate} attribute.
     */
    double[] times(Group series, int samples) {
        Dataset ts = dataset(series, "timestamps");
        if (ts != null) {
            double[] t = doubles(ts);
            if (t.length != samples)
                throw new BadInputException(path, name(series) + " has " + samples + " samples but " + t.length + " timestamps");
            return t;
        }
        Dataset st = dataset(series, "starting_time");
        if (st != null) {
            double start = doubles(st)[0];
            Object rate = attr(st, "rate");
            double r = rate instanceof Number n ? n.doubleValue() : rate != null && rate.getClass().isArray() ? ((Number) Array.get(rate, 0)).doubleValue() : Double.NaN;
            if (!(r > 0)) throw new BadInputException(path, name(series) + "/starting_time has no positive rate attribute");
            double[] t = new double[samples];
            for (int i = 0; i < samples; i++) t[i] = start + i / r;
            return t;
        }
        throw new BadInputException(path, name(series) + " has neither timestamps nor starting_time, so its samples have no times");
    }
}
