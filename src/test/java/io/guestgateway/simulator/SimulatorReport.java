package io.guestgateway.simulator;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one run sent.
 *
 * @param sent          frames by kind
 * @param conversations distinct conversation ids in guest, bot and outbound frames
 * @param fingerprints  distinct fingerprints (guests and bots)
 * @param elapsed       from the first frame to the last one written
 * @param seed          the seed, to repeat the run
 * @param expectRouted  conversations a gateway with its default flood limit routes from this run
 */
public record SimulatorReport(Map<SimulatedFrameKind, Long> sent, long conversations, long fingerprints, Duration elapsed,
        long seed, long expectRouted) {

    public SimulatorReport {
        EnumMap<SimulatedFrameKind, Long> all = new EnumMap<>(SimulatedFrameKind.class);
        for (SimulatedFrameKind kind : SimulatedFrameKind.values()) {
            all.put(kind, sent.getOrDefault(kind, 0L));
        }
        sent = Collections.unmodifiableMap(all);
    }

    public long sent(SimulatedFrameKind kind) {
        return sent.get(kind);
    }

    public long total() {
        return sent.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Frames per second over {@link #elapsed()}; 0 for an empty run. */
    public double framesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? total() / seconds : 0;
    }

    /** The summary table the command prints. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-16s %12s%n", "kind", "frames"));
        for (SimulatedFrameKind kind : SimulatedFrameKind.values()) {
            out.append(row(kind.name().toLowerCase(Locale.ROOT), String.format(Locale.ROOT, "%,d", sent(kind))));
        }
        out.append(row("total", String.format(Locale.ROOT, "%,d", total())));
        out.append(row("conversations", String.format(Locale.ROOT, "%,d", conversations)));
        out.append(row("fingerprints", String.format(Locale.ROOT, "%,d", fingerprints)));
        out.append(row("elapsed", String.format(Locale.ROOT, "%.3f s", elapsed.toNanos() / 1e9)));
        out.append(row("frames/s", String.format(Locale.ROOT, "%,.0f", framesPerSecond())));
        out.append(row("seed", Long.toString(seed)));
        out.append(row("expect routed", String.format(Locale.ROOT, "%,d", expectRouted)));
        return out.toString();
    }

    private static String row(String name, String value) {
        return String.format(Locale.ROOT, "%-16s %12s%n", name, value);
    }
}
