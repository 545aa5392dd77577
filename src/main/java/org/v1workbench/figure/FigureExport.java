package org.v1workbench.figure;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;
import org.v1workbench.data.AtomicFiles;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@link Figure} to PNG (with its resolution in the pHYs chunk, so that layout programs
 * place it at its physical size), SVG (JFreeSVG, text as Unicode text) or PDF (PDFBox, text as text in
 * an embedded subset of DejaVu Sans: {@link EmbeddedFonts}). Files are written through a
 * temporary sibling: a failed export leaves no partial file. Works with no display.
 */
public final class FigureExport {
    private FigureExport() {}

    /** Writes {@code figure} to {@code file} in the format its extension names. */
    public static void write(Figure figure, FigureSize size, Path file) throws IOException {
        write(figure, FigureFormat.of(file), size, file);
    }

    public static void write(Figure figure, FigureFormat format, FigureSize size, Path file) throws IOException {
        writeBytes(file, drawn(figure, format, size, titleOf(file)).get());
    }

    /**
     * Draws {@code figure} now, on the calling thread, and returns what encodes it (a PNG's
     * compression) when asked: the window draws its figures on the JavaFX thread, where their
     * charts live (drawing a chart on another thread while the window draws it failed once with a
     * ConcurrentModificationException), and encodes and writes them in the background.
     */
    public static java.util.function.Supplier<byte[]> drawn(Figure figure, FigureFormat format, FigureSize size, String title) {
        return switch (format) {
            case PNG -> {
                BufferedImage img = render(figure, size);
                yield () -> png(img, size.dpi());
            }
            case SVG -> {
                byte[] b = svg(figure, size).getBytes(StandardCharsets.UTF_8);
                yield () -> b;
            }
            case PDF -> {
                byte[] b = pdf(figure, size, title);
                yield () -> b;
            }
        };
    }

    /** Writes {@code bytes} to {@code file} atomically (a temporary file, then a rename). */
    public static void writeBytes(Path file, byte[] bytes) throws IOException {
        AtomicFiles.writeFile(file, tmp -> Files.write(tmp, bytes));
    }

    /** The figure rendered to {@code size.widthPx() x size.heightPx()} pixels on white. */
    public static BufferedImage render(Figure figure, FigureSize size) {
        BufferedImage img = new BufferedImage(size.widthPx(), size.heightPx(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            hints(g);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.scale(img.getWidth() / size.widthPt(), img.getHeight() / size.heightPt());
            figure.draw(g, new Rectangle2D.Double(0, 0, size.widthPt(), size.heightPt()));
        } finally {
            g.dispose();
        }
        return img;
    }

    /** PNG bytes of {@code image}, with a pHYs chunk that records {@code dpi}. */
    public static byte[] png(BufferedImage image, int dpi) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
             ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
            String ppm = Long.toString(Math.round(dpi / 0.0254));
            IIOMetadataNode phys = new IIOMetadataNode("pHYs");
            phys.setAttribute("pixelsPerUnitXAxis", ppm);
            phys.setAttribute("pixelsPerUnitYAxis", ppm);
            phys.setAttribute("unitSpecifier", "meter");
            IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
            root.appendChild(phys);
            meta.mergeTree("javax_imageio_png_1.0", root);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, meta), param);
            out.flush();
            return bytes.toByteArray();
        } catch (IIOInvalidTreeException e) {
            throw new IllegalStateException("PNG metadata rejected: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    /**
     * The font-family list an SVG names for a Java font family: DejaVu Sans first for the
     * sans-serif families the figures use (the font PDF export embeds, with every character the
     * labels use), then the generic family, so that a viewer without DejaVu Sans still finds a
     * sans-serif font. SVG text is Unicode text either way.
     */
    static final java.util.function.Function<String, String> SVG_FONTS = family -> {
        String standard = new org.jfree.svg.StandardFontFunction().apply(family);
        return "sans-serif".equals(standard) || "DejaVu Sans".equals(family) ? "DejaVu Sans, sans-serif" : standard;
    };

    /** An SVG document whose size is given in points (a viewBox maps one user unit to one point). */
    public static String svg(Figure figure, FigureSize size) {
        SVGGraphics2D g = new SVGGraphics2D(size.widthPt(), size.heightPt(), org.jfree.svg.SVGUnits.PT);
        g.setFontFunction(SVG_FONTS);
        hints(g);
        figure.draw(g, new Rectangle2D.Double(0, 0, size.widthPt(), size.heightPt()));
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + g.getSVGElement(null, true, new ViewBox(0, 0, size.widthPt(), size.heightPt()), null, null) + "\n";
    }

    /**
     * A one-page PDF of the figure's size in points. Text is written as text in DejaVu Sans,
     * embedded as a subset ({@link EmbeddedFonts}), so "±", "×", "°", "·" and superscripts survive
     * and the text can be searched and edited.
     */
    public static byte[] pdf(Figure figure, FigureSize size, String title) {
        float w = (float) size.widthPt(), h = (float) size.heightPt();
        try (PDDocument doc = new PDDocument(); EmbeddedFonts fonts = new EmbeddedFonts()) {
            doc.getDocumentInformation().setTitle(title);
            doc.getDocumentInformation().setAuthor("V1 Workbench");
            doc.getDocumentInformation().setCreator("V1 Workbench");
            PDPage page = new PDPage(new PDRectangle(w, h));
            doc.addPage(page);
            PdfBoxGraphics2D g = new PdfBoxGraphics2D(doc, w, h);
            g.setFontTextDrawer(fonts);
            try {
                hints(g);
                figure.draw(g, new Rectangle2D.Double(0, 0, size.widthPt(), size.heightPt()));
            } finally {
                g.dispose();
            }
            PDFormXObject form = g.getXFormObject();
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.drawForm(form);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void hints(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    }

    /** The title a PDF export records: the file's name without its extension. */
    public static String titleOf(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
