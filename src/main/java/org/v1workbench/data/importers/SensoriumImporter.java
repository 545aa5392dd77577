package org.v1workbench.data.importers;

import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Csv;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.ImportOptions;
import org.v1workbench.data.Importer;
import org.v1workbench.data.Neuron;
import org.v1workbench.data.Npy;
import org.v1workbench.data.ResponseKind;
import org.v1workbench.data.Tier;
import org.v1workbench.data.Tiers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The Sensorium / neuralpredictors static file tree: one {@code data/<key>/<trial>.npy} per trial
 * and key ({@code images}, {@code responses}, {@code behavior}, {@code pupil_center}), and
 * {@code meta/trials/*.npy} and {@code meta/neurons/*.npy} indexed by trial and by neuron.
 * Trials showing the same {@code frame_image_id} are the repeats of one image; images are in
 * ascending image id. Tiers are kept as the file says ({@code final_test}, the held-out
 * competition test, counts as test). Behaviour, pupil and any other per-trial data are not
 * responses: they are kept aside in {@code trials.csv}.
 */
public final class SensoriumImporter implements Importer {
    /** Sensorium 2022 responses: the mean deconvolved activity from 50 to 550 ms after onset. */
    public static final double DEFAULT_WINDOW_S = 0.5;
    public static final String TRIALS_CSV = "trials.csv";

    @Override public String format() { return "sensorium"; }

    @Override public String description() {
        return "the Sensorium / neuralpredictors static file tree (data/images, data/responses, meta/trials, meta/neurons)";
    }

    @Override public boolean recognises(Path source) {
        return Files.isDirectory(source.resolve("data/images")) && Files.isDirectory(source.resolve("data/responses"))
                && Files.isRegularFile(source.resolve("meta/trials/tiers.npy"));
    }

    /** The trials in file order and what the import makes of them. */
    private record Trials(int[] number, float[] imageId, int[] image, int[] repeat, String[] tier, long[] ids) {}

    @Override public Dataset load(Path source, ImportOptions options) {
        if (!Files.isDirectory(source)) throw new BadInputException(source, Files.exists(source) ? "not a folder (a Sensorium file tree is one)" : "not found");
        for (String needed : List.of("data/images", "data/responses", "meta/trials/tiers.npy", "meta/trials/frame_image_id.npy"))
            if (!Files.exists(source.resolve(needed)))
                throw new BadInputException(source, "has no " + needed + " (not a Sensorium static file tree)");
        double window = options.windowSeconds() == null ? DEFAULT_WINDOW_S : options.windowSeconds();
        if (!(window > 0) || Double.isInfinite(window)) throw new BadInputException("--window-s must be a positive number of seconds, not " + window);
        Trials t = trials(source);
        int trials = t.number.length, images = t.ids.length;

        int repeats = 0;
        for (int r : t.repeat) repeats = Math.max(repeats, r + 1);
        Tier[] tiers = new Tier[images];
        float[] stimuli = null;
        int h = 0, w = 0, neurons = -1;
        float[] responses = null;
        for (int k = 0; k < trials; k++) {
            int img = t.image[k];
            Tier tier = tier(source, t.tier[k], t.number[k]);
            if (tiers[img] != null && tiers[img] != tier)
                throw new BadInputException(source.resolve("meta/trials/tiers.npy"), "image " + t.ids[img] + " is in " + tiers[img].label()
                        + " and in " + tier.label() + " (trial " + t.number[k] + "): an image's repeats share one tier");
            tiers[img] = tier;
            Path rf = source.resolve("data/responses/" + t.number[k] + ".npy");
            Npy.Array r = Npy.read(rf);
            if (neurons < 0) {
                neurons = r.data().length;
                if (neurons == 0) throw new BadInputException(rf, "holds no responses");
                responses = new float[images * repeats * neurons];
                java.util.Arrays.fill(responses, Float.NaN);
            } else if (r.data().length != neurons) {
                throw new BadInputException(rf, "holds " + r.data().length + " responses but trial " + t.number[0] + " holds " + neurons);
            }
            System.arraycopy(r.data(), 0, responses, (img * repeats + t.repeat[k]) * neurons, neurons);
            if (t.repeat[k] == 0) { // an image's first trial gives its pixels
                Path imf = source.resolve("data/images/" + t.number[k] + ".npy");
                Npy.Array a = Npy.read(imf);
                int[] s = a.shape();
                int ih = s.length == 3 && s[0] == 1 ? s[1] : s.length == 2 ? s[0] : -1, iw = s.length == 3 ? s[2] : s.length == 2 ? s[1] : -1;
                if (ih < 1) throw new BadInputException(imf, "has shape " + a.shapeText() + ", not 1 x height x width (one grey image)");
                if (stimuli == null) {
                    h = ih;
                    w = iw;
                    stimuli = new float[images * h * w];
                } else if (ih != h || iw != w) {
                    throw new BadInputException(imf, "is " + ih + " x " + iw + " but the first image is " + h + " x " + w);
                }
                System.arraycopy(a.data(), 0, stimuli, img * h * w, h * w);
            }
        }
        // Sensorium's responses are deconvolved activity: kept as stored, never raised. Where some are
        // negative (a pipeline's noise floor), they are read as a continuous signal instead.
        float min = 0;
        for (float v : responses) if (v < min) min = v;
        ResponseKind kind = min < 0 ? ResponseKind.SIGNAL : ResponseKind.DECONVOLVED;

        String session = source.toAbsolutePath().normalize().getFileName().toString();
        List<Neuron> list = neurons(source, neurons, session);
        Dataset.Builder b = Dataset.builder().name(session).source(source.toAbsolutePath().normalize().toString())
                .stimuli(stimuli, images, h, w).responses(responses, repeats, neurons).neurons(list)
                .tiers(Tiers.of(tiers)).windowSeconds(window).responseKind(kind)
                .note("trials", trials + " trials; the repeats of an image are its trials with the same frame_image_id, in trial order; "
                        + "images in ascending image id (" + t.ids[0] + " to " + t.ids[images - 1] + ")")
                .note("tiers", "as meta/trials/tiers.npy says; final_test counts as test")
                .note("window", options.windowSeconds() == null
                        ? "responses taken as the mean activity of a 0.5 s window (Sensorium 2022: 50 to 550 ms after onset)"
                        : "responses over a " + window + " s window")
                .note("trials_csv", "behaviour, pupil and other per-trial data in " + TRIALS_CSV);
        b.note("kind", kind.label() + " (" + kind.description() + ")" + (min < 0
                ? ": some responses are negative (down to " + min + "), so not deconvolved events; kept as stored" : ""));
        return b.build();
    }

    private static Tier tier(Path source, String s, int trial) {
        return switch (s.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "train" -> Tier.TRAIN;
            case "validation" -> Tier.VALIDATION;
            case "test", "final_test" -> Tier.TEST;
            default -> throw new BadInputException(source.resolve("meta/trials/tiers.npy"), "trial " + trial + " has tier '" + s
                    + "' (train, validation, test or final_test)");
        };
    }

    /** Trials are the files of data/responses, numbered; each needs an entry in the meta arrays. */
    private static Trials trials(Path source) {
        String[] tiers = Npy.readStrings(source.resolve("meta/trials/tiers.npy"));
        float[] ids = Npy.read(source.resolve("meta/trials/frame_image_id.npy")).data();
        if (ids.length != tiers.length)
            throw new BadInputException(source.resolve("meta/trials/frame_image_id.npy"), "has " + ids.length + " trials but tiers.npy has " + tiers.length);
        TreeMap<Integer, Path> files = numbered(source.resolve("data/responses"));
        if (files.isEmpty()) throw new BadInputException(source.resolve("data/responses"), "holds no <trial>.npy files");
        int[] number = files.keySet().stream().mapToInt(Integer::intValue).toArray();
        for (int n : number) {
            if (n >= tiers.length)
                throw new BadInputException(files.get(n), "is trial " + n + " but meta/trials/tiers.npy has " + tiers.length + " trials");
            if (!Files.isRegularFile(source.resolve("data/images/" + n + ".npy")))
                throw new BadInputException(source.resolve("data/images/" + n + ".npy"), "not found (trial " + n + " has responses)");
        }
        TreeMap<Long, Integer> imageOf = new TreeMap<>();
        for (int n : number) {
            if (ids[n] != Math.rint(ids[n])) throw new BadInputException(source.resolve("meta/trials/frame_image_id.npy"), "trial " + n + " has image id " + ids[n]);
            imageOf.put((long) ids[n], 0);
        }
        int k = 0;
        for (Map.Entry<Long, Integer> e : imageOf.entrySet()) e.setValue(k++);
        int[] image = new int[number.length], repeat = new int[number.length];
        int[] seen = new int[imageOf.size()];
        String[] tier = new String[number.length];
        float[] id = new float[number.length];
        for (int i = 0; i < number.length; i++) {
            image[i] = imageOf.get((long) ids[number[i]]);
            repeat[i] = seen[image[i]]++;
            tier[i] = tiers[number[i]];
            id[i] = ids[number[i]];
        }
        return new Trials(number, id, image, repeat, tier, imageOf.keySet().stream().mapToLong(Long::longValue).toArray());
    }

    private static TreeMap<Integer, Path> numbered(Path dir) {
        TreeMap<Integer, Path> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> {
                String n = p.getFileName().toString();
                if (n.matches("\\d+\\.npy")) out.put(Integer.parseInt(n.substring(0, n.length() - 4)), p);
            });
        } catch (IOException e) {
            throw new BadInputException(dir, "cannot be listed (" + e.getMessage() + ")", e);
        }
        return out;
    }

    /** Neuron ids from meta/neurons/unit_ids.npy; every other per-neuron array (areas, layers, coordinates) as properties. */
    private static List<Neuron> neurons(Path source, int n, String session) {
        Path dir = source.resolve("meta/neurons");
        String[] ids = null;
        Map<String, String[]> props = new LinkedHashMap<>();
        if (Files.isDirectory(dir)) {
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(p -> p.getFileName().toString().endsWith(".npy")).sorted().toList();
            } catch (IOException e) {
                throw new BadInputException(dir, "cannot be listed (" + e.getMessage() + ")", e);
            }
            for (Path f : files) {
                String name = f.getFileName().toString().replaceFirst("\\.npy$", "");
                String[] text;
                int[] shape;
                try {
                    text = Npy.readStrings(f);
                    shape = text.length == n ? new int[]{n} : Npy.read(f).shape();
                } catch (BadInputException e) {
                    continue; // a per-neuron array we cannot read (objects) is left out, not fatal
                }
                if (name.equals("unit_ids")) {
                    if (text.length != n) throw new BadInputException(f, "has " + text.length + " ids but the responses have " + n + " neurons");
                    ids = text;
                } else if (shape.length == 1 && text.length == n) {
                    props.put(name, text);
                } else if (shape.length == 2 && shape[0] == n && shape[1] <= 4) {
                    for (int c = 0; c < shape[1]; c++) {
                        String[] col = new String[n];
                        for (int i = 0; i < n; i++) col[i] = text[i * shape[1] + c];
                        props.put(name + "_" + c, col);
                    }
                }
            }
        }
        List<Neuron> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, String> p = new LinkedHashMap<>();
            for (Map.Entry<String, String[]> e : props.entrySet()) p.put(e.getKey(), e.getValue()[i]);
            out.add(new Neuron(ids == null ? Integer.toString(i) : ids[i], session, p));
        }
        return out;
    }

    /** {@code trials.csv}: per trial its image, repeat and tier, and every other data/<key> (behaviour, pupil) kept aside. */
    @Override public void writeExtras(Path source, ImportOptions options, Path out) throws IOException {
        Trials t = trials(source);
        List<String> keys = new ArrayList<>();
        try (Stream<Path> s = Files.list(source.resolve("data"))) {
            s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(k -> !k.equals("images") && !k.equals("responses")).sorted().forEach(keys::add);
        }
        List<String> columns = new ArrayList<>(List.of("trial", "image_id", "image", "repeat", "tier"));
        Map<String, Integer> widths = new LinkedHashMap<>();
        List<List<String>> rows = new ArrayList<>();
        for (int k = 0; k < t.number.length; k++) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(t.number[k]), Long.toString((long) t.imageId[k]),
                    Integer.toString(t.image[k]), Integer.toString(t.repeat[k] + 1), t.tier[k]));
            for (String key : keys) {
                Path f = source.resolve("data/" + key + "/" + t.number[k] + ".npy");
                float[] v = Files.isRegularFile(f) ? Npy.read(f).data() : new float[0];
                int width = widths.computeIfAbsent(key, x -> v.length);
                for (int c = 0; c < width; c++) row.add(c < v.length ? Csv.number(v[c]) : "");
            }
            rows.add(row);
        }
        for (String key : keys) {
            int width = widths.getOrDefault(key, 0);
            for (int c = 0; c < width; c++) columns.add(width == 1 ? key : key + "_" + c);
        }
        Csv.write(out.resolve(TRIALS_CSV), columns, rows);
    }
}
