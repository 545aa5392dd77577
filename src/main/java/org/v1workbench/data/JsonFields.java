package org.v1workbench.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON object from one of our files, whose fields are read by name and type. A missing field,
 * or one of the wrong type, is a {@link BadInputException} that names the file and the field (by
 * its path from the top, such as {@code spec.height} or {@code runs[2].epochs}), raised where
 * the field is read: a broken file is reported as such, and a programming error is not mistaken
 * for one. Optional fields take a fallback when absent or null, but must still have the right
 * type when present.
 */
public final class JsonFields {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final String path;
    private final JsonNode node;

    private JsonFields(Path file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    /**
     * Reads {@code file}, which must hold a JSON object; {@code ifMissing} says what a missing file
     * means (for example "missing (not a saved network)").
     */
    public static JsonFields read(Path file, String ifMissing) {
        if (!Files.isRegularFile(file)) throw new BadInputException(file, ifMissing);
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new BadInputException(file, "not valid JSON (" + DatasetFolder.firstLine(e.getMessage()) + ")", e);
        }
        if (root == null || !root.isObject()) throw new BadInputException(file, "must hold a JSON object");
        return new JsonFields(file, "", root);
    }

    /** The file these fields come from. */
    public Path file() {
        return file;
    }

    /** Whether {@code key} is present and not null. */
    public boolean has(String key) {
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    public String text(String key) {
        JsonNode v = required(key);
        if (!v.isTextual()) throw wrongType(key, "a string", v);
        return v.asText();
    }

    public String text(String key, String fallback) {
        return has(key) ? text(key) : fallback;
    }

    public int integer(String key) {
        JsonNode v = required(key);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) throw wrongType(key, "an integer", v);
        return v.asInt();
    }

    public int integer(String key, int fallback) {
        return has(key) ? integer(key) : fallback;
    }

    public long longInteger(String key) {
        JsonNode v = required(key);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) throw wrongType(key, "an integer", v);
        return v.asLong();
    }

    /** A number; also the strings NaN, Infinity and -Infinity, as Jackson writes non-finite numbers. */
    public double number(String key) {
        JsonNode v = required(key);
        Double x = number(v);
        if (x == null) throw wrongType(key, "a number", v);
        return x;
    }

    public double number(String key, double fallback) {
        return has(key) ? number(key) : fallback;
    }

    public boolean flag(String key) {
        JsonNode v = required(key);
        if (!v.isBoolean()) throw wrongType(key, "true or false", v);
        return v.asBoolean();
    }

    public boolean flag(String key, boolean fallback) {
        return has(key) ? flag(key) : fallback;
    }

    /** A nested object. */
    public JsonFields object(String key) {
        JsonNode v = required(key);
        if (!v.isObject()) throw wrongType(key, "an object", v);
        return new JsonFields(file, name(key), v);
    }

    /** A nested object, or an empty one when absent. */
    public JsonFields objectOrEmpty(String key) {
        return has(key) ? object(key) : new JsonFields(file, name(key), JSON.createObjectNode());
    }

    /** An array of objects. */
    public List<JsonFields> objects(String key) {
        JsonNode a = array(key);
        List<JsonFields> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            String at = name(key) + "[" + i + "]";
            if (!a.get(i).isObject()) throw wrong(at, "an object", a.get(i));
            out.add(new JsonFields(file, at, a.get(i)));
        }
        return out;
    }

    /** An array of strings. */
    public List<String> strings(String key) {
        JsonNode a = array(key);
        List<String> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).isTextual()) throw wrong(name(key) + "[" + i + "]", "a string", a.get(i));
            out.add(a.get(i).asText());
        }
        return out;
    }

    /** An array of numbers (non-finite ones as in {@link #number(String)}). */
    public double[] numbers(String key) {
        JsonNode a = array(key);
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            Double x = number(a.get(i));
            if (x == null) throw wrong(name(key) + "[" + i + "]", "a number", a.get(i));
            out[i] = x;
        }
        return out;
    }

    /** An object whose values are strings, numbers or booleans, each as its text, in file order. */
    public Map<String, String> textMap(String key) {
        JsonNode o = required(key);
        if (!o.isObject()) throw wrongType(key, "an object", o);
        Map<String, String> out = new LinkedHashMap<>();
        var it = o.fields();
        while (it.hasNext()) {
            var e = it.next();
            JsonNode v = e.getValue();
            if (!v.isValueNode() || v.isNull()) throw wrong(name(key) + "." + e.getKey(), "a string, number or boolean", v);
            out.put(e.getKey(), v.asText());
        }
        return out;
    }

    /** {@link #textMap}, or an empty map when absent. */
    public Map<String, String> textMapOrEmpty(String key) {
        return has(key) ? textMap(key) : new LinkedHashMap<>();
    }

    /** A BadInputException naming this file and field {@code key}, for values of the right type that make no sense. */
    public BadInputException bad(String key, String problem) {
        return new BadInputException(file, "field '" + name(key) + "' " + problem);
    }

    // ------------------------------------------------------------------------------------

    private JsonNode required(String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) throw new BadInputException(file, "field '" + name(key) + "' is missing");
        return v;
    }

    private JsonNode array(String key) {
        JsonNode v = required(key);
        if (!v.isArray()) throw wrongType(key, "an array", v);
        return v;
    }

    /** The value of a number node, or of the text Jackson writes for a non-finite number; null for anything else. */
    private static Double number(JsonNode v) {
        if (v.isNumber()) return v.asDouble();
        if (!v.isTextual()) return null;
        return switch (v.asText()) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> null;
        };
    }

    private String name(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private BadInputException wrongType(String key, String expected, JsonNode found) {
        return wrong(name(key), expected, found);
    }

    private BadInputException wrong(String field, String expected, JsonNode found) {
        String shown = found.toString();
        if (shown.length() > 40) shown = shown.substring(0, 37) + "...";
        return new BadInputException(file, "field '" + field + "' must be " + expected + ", not " + shown);
    }
}
