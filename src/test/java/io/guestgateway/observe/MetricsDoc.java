package io.guestgateway.observe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metrics table of docs/metrics.md, read the way the tests need it: the series names of each
 * row and the label matchers ({@code outcome="routed"}) or bare label names ({@code le}) it shows.
 */
record MetricsDoc(List<Row> rows) {

    static final Path FILE = Path.of("docs/metrics.md");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    record Row(List<String> names, List<String> labels) {}

    static MetricsDoc read() {
        List<Row> rows = new ArrayList<>();
        boolean inSection = false;
        try {
            for (String line : Files.readAllLines(FILE)) {
                if (line.startsWith("## ")) {
                    inSection = line.equals("## Metrics");
                } else if (inSection && line.startsWith("| `")) {
                    String[] cells = line.split("\\|");
                    // cells[0] is empty (the line starts with '|'): name, type, labels, meaning
                    rows.add(new Row(codes(cells[1]), codes(cells[3])));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MetricsDoc(List.copyOf(rows));
    }

    /** Every series name the table documents. */
    Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        rows.forEach(row -> names.addAll(row.names()));
        return names;
    }

    private static List<String> codes(String cell) {
        List<String> found = new ArrayList<>();
        Matcher m = CODE.matcher(cell);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    static boolean isName(String text) {
        return NAME.matcher(text).matches();
    }
}
