package org.v1workbench.train;

import org.v1workbench.data.BadInputException;
import org.v1workbench.model.Hyperparameter;
import org.v1workbench.model.Hyperparameters;
import org.v1workbench.model.Preset;
import org.v1workbench.model.Presets;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The settings a sweep tries: every combination of the {@code --grid} values, each with
 * {@code --random N} draws from the {@code --range}s. Keys and values are checked against the
 * one declaration of every hyperparameter ({@link Hyperparameters}: its kind of value and range,
 * the presets that have it), with the same words as {@code --set}; a problem is a
 * BadInputException of one line naming the option.
 */
public record SweepSpace(String preset, List<Axis> grid, List<Range> ranges, int random, long seed) {
    /** A grid key and its values, in the order given. */
    public record Axis(String key, List<String> values) {}

    /** A range to draw from: uniform between {@code lo} and {@code hi}, or uniform in their logarithms. */
    public record Range(String key, double lo, double hi, boolean log) {}

    public SweepSpace {
        grid = List.copyOf(grid);
        ranges = List.copyOf(ranges);
        Set<String> keys = new LinkedHashSet<>();
        for (Axis a : grid) if (!keys.add(a.key())) throw new BadInputException("--grid: " + a.key() + " is swept twice");
        for (Range r : ranges) if (!keys.add(r.key())) throw new BadInputException("--range: " + r.key() + " is swept twice (--grid or --range)");
        if (random < 0) throw new BadInputException("--random must be at least 1, not " + random);
        if (!ranges.isEmpty() && random == 0) throw new BadInputException("--range needs --random N: how many settings to draw");
        if (ranges.isEmpty() && random > 0) throw new BadInputException("--random needs at least one --range KEY=LO:HI[:log]");
        if (grid.isEmpty() && ranges.isEmpty()) throw new BadInputException("sweep needs --grid KEY=V1,V2,... or --random N --range KEY=LO:HI");
    }

    /**
     * Parses {@code KEY=V1,V2,...} (values separated by {@code ;} instead where a value holds
     * commas itself, as {@code sfs} does) for {@code preset}.
     */
    public static Axis grid(String preset, String text) {
        int eq = text.indexOf('=');
        if (eq <= 0 || eq == text.length() - 1) throw new BadInputException("--grid: expected KEY=V1,V2,..., not '" + text + "'");
        String key = text.substring(0, eq).trim();
        Hyperparameter h = declared("--grid", preset, key);
        String rest = text.substring(eq + 1);
        List<String> values = new ArrayList<>();
        for (String v : rest.split(rest.contains(";") ? ";" : ",", -1)) {
            String value = v.trim();
            if (value.isEmpty()) throw new BadInputException("--grid " + key + ": an empty value in '" + rest + "'");
            String problem = h.problem(value);
            if (problem != null) throw new BadInputException("--grid " + key + "=" + value + ": " + problem);
            if (values.contains(value)) throw new BadInputException("--grid " + key + ": " + value + " is given twice");
            values.add(value);
        }
        return new Axis(key, values);
    }

    /** Parses {@code KEY=LO:HI} or {@code KEY=LO:HI:log} for {@code preset}: a numeric hyperparameter and valid bounds. */
    public static Range range(String preset, String text) {
        int eq = text.indexOf('=');
        String[] parts = eq <= 0 ? new String[0] : text.substring(eq + 1).split(":", -1);
        if (parts.length < 2 || parts.length > 3 || (parts.length == 3 && !parts[2].trim().equals("log")))
            throw new BadInputException("--range: expected KEY=LO:HI or KEY=LO:HI:log, not '" + text + "'");
        String key = text.substring(0, eq).trim();
        Hyperparameter h = declared("--range", preset, key);
        if (!numeric(h.kind()))
            throw new BadInputException("--range " + key + ": not a number (" + h.kind().name().toLowerCase(Locale.ROOT)
                    + (h.options().isEmpty() ? "" : ": " + String.join(", ", h.options())) + "); sweep it with --grid");
        double[] bounds = new double[2];
        for (int i = 0; i < 2; i++) {
            String v = parts[i].trim();
            String problem = h.problem(v);
            if (problem != null) throw new BadInputException("--range " + key + "=" + parts[0].trim() + ":" + parts[1].trim() + ": " + problem);
            bounds[i] = Double.parseDouble(v);
        }
        boolean log = parts.length == 3;
        if (!(bounds[0] < bounds[1])) throw new BadInputException("--range " + key + ": the low end " + parts[0].trim() + " must be below the high end " + parts[1].trim());
        if (log && !(bounds[0] > 0)) throw new BadInputException("--range " + key + ": a log range must start above 0, not at " + parts[0].trim());
        return new Range(key, bounds[0], bounds[1], log);
    }

