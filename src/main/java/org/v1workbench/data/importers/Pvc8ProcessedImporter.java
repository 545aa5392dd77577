package org.v1workbench.data.importers;

import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.ImportOptions;
import org.v1workbench.data.Importer;
import org.v1workbench.data.Neuron;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The processed pvc-8 sessions of Kindel et al.'s code release: one MAT file per session holding
 * {@code activity} (images x neurons, spike counts in 50 ms averaged over the 20 repeats) and
 * {@code images} (images x 33 x 33 uint8, the same in every file). All sessions become one
 * dataset with one repeat per image; neurons are tagged with their session (the file's leading
 * number).
 */
public final class Pvc8ProcessedImporter implements Importer {
    /** The counting window of these files: 50 ms after the response latency. */
    public static final double WINDOW_S = 0.050;

    @Override public String format() { return "pvc8-processed"; }

    @Override public String description() {
        return "folder of Kindel et al.'s processed pvc-8 sessions (NNmean50ms_*.mat: activity, images)";
    }

    @Override public boolean recognises(Path source) {
        return !sessionFiles(source).isEmpty();
    }

    static List<Path> sessionFiles(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("\\d+mean.*\\.mat")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override public Dataset load(Path source, ImportOptions options) {
        if (!Files.isDirectory(source)) throw new BadInputException(source, "not a folder of pvc-8 session files");
        List<Path> files = sessionFiles(source);
        if (files.isEmpty()) throw new BadInputException(source, "no processed pvc-8 session files (NNmean50ms_*.mat) in this folder");

        float[] stimuli = null;
        int images = -1, h = -1, w = -1;
        List<float[][]> activities = new ArrayList<>();
        List<Neuron> neurons = new ArrayList<>();
        for (Path f : files) {
            String session = f.getFileName().toString().replaceFirst("^(\\d+).*$", "$1");
            MatFile mat = MatFiles.open(f);
            Matrix activity = MatFiles.matrix(mat, f, "activity");
            Matrix imgs = MatFiles.matrix(mat, f, "images");
            int[] ad = activity.getDimensions(), id = imgs.getDimensions();
            if (ad.length != 2) throw new BadInputException(f, "'activity' must be images x neurons, not " + MatFiles.dims(ad));
            if (id.length != 3) throw new BadInputException(f, "'images' must be images x height x width, not " + MatFiles.dims(id));
            if (ad[0] != id[0]) throw new BadInputException(f, "'activity' has " + ad[0] + " images but 'images' has " + id[0]);
            float[] s = MatFiles.toCOrder3(imgs);
            if (stimuli == null) {
                stimuli = s;
                images = id[0];
                h = id[1];
                w = id[2];
            } else if (images != id[0] || h != id[1] || w != id[2] || !java.util.Arrays.equals(stimuli, s)) {
                throw new BadInputException(f, "holds other images than " + files.get(0).getFileName() + " (every session must show the same images)");
            }
            float[][] a = new float[ad[0]][ad[1]];
            for (int i = 0; i < ad[0]; i++)
                for (int n = 0; n < ad[1]; n++) {
                    double v = activity.getDouble(i, n);
                    if (!Double.isFinite(v)) throw new BadInputException(f, "'activity' holds " + v + " at image " + (i + 1) + ", neuron " + (n + 1));
                    if (v < 0) throw new BadInputException(f, "'activity' holds a negative count at image " + (i + 1) + ", neuron " + (n + 1));
                    a[i][n] = (float) v;
                }
            activities.add(a);
            for (int n = 0; n < ad[1]; n++)
                neurons.add(new Neuron(String.format("s%s-n%02d", session, n + 1), session, Map.of("file", f.getFileName().toString())));
        }
        int total = neurons.size();
        float[] responses = new float[images * total];
        int offset = 0;
        for (float[][] a : activities) {
            for (int i = 0; i < images; i++)
                for (int n = 0; n < a[i].length; n++) responses[i * total + offset + n] = a[i][n];
            offset += a[0].length;
        }
        return Dataset.builder().name("pvc8-processed").source(source.toAbsolutePath().normalize().toString())
                .stimuli(stimuli, images, h, w).responses(responses, 1, total).neurons(neurons).windowSeconds(WINDOW_S)
                .note("origin", "CRCNS pvc-8 (Coen-Cagli, Kohn & Schwartz 2015), processed by Kindel, Christensen & Zylberberg (2019)")
                .note("repeats", "responses are trial means over 20 repeats; single trials are not in these files, so CC_max cannot be computed")
                .build();
    }
}
