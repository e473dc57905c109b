package io.guestgateway.bench;

import io.guestgateway.simulator.SimulatorOptions;
import java.util.Locale;

/**
 * The traffic shapes of the benchmark, as simulator options. {@code guests} scales each one (the
 * number of guests, or of spoofed fingerprints); flood bots send a new conversation per frame with
 * one fingerprint, so all but 15 per bot and minute are blocked.
 */
enum Workload {
    /** many guests, a few messages each: every conversation is routed once, the rest are duplicates */
    STEADY,
    /** a few fingerprints sending thousands of frames each: the flood guard blocks almost all */
    FLOOD,
    /** every frame a new fingerprint (and a new conversation): nothing is blocked, all is routed */
    SPOOF,
    /** guests, bots, broken frames and agent replies together */
    MIX;

    static Workload parse(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    int defaultGuests() {
        return switch (this) {
            case STEADY -> 10_000;
            case FLOOD -> 5;
            case SPOOF -> 20_000;
            case MIX -> 5_000;
        };
    }

    SimulatorOptions options(int guests, int connections, long seed) {
        SimulatorOptions base = SimulatorOptions.defaults().withConnections(connections).withSeed(seed);
        return switch (this) {
            case STEADY -> base.withTraffic(guests, 3);
            case FLOOD -> base.withTraffic(0, 0).withBots(guests, 4_000);
            case SPOOF -> base.withTraffic(guests, 1);
            case MIX -> base.withTraffic(guests, 3).withBots(5, 2_000).withExtras(0.02, 0.10);
        };
    }

    String describe(SimulatorOptions o) {
        return String.format(Locale.ROOT, "%s: %,d guests x %d, %,d bots x %,d, malformed %.0f%%, outbound %.0f%%,"
                        + " %d connections, %s, seed %d", name().toLowerCase(Locale.ROOT), o.guests(), o.messagesPerGuest(),
                o.bots(), o.botMessages(), o.malformed() * 100, o.outbound() * 100, o.connections(),
                o.rate() > 0 ? String.format(Locale.ROOT, "paced at %,.0f frames/s", o.rate()) : "full speed", o.seed());
    }
}
