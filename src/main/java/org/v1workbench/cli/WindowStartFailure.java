package org.v1workbench.cli;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells, from what JavaFX throws when its window cannot start, what this machine lacks and how
 * to get it, in one line: a first-time user on a Linux machine without GTK 3 otherwise sees
 * "internal error" and thirty lines of stack trace ending in glass's "Unable to load glass GTK
 * library". The headless commands need none of it, so the line says that too.
 */
final class WindowStartFailure {
    private WindowStartFailure() {}

    /** System libraries JavaFX's window loads on Linux, and the Debian/Ubuntu packages that hold them. */
    static final Map<String, String> DEBIAN_PACKAGES = Map.of(
            "libgtk-3.so.0", "libgtk-3-0",
            "libgdk-3.so.0", "libgtk-3-0",
            "libXtst.so.6", "libxtst6",
            "libXxf86vm.so.1", "libxxf86vm1",
            "libGL.so.1", "libgl1",
            "libX11.so.6", "libx11-6",
            "libfreetype.so.6", "libfreetype6",
            "libpangoft2-1.0.so.0", "libpango-1.0-0",
            "libgthread-2.0.so.0", "libglib2.0-0");

    private static final String COMMANDS_STILL_RUN = "; the commands (see --help) run without it";

    /** A native library named in a loader's message: "libXtst.so.6: cannot open shared object file". */
    private static final Pattern MISSING_LIBRARY = Pattern.compile("(lib[A-Za-z0-9_+.-]*\\.so(?:\\.[0-9]+)*): cannot open shared object file");

    /**
     * The line to print for {@code failure} (anywhere in its cause chain), or null where it is not
     * a missing native library or display (then it is a bug, reported as one).
     */
    static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            Matcher lib = MISSING_LIBRARY.matcher(m);
            if (t instanceof UnsatisfiedLinkError && lib.find()) return missingLibrary(lib.group(1));
            if (t instanceof UnsupportedOperationException && m.startsWith("Unable to load glass GTK library"))
                return missingLibrary("libgtk-3.so.0");
            if (t instanceof UnsupportedOperationException && m.startsWith("Unable to open DISPLAY"))
                return "the window needs a display, and none could be opened (DISPLAY is "
                        + (System.getenv("DISPLAY") == null || System.getenv("DISPLAY").isEmpty() ? "not set" : "'" + System.getenv("DISPLAY") + "'")
                        + "): start it in a desktop session, or over ssh -X" + COMMANDS_STILL_RUN;
        }
        return null;
    }

    private static String missingLibrary(String soname) {
        String what = soname.startsWith("libgtk-3") || soname.startsWith("libgdk-3") ? "GTK 3 (" + soname + ")" : "the system library " + soname;
        String pkg = DEBIAN_PACKAGES.get(soname);
        String install = pkg != null
                ? "install it with: sudo apt-get install " + pkg + " (Debian/Ubuntu" + (pkg.equals("libgtk-3-0") ? "; Fedora: sudo dnf install gtk3)" : ")")
                : "install the package that provides it (Debian/Ubuntu: apt-file search " + soname + ")";
        return "the window needs " + what + ", which is not installed: " + install + COMMANDS_STILL_RUN;
    }
}
