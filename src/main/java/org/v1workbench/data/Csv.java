package org.v1workbench.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Comma-separated tables with a header row (RFC 4180 quoting), as every file of ours uses. */
public final class Csv {
    private Csv() {}

    /** A table: its column names and its rows, each a map from column to value. */
    public record Table(List<String> columns, List<Map<String, String>> rows) {}

    public static Table read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new BadInputException(file, "file not found");
        } catch (IOException e) {
            throw new BadInputException(file, "cannot be read as UTF-8 text (" + e.getMessage() + ")", e);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) lines.remove(lines.size() - 1);
        if (lines.isEmpty()) throw new BadInputException(file, "empty (a header row is needed)");
        String first = lines.get(0);
        if (first.startsWith("\uFEFF")) first = first.substring(1);
        List<String> columns = split(file, 1, first);
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            List<String> cells = split(file, i + 1, lines.get(i));
            if (cells.size() != columns.size())
                throw new BadInputException(file, "line " + (i + 1) + " has " + cells.size() + " fields but the header has " + columns.size());
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) row.put(columns.get(c), cells.get(c));
            rows.add(row);
        }
        return new Table(columns, rows);
    }

    static List<String> split(Path file, int lineNo, String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else quoted = false;
                } else cur.append(ch);
            } else if (ch == '"') quoted = true;
            else if (ch == ',') {
                out.add(cur.toString().strip());
                cur.setLength(0);
            } else cur.append(ch);
        }
        if (quoted) throw new BadInputException(file, "line " + lineNo + " has an unclosed quote");
        out.add(cur.toString().strip());
        return out;
    }

    /** One field, quoted where it holds a comma, quote or line break. */
    public static String field(String v) {
        if (v == null) return "";
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r"))
            return "\"" + v.replace("\"", "\"\"") + "\"";
        return v;
    }

    /** A number as a CSV field: empty for NaN, otherwise with enough digits to round-trip a float. */
    public static String number(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    /** Writes a table atomically. */
    public static void write(Path file, List<String> columns, List<List<String>> rows) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append(String.join(",", columns.stream().map(Csv::field).toList())).append('\n');
        for (List<String> r : rows) sb.append(String.join(",", r.stream().map(Csv::field).toList())).append('\n');
        AtomicFiles.writeFile(file, tmp -> Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8));
    }
}
