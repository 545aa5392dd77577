package org.v1workbench.figure;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DFontTextDrawer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.awt.Font;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The fonts a PDF export embeds: DejaVu Sans and DejaVu Sans Bold (Bitstream Vera licence, free
 * to redistribute; resources {@code org/v1workbench/figure/fonts/}, with their LICENSE), which
 * have every character the figures' labels use ("·", "±", "×", "°", "⁻³", Greek). Every Java
 * font a figure draws with maps to one of the two (bold to bold, anything else to the regular
 * face), embedded as a subset of the glyphs used, so the PDF's text stays text.
 *
 * <p>One instance per document: the drawer loads each face into its document when first used.
 */
final class EmbeddedFonts extends PdfBoxGraphics2DFontTextDrawer {
    static final String REGULAR = "fonts/DejaVuSans.ttf", BOLD = "fonts/DejaVuSans-Bold.ttf";
    private static volatile byte[] regularBytes, boldBytes;

    private PDDocument document;
    private PDFont regular, bold;

    @Override
    protected boolean hasDynamicFontMapping() {
        return true;
    }

    @Override
    protected PDFont mapFont(Font font, IFontTextDrawerEnv env) throws IOException {
        PDDocument doc = env.getDocument();
        if (doc != document) {
            document = doc;
            regular = bold = null;
        }
        if (font.isBold()) {
            if (bold == null) bold = PDType0Font.load(doc, new ByteArrayInputStream(bytes(true)), true);
            return bold;
        }
        if (regular == null) regular = PDType0Font.load(doc, new ByteArrayInputStream(bytes(false)), true);
        return regular;
    }

    /** The TrueType file of the regular or bold face. */
    static byte[] bytes(boolean boldFace) {
        byte[] b = boldFace ? boldBytes : regularBytes;
        if (b == null) {
            String name = boldFace ? BOLD : REGULAR;
            try (InputStream in = EmbeddedFonts.class.getResourceAsStream(name)) {
                if (in == null) throw new IllegalStateException("font resource missing: " + name);
                b = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (boldFace) boldBytes = b; else regularBytes = b;
        }
        return b;
    }
}
