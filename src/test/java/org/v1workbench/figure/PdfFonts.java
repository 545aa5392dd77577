package org.v1workbench.figure;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;

import java.util.ArrayList;
import java.util.List;

/** The fonts a PDF's pages use, for tests that check they are embedded. */
public final class PdfFonts {
    private PdfFonts() {}

    public static List<PDFont> of(PDDocument doc) throws Exception {
        List<PDFont> out = new ArrayList<>();
        for (PDPage page : doc.getPages()) collect(page.getResources(), out, 0);
        return out;
    }

    /** The fonts of {@code res} and of the form XObjects it holds (the Graphics2D bridge draws into one). */
    private static void collect(PDResources res, List<PDFont> out, int depth) throws Exception {
        if (res == null || depth > 8) return;
        for (COSName n : res.getFontNames()) out.add(res.getFont(n));
        for (COSName n : res.getXObjectNames()) {
            PDXObject x = res.getXObject(n);
            if (x instanceof PDFormXObject form) collect(form.getResources(), out, depth + 1);
        }
    }
}
