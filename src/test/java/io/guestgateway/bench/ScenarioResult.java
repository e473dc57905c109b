package io.guestgateway.bench;

import java.util.Locale;

/** One resilience scenario's verdict, the figures behind it and the frames it sent into the shared gateway. */
record ScenarioResult(String name, boolean passed, double seconds, String figures, long sent) {

    ScenarioResult(String name, boolean passed, double seconds, String figures) {
        this(name, passed, seconds, figures, 0);
    }

    String line() {
        return String.format(Locale.ROOT, "%s  %-34s %5.1f s  %s", passed ? "PASS" : "FAIL", name, seconds, figures);
    }
}
