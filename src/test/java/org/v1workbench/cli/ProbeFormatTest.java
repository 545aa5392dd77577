package org.v1workbench.cli;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.data.DatasetFolder;
import org.v1workbench.model.PlantedData;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** {@code probe --format png|svg|pdf}: every figure in the format asked for, text kept as text. */
class ProbeFormatTest {
    @TempDir
    static Path dir;
    static Path exp;

    static final List<String> FIGURES = List.of("receptive-fields", "tuning-curves", "most-exciting-inputs", "f1-f0-histogram");

    @BeforeAll
    static void train() throws Exception {
        Path data = dir.resolve("sim");
        DatasetFolder.write(PlantedData.make(100, 16, 4, 2, 3).dataset(), data);
        exp = dir.resolve("exp");
        CliRunner.Result r = CliRunner.run("train", "--data", data.toString(), "--model", "core-readout", "--out", exp.toString(),
                "--seed", "2", "--max-epochs", "1", "--set", "filters=4", "--set", "first_size=5", "--set", "layers=2",
                "--set", "batch_size=32");
        assertEquals(0, r.status(), r.err());
        r = CliRunner.run("evaluate", "--experiment", exp.toString());
        assertEquals(0, r.status(), r.err());
    }

    static CliRunner.Result probe(Path out, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("probe", "--experiment", exp.toString(), "--out", out.toString(),
                "--gradient-images", "8", "--noise-images", "100", "--orientations", "4", "--phases", "4",
                "--spatial-freqs", "0.1,0.2", "--mei-steps", "2", "--mei-neurons", "1", "--neurons", "2"));
        args.addAll(List.of(more));
        return CliRunner.run(args.toArray(String[]::new));
    }

    static List<String> extensions(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches(".*\\.(png|svg|pdf)")).sorted().toList();
        }
    }

    @Test
    void pdfFiguresEmbedTheirFontsAndKeepTheDegreeSign() throws Exception {
        Path out = dir.resolve("p-pdf");
        CliRunner.Result r = probe(out, "--format", "pdf");
        assertEquals(0, r.status(), r.err());
        List<String> files = extensions(out);
        for (String f : FIGURES) assertTrue(files.contains(f + ".pdf"), f + ".pdf written: " + files);
        assertTrue(files.stream().allMatch(n -> n.endsWith(".pdf")), "no PNG beside the PDFs: " + files);
        for (String name : files) {
            try (PDDocument doc = Loader.loadPDF(out.resolve(name).toFile())) {
                List<PDFont> fonts = org.v1workbench.figure.PdfFonts.of(doc);
                for (PDFont font : fonts) assertTrue(font.isEmbedded(), name + ": font embedded: " + font.getName());
                String text = new PDFTextStripper().getText(doc);
                if (!name.startsWith("filters")) {
                    assertFalse(fonts.isEmpty(), name + ": text drawn with a font");
                    assertFalse(text.isBlank(), name + ": text kept as text");
                }
                if (name.startsWith("tuning-curves")) {
                    assertTrue(text.contains("°"), "the tuning figure's caption keeps '°': " + text);
                    assertTrue(text.contains("Grating tuning at each neuron's receptive field"), text);
                }
            }
        }
    }

    @Test
    void svgFiguresKeepTheDegreeSign() throws Exception {
        Path out = dir.resolve("p-svg");
        CliRunner.Result r = probe(out, "--format", "SVG");
        assertEquals(0, r.status(), r.err());
        List<String> files = extensions(out);
        for (String f : FIGURES) assertTrue(files.contains(f + ".svg"), f + ".svg written: " + files);
        assertTrue(files.stream().allMatch(n -> n.endsWith(".svg")), files.toString());
        String svg = Files.readString(out.resolve("tuning-curves.svg"), StandardCharsets.UTF_8);
        assertTrue(svg.contains("0° horizontal"), "the caption as Unicode text");
        assertTrue(svg.contains("DejaVu Sans"), "DejaVu Sans named");
    }

    @Test
    void pngIsTheDefaultAndAnUnknownFormatIsRefused() throws Exception {
        Path out = dir.resolve("p-png");
        CliRunner.Result r = probe(out);
        assertEquals(0, r.status(), r.err());
        List<String> files = extensions(out);
        for (String f : FIGURES) assertTrue(files.contains(f + ".png"), f + ".png written: " + files);
        assertTrue(files.stream().allMatch(n -> n.endsWith(".png")), files.toString());

        Path bad = dir.resolve("p-gif");
        r = CliRunner.run("probe", "--experiment", exp.toString(), "--out", bad.toString(), "--format", "gif");
        assertNotEquals(0, r.status());
        assertTrue(r.err().contains("--format must be png, svg or pdf"), r.err());
        assertFalse(Files.exists(bad), "nothing written");
    }
}
