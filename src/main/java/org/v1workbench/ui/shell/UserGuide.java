package org.v1workbench.ui.shell;

import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.v1workbench.data.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The user guide that Help > User guide opens: the pages of {@code docs/}, bundled in the jar at
 * build time (so an installed workbench has them), rendered to HTML in the user's data folder
 * and opened in the system browser. Links between pages are rewritten from {@code .md} to
 * {@code .html}; links that leave the guide (the README, the source) point at nothing bundled and
 * are left as they are. No JavaFX here.
 */
public final class UserGuide {
    /** The pages, in the order of the guide's index; the first is the index. */
    public static final List<String> PAGES = List.of("user-guide", "window", "command-line", "figures", "distributed", "spark-cluster", "data-formats",
            "two-photon", "metrics", "probes", "probes-validation", "tutorials", "benchmarks", "developer-guide", "sensorium-spec");
    static final String RESOURCES = "/org/v1workbench/docs/";

    private UserGuide() {}

    /** Where the guide is written: {@code ~/v1-workbench/guide/VERSION/}, beside the errors log. */
    public static Path defaultFolder(String version) {
        return Path.of(System.getProperty("user.home"), "v1-workbench", "guide", version.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    /** The pages bundled in this build (the guide's pages that are there, in order). */
    public static List<String> bundledPages() {
        List<String> out = new ArrayList<>();
        for (String p : PAGES) if (UserGuide.class.getResource(RESOURCES + p + ".md") != null) out.add(p);
        return out;
    }

    /** Writes every bundled page as HTML into {@code folder} and returns the index page's file. */
    public static Path writeHtml(Path folder) throws IOException {
        List<String> pages = bundledPages();
        if (pages.isEmpty()) throw new IOException("this build has no user guide bundled (docs/*.md missing from the jar)");
        Files.createDirectories(folder);
        List<Extension> ext = List.of(TablesExtension.create(), HeadingAnchorExtension.create());
        Parser parser = Parser.builder().extensions(ext).build();
        HtmlRenderer html = HtmlRenderer.builder().extensions(ext).build();
        for (String page : pages) {
            String md;
            try (InputStream in = UserGuide.class.getResourceAsStream(RESOURCES + page + ".md")) {
                md = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Node doc = parser.parse(md);
            doc.accept(new AbstractVisitor() {
                @Override
                public void visit(Link link) {
                    link.setDestination(toHtml(link.getDestination()));
                    visitChildren(link);
                }
            });
            String body = html.render(doc);
            String title = md.lines().filter(l -> l.startsWith("# ")).findFirst().map(l -> l.substring(2).trim()).orElse(page);
            String out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                    + " - V1 Workbench</title>\n<style>" + STYLE + "</style></head>\n<body><nav><a href=\"user-guide.html\">User guide</a></nav>\n"
                    + body + "</body></html>\n";
            AtomicFiles.writeFile(folder.resolve(page + ".html"), tmp -> Files.writeString(tmp, out, StandardCharsets.UTF_8));
        }
        return folder.resolve(pages.get(0) + ".html");
    }

    /** {@code figures.md#formats} to {@code figures.html#formats}; other links unchanged. */
    static String toHtml(String destination) {
        if (destination == null || destination.contains("://") || destination.startsWith("#") || destination.contains("/")) return destination;
        int hash = destination.indexOf('#');
        String file = hash < 0 ? destination : destination.substring(0, hash), anchor = hash < 0 ? "" : destination.substring(hash);
        return file.endsWith(".md") ? file.substring(0, file.length() - 3) + ".html" + anchor : destination;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static final String STYLE = "body{font-family:'DejaVu Sans',sans-serif;max-width:60em;margin:2em auto;padding:0 1em;line-height:1.45;color:#202020}"
            + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25em .5em;vertical-align:top}"
            + "code,pre{font-family:'DejaVu Sans Mono',monospace;background:#f4f4f4}pre{padding:.6em;overflow-x:auto}"
            + "nav{font-size:.9em;margin-bottom:1em}";

    /** The text "Report a problem" gives to copy: the version lines, the errors log and the system. */
    public static String problemReport(List<String> versionLines, Path errorsLog) {
        StringBuilder b = new StringBuilder();
        for (String v : versionLines) b.append(v).append('\n');
        b.append("Errors log: ").append(errorsLog.toAbsolutePath()).append(Files.exists(errorsLog) ? "" : " (no errors logged yet)").append('\n');
        b.append("System: ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version")).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(Runtime.getRuntime().maxMemory() >> 20).append(" MB heap\n");
        return b.toString();
    }
}
