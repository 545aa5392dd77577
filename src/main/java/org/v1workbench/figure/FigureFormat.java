package org.v1workbench.figure;

import org.v1workbench.data.BadInputException;

import java.nio.file.Path;
import java.util.Locale;

/** The file formats a figure exports to: a bitmap for slides, two vector formats for journals. */
public enum FigureFormat {
    PNG("png", "PNG image"), SVG("svg", "SVG vector graphics"), PDF("pdf", "PDF document");

    private final String extension;
    private final String description;

    FigureFormat(String extension, String description) {
        this.extension = extension;
        this.description = description;
    }

    public String extension() {
        return extension;
    }

    public String description() {
        return description;
    }

    /** The format named by a file's extension ({@code .png}, {@code .svg}, {@code .pdf}). */
    public static FigureFormat of(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (FigureFormat f : values()) if (name.endsWith("." + f.extension)) return f;
        throw new BadInputException(file, "unknown figure format: the name must end in .png, .svg or .pdf");
    }
}
