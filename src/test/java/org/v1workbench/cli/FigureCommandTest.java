package org.v1workbench.cli;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.data.Csv;
import org.v1workbench.data.DatasetFolder;
import org.v1workbench.model.PlantedData;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code figure}: the window's figures of a trained experiment from the command line, in the
 * format and at the size asked for, their numbers the experiment's own.
 */
class FigureCommandTest {
    @TempDir
    static Path dir;
    static Path exp;
    static Map<String, String> best;

    @BeforeAll
    static void train() throws Exception {
        Path data = dir.resolve("sim");
        DatasetFolder.write(PlantedData.make(100, 16, 4, 2, 3).dataset(), data);
        exp = dir.resolve("exp");
        CliRunner.Result r = CliRunner.run("train", "--data", data.toString(), "--model", "core-readout", "--out", exp.toString(),
                "--seed", "2", "--max-epochs", "2", "--set", "filters=4", "--set", "first_size=5", "--set", "layers=2",
                "--set", "batch_size=32");
        assertEquals(0, r.status(), r.err());
        // the neuron the command picks by default: the highest CC_norm in the experiment's own scores
        best = Csv.read(exp.resolve("scores.csv")).rows().stream()
                .max(java.util.Comparator.comparingDouble(m -> Double.parseDouble(m.get("cc_norm")))).orElseThrow();
    }

    @Test
    void everyPanelAsPdfWithEmbeddedFontsAtItsSizeAndTheExperimentsNumbers() throws Exception {
        Path out = dir.resolve("all-pdf");
        CliRunner.Result r = CliRunner.run("figure", "--experiment", exp.toString(), "--panel", "all", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        String id = best.get("neuron");
        assertTrue(r.err().contains("neuron " + id + " (the highest CC_norm"), r.err());
        List<String> files;
        try (Stream<Path> s = Files.list(out)) {
            files = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        for (String panel : FigureCommand.PANELS.keySet()) {
            String name = (FigureCommand.perNeuron(panel) ? id + "-" : "") + panel + ".pdf";
            assertTrue(files.contains(name), name + " written: " + files);
            try (PDDocument doc = Loader.loadPDF(out.resolve(name).toFile())) {
                for (PDFont font : org.v1workbench.figure.PdfFonts.of(doc)) assertTrue(font.isEmbedded(), name + ": " + font.getName());
                PDRectangle box = doc.getPage(0).getMediaBox();
                double[] mm = FigureCommand.PANELS.get(panel);
                assertEquals(mm[0] / 25.4 * 72, box.getWidth(), 0.01, name + ": width of the panel's default in mm");
                if (mm[1] > 0) assertEquals(mm[1] / 25.4 * 72, box.getHeight(), 0.01, name + ": height");
                String text = new PDFTextStripper().getText(doc);
                switch (panel) {
                    case "predicted-vs-recorded" -> {
                        // the scatter's scores are the experiment's scores.csv, independently written by train
                        for (String[] k : new String[][]{{"cc_abs", "CC_abs"}, {"cc_norm", "CC_norm"}}) {
                            String shown = k[1] + " " + String.format(Locale.ROOT, "%.3f", Double.parseDouble(best.get(k[0])));
                            assertTrue(text.contains(shown), shown + " in: " + text);
                        }
                        assertTrue(text.contains(id), text);
                    }
                    case "receptive-field" -> {
                        // the inspector's scale line: "scale ±1.37×10⁻³ Hz/grey level"
                        assertTrue(text.contains("±"), text);
                        assertTrue(text.matches("(?s).*×10[⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+.*"), "a power of ten with superscripts: " + text);
                    }
                    case "filters" -> assertTrue(java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC)
                            .contains("Each filter scaled to its own max"), "the grid's caption as text (vector): " + text);
                    case "tuning" -> assertTrue(text.contains("Orientation tuning") && text.contains("Spatial-frequency tuning"), text);
                    case "training-curves" -> assertTrue(text.contains("Training and validation loss") && text.contains("epoch"), text);
                    default -> { }
                }
            }
        }
    }

    @Test
    void pngAtTheSizeAndResolutionAsked() throws Exception {
        Path png = dir.resolve("one/scatter.png");
        CliRunner.Result r = CliRunner.run("figure", "--experiment", exp.toString(), "--panel", "predicted-vs-recorded",
                "--neuron", best.get("neuron"), "--out", png.toString(), "--width-mm", "50", "--height-mm", "40", "--dpi", "200");
        assertEquals(0, r.status(), r.err());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(Math.round(50 / 25.4 * 200), img.getWidth());
        assertEquals(Math.round(40 / 25.4 * 200), img.getHeight());
        assertTrue(r.out().contains("50 x 40 mm, 394 x 315 px at 200 DPI"), r.out());
    }

    @Test
    void svgKeepsTextAsUnicodeText() throws Exception {
        Path svg = dir.resolve("curves.svg");
        CliRunner.Result r = CliRunner.run("figure", "--experiment", exp.toString(), "--panel", "training-curves", "--out", svg.toString());
        assertEquals(0, r.status(), r.err());
        String s = Files.readString(svg, StandardCharsets.UTF_8);
        assertTrue(s.contains(">Training and validation loss<"), "title as SVG text");
        assertTrue(s.contains("\u00B7"), "the subtitle's middle dot as a character");
    }

    @Test
    void badRequestsSayWhatIsWrongInOneLine() throws Exception {
        CliRunner.Result r = CliRunner.run("figure", "--experiment", exp.toString(), "--panel", "scatter", "--out", dir.resolve("x.pdf").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--panel must be one of predicted-vs-recorded"), r.err());
        r = CliRunner.run("figure", "--experiment", exp.toString(), "--panel", "predicted-vs-recorded", "--neuron", "nope",
                "--out", dir.resolve("x.pdf").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("has no neuron 'nope'"), r.err());
        assertFalse(Files.exists(dir.resolve("x.pdf")), "nothing written");
        r = CliRunner.run("figure", "--experiment", exp.toString(), "--panel", "tuning", "--out", dir.resolve("x.png").toString(),
                "--format", "pdf");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("the extension says png but --format says pdf"), r.err());
    }
}
