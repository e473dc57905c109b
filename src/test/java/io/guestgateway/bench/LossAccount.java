package io.guestgateway.bench;

import io.guestgateway.support.GatewayRun;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * Where every frame sent went, from the gateway's own counters and its broker:
 * {@code sent = routed + duplicates + skipped + rejected + blocked + dead-lettered + still queued}.
 * A frame the gateway never received (lost on the wire, or sent while it was not connected) is the
 * difference, so it shows; {@code notReceived} says how much of the difference that explains.
 *
 * <p>Counters are deltas from a baseline, so one gateway can serve several runs.
 */
public record LossAccount(long sent, long received, long routed, long duplicates, long skipped, long rejected,
        long blocked, long deadLettered, long queued) {

    /** The gateway's counters now (absolute); subtract a baseline with {@link #minus}. */
    public static LossAccount read(GatewayRun gateway, long sent) {
        long skipped = count(gateway, "gateway.ingest.frames", "outcome", "skipped");
        long rejected = count(gateway, "gateway.ingest.frames", "outcome", "rejected");
        long blocked = count(gateway, "gateway.ingest.frames", "outcome", "blocked");
        long accepted = count(gateway, "gateway.ingest.frames", "outcome", "accepted");
        return new LossAccount(sent, accepted + skipped + rejected + blocked,
                count(gateway, "gateway.routing.outcomes", "outcome", "routed"),
                count(gateway, "gateway.routing.outcomes", "outcome", "duplicate"),
                skipped, rejected, blocked,
                count(gateway, "gateway.routing.outcomes", "outcome", "dead-lettered"),
                queueDepth(gateway, "guest.routing"));
    }

    /** This minus a baseline; for the queue depth (a level) that is what the run left queued. */
    public LossAccount minus(LossAccount base) {
        return new LossAccount(sent - base.sent, received - base.received, routed - base.routed,
                duplicates - base.duplicates, skipped - base.skipped, rejected - base.rejected,
                blocked - base.blocked, deadLettered - base.deadLettered, queued - base.queued);
    }

    /** Messages in a queue of the embedded broker, including those being delivered. */
    public static long queueDepth(GatewayRun gateway, String queue) {
        Queue q = gateway.context().getBean(EmbeddedActiveMQ.class).getActiveMQServer()
                .locateQueue(SimpleString.of(queue));
        return q == null ? -1 : q.getMessageCount();
    }

    private static long count(GatewayRun gateway, String name, String... tags) {
        return Math.round(gateway.counter(name, tags));
    }

    public long accountedFor() {
        return routed + duplicates + skipped + rejected + blocked + deadLettered + queued;
    }

    /** sent minus everything accounted for: 0 when balanced. */
    public long difference() {
        return sent - accountedFor();
    }

    public boolean balanced() {
        return difference() == 0;
    }

    /** Sent but never seen by the gateway (the wire, or no subscriber at the time). */
    public long notReceived() {
        return sent - received;
    }

    public String verdict() {
        return balanced() ? "BALANCED" : String.format(Locale.ROOT, "NOT BALANCED: %+,d unaccounted (%,d never"
                + " reached the gateway)", difference(), notReceived());
    }

    public String oneLine() {
        return String.format(Locale.ROOT, "sent %,d = routed %,d + duplicates %,d + skipped %,d + rejected %,d"
                        + " + blocked %,d + dead-lettered %,d + queued %,d -> %s", sent, routed, duplicates, skipped,
                rejected, blocked, deadLettered, queued, verdict());
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sent", sent);
        m.put("receivedByGateway", received);
        m.put("routed", routed);
        m.put("duplicates", duplicates);
        m.put("skipped", skipped);
        m.put("rejected", rejected);
        m.put("blocked", blocked);
        m.put("deadLettered", deadLettered);
        m.put("stillQueued", queued);
        m.put("difference", difference());
        m.put("balanced", balanced());
        return m;
    }
}
