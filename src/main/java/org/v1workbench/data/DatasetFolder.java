package org.v1workbench.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The on-disk dataset format: a folder of {@code dataset.json}, {@code stimuli.npy}
 * (images x height x width), {@code responses.npy} (images x repeats x neurons, NaN for a missing
 * repeat) and {@code neurons.csv} (id, session, then any properties). NumPy opens every array.
 *
 * <p>For Python users writing by hand, only {@code dataset.json} with {@code window_s}, and the
 * two arrays are required; {@code responses.npy} may also be 2-D (images x neurons, one repeat),
 * and without {@code neurons.csv} the neurons are named n1, n2... in one session.
 */
public final class DatasetFolder {
    public static final String META = "dataset.json", STIMULI = "stimuli.npy", RESPONSES = "responses.npy", NEURONS = "neurons.csv";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DatasetFolder() {}

    /** True where {@code dir} looks like a dataset folder of ours. */
    public static boolean looksLike(Path dir) {
        return Files.isRegularFile(dir.resolve(META)) && Files.isRegularFile(dir.resolve(STIMULI));
    }

    public static Dataset read(Path dir) {
        if (!Files.isDirectory(dir)) throw new BadInputException(dir, "not a folder");
        for (String f : new String[]{META, STIMULI, RESPONSES, NEURONS}) Inside.check(dir, dir.resolve(f));
        Path metaFile = dir.resolve(META);
        if (!Files.isRegularFile(metaFile)) throw new BadInputException(metaFile, "file not found (a dataset folder needs dataset.json)");
        JsonNode meta;
        try {
            meta = JSON.readTree(metaFile.toFile());
        } catch (IOException e) {
            throw new BadInputException(metaFile, "not valid JSON (" + firstLine(e.getMessage()) + ")", e);
        }
        if (meta == null || !meta.isObject()) throw new BadInputException(metaFile, "must hold a JSON object");
        JsonNode window = meta.get("window_s");
        if (window == null || !window.isNumber() || !(window.asDouble() > 0))
            throw new BadInputException(metaFile, "needs \"window_s\", the response window in seconds (a positive number)");

        Npy.Array stim = Npy.read(dir.resolve(STIMULI));
        if (stim.dims() != 3)
            throw new BadInputException(dir.resolve(STIMULI), "must be images x height x width, not " + stim.shapeText());
        Npy.Array resp = Npy.read(dir.resolve(RESPONSES));
        int images = stim.shape()[0];
        int repeats, neuronCount;
        if (resp.dims() == 3) {
            repeats = resp.shape()[1];
            neuronCount = resp.shape()[2];
        } else if (resp.dims() == 2) {
            repeats = 1;
            neuronCount = resp.shape()[1];
        } else {
            throw new BadInputException(dir.resolve(RESPONSES), "must be images x repeats x neurons, not " + resp.shapeText());
        }
        if (resp.shape()[0] != images)
            throw new BadInputException(dir.resolve(RESPONSES), "has " + resp.shape()[0] + " images but " + STIMULI + " has " + images);
        for (float v : stim.data())
            if (!Float.isFinite(v)) throw new BadInputException(dir.resolve(STIMULI), "holds NaN or infinite pixels");
        boolean negative = false;
        for (float v : resp.data())
            if (Float.isInfinite(v)) throw new BadInputException(dir.resolve(RESPONSES), "holds infinite values (NaN marks a missing repeat)");
            else if (v < 0) negative = true;
        ResponseKind kind = responseKind(metaFile, meta, negative);
        if (negative && !kind.signed())
            throw new BadInputException(dir.resolve(RESPONSES), "holds negative values, but " + META + " says its responses are "
                    + kind.label() + " (" + kind.description() + "), which cannot be negative; for a signal with real negative values say "
                    + "\"responses\": \"" + ResponseKind.DFF.label() + "\" or \"" + ResponseKind.ZSCORE.label() + "\"");
        JsonNode unitNode = meta.get("unit");
        if (unitNode != null && !unitNode.isTextual()) throw new BadInputException(metaFile, "\"unit\" must be text (e.g. \"dF/F\")");

        List<Neuron> neurons = readNeurons(dir.resolve(NEURONS), neuronCount);
        Tiers tiers = readTiers(metaFile, meta.get("tiers"), images);
        Map<String, String> notes = new LinkedHashMap<>();
        JsonNode n = meta.get("notes");
        if (n != null && n.isObject()) n.fields().forEachRemaining(e -> notes.put(e.getKey(), e.getValue().asText()));
        if (kind == ResponseKind.SIGNAL && !meta.has("responses"))
            notes.put("responses", "dataset.json names no kind of responses and responses.npy holds negative values: read as a continuous "
                    + "signal (Gaussian loss, signed output); say \"responses\": \"dff\" or \"zscore\" in dataset.json to name it");
        String name = meta.hasNonNull("name") ? meta.get("name").asText() : dir.toAbsolutePath().normalize().getFileName().toString();
        try {
            return Dataset.builder().name(name).source(meta.path("source").asText(""))
                    .stimuli(stim.data(), images, stim.shape()[1], stim.shape()[2])
                    .responses(resp.data(), repeats, neuronCount).neurons(neurons)
                    .windowSeconds(window.asDouble()).responseKind(kind).unit(unitNode == null ? null : unitNode.asText())
                    .tiers(tiers).notes(notes).build();
        } catch (BadInputException e) {
            throw new BadInputException(dir, e.getMessage(), e);
        }
    }

