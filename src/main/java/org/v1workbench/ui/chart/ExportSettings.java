package org.v1workbench.ui.chart;

import org.v1workbench.figure.FigureFormat;
import org.v1workbench.figure.FigureSize;
import org.v1workbench.ui.common.WorkbenchPrefs;

import java.util.Locale;

/** The choices of the export dialog, remembered between exports. */
public record ExportSettings(FigureFormat format, double widthMm, double heightMm, int dpi) {
    public static final ExportSettings DEFAULT = new ExportSettings(FigureFormat.PNG, 170, 100, 300);

    public FigureSize size() {
        return FigureSize.millimetres(widthMm, heightMm, dpi);
    }

    static ExportSettings load(WorkbenchPrefs prefs) {
        try {
            return new ExportSettings(FigureFormat.valueOf(prefs.get("export.format", DEFAULT.format.name())),
                    Double.parseDouble(prefs.get("export.widthMm", Double.toString(DEFAULT.widthMm))),
                    Double.parseDouble(prefs.get("export.heightMm", Double.toString(DEFAULT.heightMm))),
                    Integer.parseInt(prefs.get("export.dpi", Integer.toString(DEFAULT.dpi))));
        } catch (RuntimeException e) {
            return DEFAULT;
        }
    }

    void save(WorkbenchPrefs prefs) {
        prefs.put("export.format", format.name());
        prefs.put("export.widthMm", String.format(Locale.ROOT, "%.1f", widthMm));
        prefs.put("export.heightMm", String.format(Locale.ROOT, "%.1f", heightMm));
        prefs.put("export.dpi", Integer.toString(dpi));
    }
}
