package org.v1workbench.distributed;

import org.v1workbench.cli.CliRunner;
import org.v1workbench.data.Csv;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs a command line twice over (plain, then with Spark options) and compares what they wrote. */
final class SparkRuns {
    private SparkRuns() {}

    static CliRunner.Result run(List<String> common, String... more) {
        List<String> args = new ArrayList<>(common);
        args.addAll(List.of(more));
        return CliRunner.run(args.toArray(new String[0]));
    }

    /** A table's rows without its {@code seconds} column: the fits' own times, which no two runs share. */
    static List<Map<String, String>> withoutSeconds(Csv.Table t) {
        List<Map<String, String>> out = new ArrayList<>();
        for (Map<String, String> row : t.rows()) {
            Map<String, String> copy = new LinkedHashMap<>(row);
            copy.remove("seconds");
            out.add(copy);
        }
        return out;
    }
}