    /**
     * The kind {@code dataset.json} names in {@code "responses"}; where it names none, spike counts
     * (every file written before the kind existed), or a continuous signal where values are negative.
     */
    private static ResponseKind responseKind(Path metaFile, JsonNode meta, boolean negative) {
        JsonNode k = meta.get("responses");
        if (k == null || k.isNull()) return negative ? ResponseKind.SIGNAL : ResponseKind.SPIKE_COUNTS;
        if (!k.isTextual()) throw new BadInputException(metaFile, "\"responses\" must name the kind of responses, one of " + ResponseKind.labels());
        try {
            return ResponseKind.parse(k.asText());
        } catch (BadInputException e) {
            throw new BadInputException(metaFile, e.getMessage());
        }
    }

    private static List<Neuron> readNeurons(Path file, int expected) {
        List<Neuron> out = new ArrayList<>();
        if (!Files.exists(file)) {
            for (int i = 0; i < expected; i++) out.add(new Neuron("n" + (i + 1), "1"));
            return out;
        }
        Csv.Table t = Csv.read(file);
        if (!t.columns().contains("id")) throw new BadInputException(file, "has no 'id' column");
        for (Map<String, String> row : t.rows()) {
            Map<String, String> props = new LinkedHashMap<>(row);
            String id = props.remove("id");
            String session = props.remove("session");
            if (id.isEmpty()) throw new BadInputException(file, "row " + (out.size() + 2) + " has an empty id");
            out.add(new Neuron(id, session == null || session.isEmpty() ? "1" : session, props));
        }
        if (out.size() != expected)
            throw new BadInputException(file, "describes " + out.size() + " neurons but " + RESPONSES + " has " + expected);
        return out;
    }

    private static Tiers readTiers(Path metaFile, JsonNode node, int images) {
        if (node == null || node.isNull()) return null;
        if (!node.isObject()) throw new BadInputException(metaFile, "\"tiers\" must map train/validation/test to lists of image indices");
        Tier[] t = new Tier[images];
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            Tier tier;
            try {
                tier = Tier.parse(e.getKey());
            } catch (IllegalArgumentException ex) {
                throw new BadInputException(metaFile, ex.getMessage());
            }
            for (JsonNode i : e.getValue()) {
                int k = i.asInt(-1);
                if (!i.canConvertToInt() || k < 0 || k >= images)
                    throw new BadInputException(metaFile, "tier " + tier.label() + " names image " + i + ", outside 0.." + (images - 1));
                if (t[k] != null) throw new BadInputException(metaFile, "image " + k + " is in two tiers");
                t[k] = tier;
            }
        }
        for (int i = 0; i < images; i++)
            if (t[i] == null) throw new BadInputException(metaFile, "image " + i + " is in no tier");
        return Tiers.of(t);
    }

    /** Writes {@code d} to {@code dir} atomically (an existing folder is replaced only when done). */
    public static void write(Dataset d, Path dir) throws IOException {
        AtomicFiles.writeDirectory(dir, tmp -> writeInto(d, tmp));
    }

    private static void writeInto(Dataset d, Path dir) throws IOException {
        ObjectNode meta = JSON.createObjectNode();
        meta.put("name", d.name());
        meta.put("source", d.source());
        meta.put("responses", d.responseKind().label());
        meta.put("unit", d.unit());
        meta.put("window_s", d.windowSeconds());
        meta.put("images", d.images());
        meta.put("image_height", d.height());
        meta.put("image_width", d.width());
        meta.put("repeats", d.repeats());
        meta.put("neurons", d.neuronCount());
        ArrayNode sessions = meta.putArray("sessions");
        d.sessions().forEach(sessions::add);
        ObjectNode tiers = meta.putObject("tiers");
        for (Tier t : Tier.values()) {
            ArrayNode a = tiers.putArray(t.label());
            for (int i : d.tiers().indices(t)) a.add(i);
        }
        ObjectNode notes = meta.putObject("notes");
        d.notes().forEach(notes::put);
        JSON.writeValue(dir.resolve(META).toFile(), meta);

        float[] stim = d.stimuliArray();
        int[] stimShape = {d.images(), d.height(), d.width()};
        if (isBytes(stim)) Npy.writeUint8(dir.resolve(STIMULI), stimShape, stim);
        else Npy.writeFloat32(dir.resolve(STIMULI), stimShape, stim);
        Npy.writeFloat32(dir.resolve(RESPONSES), new int[]{d.images(), d.repeats(), d.neuronCount()}, d.responsesArray());

        List<String> columns = new ArrayList<>(List.of("id", "session"));
        for (Neuron n : d.neurons())
            for (String k : n.properties().keySet()) if (!columns.contains(k)) columns.add(k);
        List<List<String>> rows = new ArrayList<>();
        for (Neuron n : d.neurons()) {
            List<String> r = new ArrayList<>(List.of(n.id(), n.session()));
            for (String c : columns.subList(2, columns.size())) r.add(n.properties().getOrDefault(c, ""));
            rows.add(r);
        }
        Csv.write(dir.resolve(NEURONS), columns, rows);
    }

    private static boolean isBytes(float[] v) {
        for (float x : v) if (x < 0 || x > 255 || x != Math.rint(x)) return false;
        return true;
    }

    static String firstLine(String s) {
        if (s == null) return "";
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }
}
