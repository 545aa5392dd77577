package org.v1workbench.data.importers;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.v1workbench.data.BadInputException;
import org.v1workbench.data.ImportOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What an NWB file holds that an import can use, and what the import would still need: what
 * {@code info FILE.nwb} prints and the import dialog offers to choose from (tables, columns,
 * series), read without importing anything.
 *
 * @param templates      the entries of stimulus/templates, with their image counts
 * @param tables         the intervals tables (those with start_time)
 * @param indexSeries    the IndexSeries of stimulus/presentation
 * @param units          the units table in words, or null where there is none
 * @param responseSeries the ophys RoiResponseSeries, by path, with their kind, samples, rate and ROI count
 * @param needs          options an import needs beyond the defaults (empty: none)
 * @param problem        the one-line message an import with the defaults (and {@code needs}) would fail with, or null
 * @param indexSeriesText each of {@code indexSeries} in words: presentations and the templates it indexes
 */
public record NwbContents(Path file, String version, List<String> templates, List<Table> tables, List<String> indexSeries,
                          String units, List<String> responseSeries, List<String> needs, String problem,
                          List<String> indexSeriesText) {

    /** An intervals table: its name, rows, columns, and the image-index column found in it (or null). */
    public record Table(String name, int rows, List<String> columns, String indexColumn) {}

    /** Reads what {@code file} holds; any failure is one BadInputException naming the file and the HDF5 path. */
    public static NwbContents read(Path file) {
        return NwbFile.read(file, f -> read(file, f));
    }

    private static NwbContents read(Path file, NwbFile f) {
        List<String> templates = new ArrayList<>();
        for (Node n : NwbImporter.templates(f)) {
            String count = "";
            if (n instanceof Group g && NwbFile.dataset(g, "data") != null) {
                int[] d = NwbFile.dims(NwbFile.dataset(g, "data"));
                count = d.length > 0 ? d[0] + " frames of " + shape(Arrays.copyOfRange(d, 1, d.length))
                        + (NwbFile.dataset(g, "external_file") != null ? ", pixels in external files" : "") : "";
            } else if (n instanceof Group g) {
                List<String> names = new ArrayList<>();
                for (Node c : NwbFile.children(g).values())
                    if (c instanceof Dataset && !c.getName().equals("order_of_images")) names.add(c.getName());
                names.sort(NwbImporter::natural);
                count = names.size() + " images" + (names.isEmpty() ? "" : ": " + String.join(", ", names.subList(0, Math.min(8, names.size())))
                        + (names.size() > 8 ? " ..." : "")) + (NwbFile.dataset(g, "order_of_images") != null ? "; in order_of_images' order" : "");
            } else if (n instanceof Dataset d) {
                count = "one image of " + shape(d.getDimensions());
            }
            templates.add(NwbFile.name(n) + " (" + typeOf(n) + (count.isEmpty() ? "" : ", " + count) + ")");
        }
        List<Table> tables = new ArrayList<>();
        for (Group g : NwbImporter.tables(f.group("intervals"))) {
            Dataset start = NwbFile.dataset(g, "start_time");
            tables.add(new Table(g.getName(), start.getDimensions().length == 0 ? 1 : start.getDimensions()[0],
                    NwbImporter.columns(g), NwbImporter.indexColumn(g, null)));
        }
        List<String> indexSeries = new ArrayList<>(), indexSeriesText = new ArrayList<>();
        for (Group g : NwbFile.findTyped(f.group("stimulus/presentation"), List.of("IndexSeries"))) {
            indexSeries.add(NwbFile.name(g));
            Dataset data = NwbFile.dataset(g, "data");
            Node target = NwbFile.child(g, "indexed_images");
            if (target == null) target = NwbFile.child(g, "indexed_timeseries");
            indexSeriesText.add(NwbFile.name(g) + " (IndexSeries" + (data == null ? ", no data" : ", " + data.getSize() + " presentations")
                    + (target == null ? "" : " of " + NwbFile.name(target)) + ")");
        }
        String units = null;
        Group u = f.group("units");
        if (u != null) {
            Dataset id = NwbFile.dataset(u, "id"), st = NwbFile.dataset(u, "spike_times");
            units = (id == null ? "?" : id.getSize()) + " units, " + (st == null ? "no" : st.getSize()) + " spike times; columns: "
                    + String.join(", ", NwbImporter.columns(u));
        }
        List<String> series = new ArrayList<>();
        for (Group g : NwbImporter.roiSeries(f)) series.add(describeSeries(f, g));

        // Walk the import's own choices with the defaults, to say what is missing.
        List<String> needs = new ArrayList<>();
        String problem = null;
        ImportOptions o = ImportOptions.defaults();
        try {
            NwbImporter.Presentations p = NwbImporter.presentations(f, o);
            if (p.template() == null && NwbImporter.templates(f).isEmpty()) {
                long n = Arrays.stream(p.image()).max().orElse(-1) + 1;
                needs.add("--images DIR (the file has no stimulus templates; " + p.from() + " indexes images 0 to " + (n - 1) + ")");
            } else {
                p = NwbImporter.byName(f, p, NwbImporter.stimuli(f, o, p));
            }
            double window = NwbImporter.window(f, p, null);
            NwbImporter.Source src = NwbImporter.source(f, o);
            NwbImporter.responses(f, src, p, src.defaultLatency(), window);
        } catch (BadInputException e) {
            String m = e.getMessage();
            problem = m.startsWith(file + ": ") ? m.substring(file.toString().length() + 2) : m;
            if (m.contains("--images")) {
                if (needs.stream().noneMatch(n -> n.startsWith("--images"))) needs.add("--images DIR");
            } else if (m.contains("--table")) needs.add("--table NAME --index-column COLUMN (no image index found on its own)");
            else if (m.contains("--series")) needs.add("--series NAME (one of: "
                    + String.join(", ", NwbImporter.roiSeries(f).stream().map(NwbFile::name).toList()) + ")");
        }
        return new NwbContents(file, f.version, templates, tables, indexSeries, units, series, needs, problem, indexSeriesText);
    }

    /**
     * A series in one line: its path, then in brackets its kind and unit, samples and rate (or
     * timestamps) and ROIs. The import dialog takes the path as the text before " (".
     */
    private static String describeSeries(NwbFile f, Group g) {
        StringBuilder sb = new StringBuilder(NwbFile.name(g));
        NwbImporter.Kind k = NwbImporter.kindOf(f, g);
        sb.append(" (").append(k.kind().label()).append(" in ").append(k.unit() == null ? k.kind().defaultUnit() : k.unit());
        Dataset d = NwbFile.dataset(g, "data");
        if (d != null) {
            int[] dims = d.getDimensions();
            sb.append(", ").append(dims.length == 0 ? 0 : dims[0]).append(" samples");
            Dataset st = NwbFile.dataset(g, "starting_time");
            Object rate = st == null ? null : NwbFile.attr(st, "rate");
            if (rate != null && rate.getClass().isArray() && java.lang.reflect.Array.getLength(rate) > 0) rate = java.lang.reflect.Array.get(rate, 0);
            if (NwbFile.dataset(g, "timestamps") != null) sb.append(" with timestamps");
            else if (rate instanceof Number r) sb.append(" at ").append(NwbImporter.round(r.doubleValue())).append(" Hz");
            sb.append(", ").append(dims.length < 2 ? 1 : dims[1]).append(" ROIs; ").append(shape(dims)).append(", time x ROIs)");
        } else {
            sb.append(", no data)");
        }
        return sb.toString();
    }

    private static String typeOf(Node n) {
        String t = NwbFile.neurodataType(n);
        return t == null ? (n instanceof Group ? "group" : "dataset") : t;
    }

    private static String shape(int[] d) {
        return String.join(" x ", Arrays.stream(d).mapToObj(Integer::toString).toList());
    }

    /** The text {@code info FILE.nwb} prints. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("file:      ").append(file).append('\n');
        sb.append("format:    NWB ").append(version).append('\n');
        sb.append("templates: ").append(templates.isEmpty() ? "none in stimulus/templates" : "").append('\n');
        for (String t : templates) sb.append("  ").append(t).append('\n');
        sb.append("presentations:\n");
        for (String s : indexSeriesText) sb.append("  ").append(s).append('\n');
        for (Table t : tables)
            sb.append("  intervals/").append(t.name).append(": ").append(t.rows).append(" rows")
                    .append(t.indexColumn == null ? ", no image-index column" : ", image index '" + t.indexColumn + "'")
                    .append("; columns: ").append(String.join(", ", t.columns)).append('\n');
        if (indexSeries.isEmpty() && tables.isEmpty()) sb.append("  none (no IndexSeries, no intervals tables)\n");
        sb.append("responses:\n");
        if (units != null) sb.append("  units: ").append(units).append('\n');
        for (String s : responseSeries) sb.append("  ").append(s).append('\n');
        if (units == null && responseSeries.isEmpty()) sb.append("  none (no units table, no RoiResponseSeries)\n");
        sb.append("import:    import nwb ").append(NwbImporter.quote(file.toString())).append(" --out DIR");
        for (String n : needs) sb.append(' ').append(n.replaceAll(" \\(.*", ""));
        sb.append('\n');
        for (String n : needs) sb.append("  needs ").append(n).append('\n');
        if (units != null && !responseSeries.isEmpty())
            sb.append("  responses: units by default; --series NAME for an ophys series (its name, container/name or path; "
                    + "latency 0 s unless --latency-s)\n");
        if (problem != null) sb.append("  problem: ").append(problem).append('\n');
        else if (needs.isEmpty()) sb.append("  ready: no options needed\n");
        return sb.toString();
    }
}
