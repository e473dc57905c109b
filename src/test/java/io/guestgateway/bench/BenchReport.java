package io.guestgateway.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The one table (figure, value, limit measured in the same run, ratio) as text, Markdown and JSON. */
final class BenchReport {

    private record Row(String figure, String value, String limit, String ratio) {}

    private final String title;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Object> figures = new LinkedHashMap<>();

    BenchReport(String title) {
        this.title = title;
    }

    BenchReport row(String figure, String value, String limit, String ratio) {
        rows.add(new Row(figure, value, limit == null ? "" : limit, ratio == null ? "" : ratio));
        return this;
    }

    BenchReport note(String text) {
        notes.add(text);
        return this;
    }

    BenchReport figure(String key, Object value) {
        figures.put(key, value);
        return this;
    }

    static String ratio(double value, double limit) {
        return limit > 0 ? String.format(Locale.ROOT, "%.0f%%", 100 * value / limit) : "n/a";
    }

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f/s", perSecond);
    }

    static String mb(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%,.0f MB", bytes / 1e6);
    }

    String text() {
        int[] w = {6, 5, 5, 5};
        for (Row r : rows) {
            w[0] = Math.max(w[0], r.figure.length());
            w[1] = Math.max(w[1], r.value.length());
            w[2] = Math.max(w[2], r.limit.length());
            w[3] = Math.max(w[3], r.ratio.length());
        }
        String fmt = "%-" + w[0] + "s | %" + w[1] + "s | %-" + w[2] + "s | %" + w[3] + "s%n";
        StringBuilder out = new StringBuilder(title).append(System.lineSeparator());
        out.append(String.format(Locale.ROOT, fmt, "figure", "value", "limit (same run)", "ratio"));
        out.append("-".repeat(w[0] + w[1] + w[2] + w[3] + 9)).append(System.lineSeparator());
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT, fmt, r.figure, r.value, r.limit, r.ratio));
        }
        notes.forEach(n -> out.append("  ").append(n).append(System.lineSeparator()));
        return out.toString();
    }

    String markdown() {
        StringBuilder out = new StringBuilder("### ").append(title).append("\n\n");
        out.append("| figure | value | limit (same run) | ratio |\n|---|---:|---|---:|\n");
        for (Row r : rows) {
            out.append("| ").append(r.figure).append(" | ").append(r.value).append(" | ").append(r.limit)
                    .append(" | ").append(r.ratio).append(" |\n");
        }
        out.append('\n');
        notes.forEach(n -> out.append("- ").append(n).append('\n'));
        return out.toString();
    }

    /** Writes {@code <name>.md} and {@code <name>.json} into {@code dir}; returns the two paths. */
    List<Path> write(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Path md = dir.resolve(name + ".md");
        Path json = dir.resolve(name + ".json");
        Files.writeString(md, markdown());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), figures);
        return List.of(md, json);
    }
}
