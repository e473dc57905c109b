package io.guestgateway.bench;

import java.util.Locale;

/** One resilience scenario's verdict, the figures behind it and the frames it sent into the shared gateway. */
record ScenarioResult(String name, boolean passed, double seconds, String figures, long sent) {

    ScenarioResult(String name, boolean passed, double seconds, String figures) {
        this(name, passed, seconds, figures, 0);
    }

    private static final String SKIPPED = "skipped: ";

    /** A scenario this machine cannot run; it neither passes nor fails the suite. */
    static ScenarioResult skipped(String name, String why) {
        return new ScenarioResult(name, true, 0, SKIPPED + why);
    }

    String line() {
        String verdict = figures.startsWith(SKIPPED) ? "SKIP" : passed ? "PASS" : "FAIL";
        return String.format(Locale.ROOT, "%s  %-34s %5.1f s  %s", verdict, name, seconds, figures);
    }
}
