package io.guestgateway.simulator;

import java.util.Locale;

/**
 * How many conversations a gateway with its default flood limit routes from one run, and how to
 * tell that it has finished: every guest's conversation once (whatever its message count), and
 * each bot message is a new conversation, so a bot's are routed up to the limit of its one
 * fingerprint. Malformed frames are rejected and agent replies skipped.
 */
final class RoutingExpectation {

    /** The gateway's default {@code gateway.flood.max-messages}, per fingerprint per 60 s window. */
    static final int DEFAULT_FLOOD_LIMIT = 15;

    private RoutingExpectation() {}

    static long guests(SimulatorOptions options) {
        return options.messagesPerGuest() > 0 ? options.guests() : 0;
    }

    static long botConversations(SimulatorOptions options) {
        return (long) options.bots() * Math.min(options.botMessages(), DEFAULT_FLOOD_LIMIT);
    }

    static long conversations(SimulatorOptions options) {
        return guests(options) + botConversations(options);
    }

    /** What to expect, printed after the summary table. */
    static String note(SimulatorOptions options) {
        String bots = options.bots() == 0 || options.botMessages() == 0 ? "" : String.format(Locale.ROOT,
                " and %,d of the bots' (%d bots, one conversation per message, at most %d per bot: the gateway's "
                        + "default flood limit gateway.flood.max-messages per 60 s; more if the run outlasts it)",
                botConversations(options), options.bots(), DEFAULT_FLOOD_LIMIT);
        return String.format(Locale.ROOT, """
                Expect %,d conversations routed: %,d guests' (one each)%s. Malformed frames are rejected and \
                agent replies skipped.
                The gateway keeps routing for some seconds after the simulator exits; it is done when its routed \
                count has grown by %,d and stops moving:
                  curl -s %s/sandbox/state                      (routedConversations, with the sandbox)
                  curl -s localhost:8080/actuator/prometheus | grep 'outcome="routed"'
                """, conversations(options), guests(options), bots, conversations(options),
                options.apiBase().toString().replaceAll("/+$", ""));
    }
}
