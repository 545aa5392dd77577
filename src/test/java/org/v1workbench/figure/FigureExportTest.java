package org.v1workbench.figure;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.data.BadInputException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class FigureExportTest {
    @TempDir
    Path dir;

    static JFreeChart chart() {
        List<String> ids = List.of("a", "b", "c");
        double[][] rep = {{1, 2, 3}, {4, 5, Double.NaN}, {0, 0, 1}};
        double[] mean = {2, 4.5, 1 / 3.0};
        return ChartStyle.PRINT.apply(ResponseCharts.imageResponse("image 3", "3 neurons", ids, mean, rep, "Hz"));
    }

    @Test
    void pngHasRequestedSizeAndResolution() throws Exception {
        Path f = dir.resolve("chart.png");
        FigureExport.write(Figure.of(chart()), FigureSize.pixels(900, 600, 300), f);
        BufferedImage img = ImageIO.read(f.toFile());
        assertNotNull(img, "PNG decodes");
        assertEquals(900, img.getWidth());
        assertEquals(600, img.getHeight());
        assertTrue(distinctColours(img) > 10, "the chart drew something, not a blank image");

        try (ImageInputStream in = ImageIO.createImageInputStream(f.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            IIOMetadata meta = reader.getImageMetadata(0);
            Element root = (Element) meta.getAsTree("javax_imageio_png_1.0");
            Element phys = (Element) root.getElementsByTagName("pHYs").item(0);
            assertNotNull(phys, "pHYs chunk written");
            assertEquals("meter", phys.getAttribute("unitSpecifier"));
            long ppm = Long.parseLong(phys.getAttribute("pixelsPerUnitXAxis"));
            assertEquals(300, ppm * 0.0254, 0.01, "300 DPI recorded as pixels per metre");
        }
    }

    @Test
    void millimetreSizeGivesPixelsAtDpi() {
        FigureSize s = FigureSize.millimetres(85, 60, 600);
        assertEquals(Math.round(85 / 25.4 * 600), s.widthPx());
        assertEquals(Math.round(60 / 25.4 * 600), s.heightPx());
        assertEquals(85, s.widthMm(), 1e-9);
        assertThrows(BadInputException.class, () -> FigureSize.pixels(100, 100, 10));
        assertThrows(BadInputException.class, () -> FigureSize.millimetres(2000, 100, 2400));
    }

    @Test
    void svgIsXmlWithSvgRootAndPointSize() throws Exception {
        Path f = dir.resolve("chart.svg");
        FigureExport.write(Figure.of(chart()), FigureSize.millimetres(120, 80, 300), f);
        assertTrue(Files.size(f) > 1000);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(f.toFile());
        Element root = doc.getDocumentElement();
        assertEquals("svg", root.getLocalName() == null ? root.getTagName() : root.getLocalName());
        assertTrue(root.getAttribute("width").endsWith("pt"), "width in points: " + root.getAttribute("width"));
        double w = Double.parseDouble(root.getAttribute("width").replace("pt", ""));
        assertEquals(120 / 25.4 * 72, w, 0.01);
        String text = Files.readString(f);
        assertTrue(text.contains("image 3"), "the title is text in the SVG");
        assertTrue(text.contains(">rate (Hz)<"), "the vertical axis label, rotated, is text too (not glyph outlines)");
        assertTrue(text.contains("sans-serif"), "a sans-serif font");
    }

    @Test
    void pdfIsAPdf() throws Exception {
        Path f = dir.resolve("chart.pdf");
        FigureExport.write(Figure.of(chart()), FigureSize.millimetres(120, 80, 300), f);
        byte[] b = Files.readAllBytes(f);
        assertTrue(b.length > 1000);
        String head = new String(b, 0, 5, StandardCharsets.ISO_8859_1);
        assertEquals("%PDF-", head);
        String tail = new String(b, b.length - 8, 8, StandardCharsets.ISO_8859_1).trim();
        assertTrue(tail.endsWith("%%EOF"), "ends with %%EOF: " + tail);
        try (PDDocument doc = Loader.loadPDF(f.toFile())) {
            assertEquals(1, doc.getNumberOfPages());
            PDRectangle box = doc.getPage(0).getMediaBox();
            assertEquals(120 / 25.4 * 72, box.getWidth(), 0.01, "page width in points");
            assertEquals(80 / 25.4 * 72, box.getHeight(), 0.01, "page height in points");
            assertEquals("chart", doc.getDocumentInformation().getTitle(), "the file's name as title");
        }
    }

    /** A chart whose title and axis label use the characters the inspector's labels use. */
    static JFreeChart symbolChart() {
        List<String> ids = List.of("a", "b", "c");
        double[][] rep = {{1, 2, 3}, {4, 5, 6}, {0, 0, 1}};
        double[] mean = {2, 5, 1 / 3.0};
        return ChartStyle.PRINT.apply(ResponseCharts.imageResponse(
                "scale ±4.67×10⁻³ · 20°", "3 neurons · 10 repeats", ids, mean, rep, "Hz"));
    }

    static final String[] SYMBOLS = {"±", "×", "°", "·", "⁻³"};

    @Test
    void pdfEmbedsItsFontsAndKeepsTheSymbolsAsText() throws Exception {
        Path f = dir.resolve("symbols.pdf");
        FigureExport.write(Figure.of(symbolChart()), FigureSize.millimetres(120, 80, 300), f);
        try (PDDocument doc = Loader.loadPDF(f.toFile())) {
            List<PDFont> fonts = fonts(doc);
            assertFalse(fonts.isEmpty(), "text is drawn with fonts, not as outlines");
            for (PDFont font : fonts) {
                assertTrue(font.isEmbedded(), "font embedded: " + font.getName());
                assertTrue(font.getName().contains("DejaVuSans"), "DejaVu Sans, not a standard font: " + font.getName());
                assertTrue(font.getName().matches("[A-Z]{6}\\+.*"), "a subset (tag prefix): " + font.getName());
            }
            assertTrue(fonts.stream().anyMatch(x -> x.getName().contains("Bold")), "the bold title has the bold face");
            String text = new PDFTextStripper().getText(doc);
            for (String sym : SYMBOLS) assertTrue(text.contains(sym), "text holds " + sym + ": " + text.replace('\n', '|'));
            assertTrue(text.contains("scale ±4.67×10⁻³ · 20°"), "the title as one searchable string: " + text);
            assertTrue(text.replaceAll("\\s", "").contains("rate(Hz)"), "the rotated axis label is text too: " + text.replace('\n', '|'));
            assertFalse(text.contains("?"), "no character replaced by '?': " + text);
        }
    }

    private static List<PDFont> fonts(PDDocument doc) throws Exception {
        return PdfFonts.of(doc);
    }

    @Test
    void svgKeepsTheSymbolsAsTextAndNamesDejaVuSansFirst() throws Exception {
        Path f = dir.resolve("symbols.svg");
        FigureExport.write(Figure.of(symbolChart()), FigureSize.millimetres(120, 80, 300), f);
        String text = Files.readString(f, StandardCharsets.UTF_8);
        for (String sym : SYMBOLS) assertTrue(text.contains(sym), "SVG holds " + sym);
        assertTrue(text.contains("scale ±4.67×10⁻³ · 20°"), "the title as one text string");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("font-family: ?([^;\"]+)").matcher(text);
        assertTrue(m.find(), "the SVG names a font family");
        assertTrue(m.group(1).trim().startsWith("'DejaVu Sans'") || m.group(1).trim().startsWith("\"DejaVu Sans\"")
                || m.group(1).trim().startsWith("DejaVu Sans"), "DejaVu Sans named first: " + m.group(1));
    }

    @Test
    void unknownExtensionIsBadInput() {
        assertThrows(BadInputException.class, () -> FigureExport.write(Figure.of(chart()), FigureSize.pixels(10, 10, 72), dir.resolve("x.gif")));
        assertFalse(Files.exists(dir.resolve("x.gif")));
    }

    @Test
    void imageFigureKeepsPixelsSharp() throws Exception {
        float[] px = {0, 1, 1, 0};
        BufferedImage small = GreyImages.image(px, 2, 2, GreyImages.range(px));
        Path f = dir.resolve("img.png");
        FigureExport.write(Figure.of(small), FigureSize.pixels(200, 200, 72), f);
        BufferedImage img = ImageIO.read(f.toFile());
        assertEquals(0x000000, img.getRGB(50, 50) & 0xFFFFFF, "top-left pixel black");
        assertEquals(0xFFFFFF, img.getRGB(150, 50) & 0xFFFFFF, "top-right pixel white");
        assertEquals(0xFFFFFF, img.getRGB(50, 150) & 0xFFFFFF, "bottom-left pixel white");
        assertEquals(2, distinctColours(img), "nearest neighbour: no grey blur between pixels");
    }

    static int distinctColours(BufferedImage img) {
        java.util.Set<Integer> s = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) for (int x = 0; x < img.getWidth(); x += 2) s.add(img.getRGB(x, y));
        return s.size();
    }
}