    /** The declaration of {@code key}, which {@code preset} must have. */
    private static Hyperparameter declared(String option, String preset, String key) {
        Hyperparameter h = Hyperparameters.find(key);
        if (h == null) throw new BadInputException(option + ": no hyperparameter '" + key + "'");
        Preset p = Presets.get(preset);
        if (!p.defaults().containsKey(key))
            throw new BadInputException(option + ": " + preset + " has no hyperparameter '" + key + "' (" + String.join(", ", Hyperparameters.presetsWith(key))
                    + (Hyperparameters.presetsWith(key).size() == 1 ? " has it)" : " have it)"));
        return h;
    }

    private static boolean numeric(Hyperparameter.Kind k) {
        return switch (k) {
            case COUNT, POSITIVE, NON_NEGATIVE, FRACTION, FACTOR -> true;
            default -> false;
        };
    }

    /** The swept keys: the grid's, then the ranges', in the order given. */
    public List<String> keys() {
        List<String> out = new ArrayList<>();
        grid.forEach(a -> out.add(a.key()));
        ranges.forEach(r -> out.add(r.key()));
        return out;
    }

    /** Whether {@code key} was drawn from a log range (the figure draws its axis logarithmic). */
    public boolean logScale(String key) {
        return ranges.stream().anyMatch(r -> r.key().equals(key) && r.log());
    }

    /**
     * The settings, each a map of the swept keys to values: the grid's combinations (the first
     * key varying slowest), each with the random draws (seeded by {@code seed}: the same on every
     * run); a setting drawn twice is tried once.
     */
    public List<Map<String, String>> settings() {
        List<Map<String, String>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (Axis a : grid) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> c : combos)
                for (String v : a.values()) {
                    Map<String, String> m = new LinkedHashMap<>(c);
                    m.put(a.key(), v);
                    next.add(m);
                }
            combos = next;
        }
        List<Map<String, String>> draws = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < random; i++) {
            Map<String, String> m = new LinkedHashMap<>();
            for (Range r : ranges) m.put(r.key(), draw(r, rnd.nextDouble()));
            draws.add(m);
        }
        if (draws.isEmpty()) draws.add(Map.of());
        Set<Map<String, String>> out = new LinkedHashSet<>();
        for (Map<String, String> c : combos)
            for (Map<String, String> dr : draws) {
                Map<String, String> m = new LinkedHashMap<>(c);
                m.putAll(dr);
                out.add(m);
            }
        return List.copyOf(out);
    }

    /** The value at {@code u} in [0, 1) of a range: a whole number for counts, else three significant digits where they stay valid. */
    static String draw(Range r, double u) {
        double v = r.log() ? Math.exp(Math.log(r.lo()) + u * (Math.log(r.hi()) - Math.log(r.lo()))) : r.lo() + u * (r.hi() - r.lo());
        Hyperparameter h = Hyperparameters.find(r.key());
        if (h.kind() == Hyperparameter.Kind.COUNT)
            return Long.toString(Math.max(Math.round(Math.ceil(r.lo())), Math.min(Math.round(Math.floor(r.hi())), Math.round(v))));
        String short3 = new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toString();
        double s = Double.parseDouble(short3);
        return s >= r.lo() && s <= r.hi() && h.problem(short3) == null ? Double.toString(s) : Double.toString(v);
    }
}
