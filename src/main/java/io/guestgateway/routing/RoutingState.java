package io.guestgateway.routing;

import io.guestgateway.ingest.SafeText;
import io.guestgateway.guest.GuestMessage;
import java.time.Duration;
import org.apache.camel.Exchange;

/**
 * What one delivery of a guest message has been through on its way to a 201: calls made, retries
 * spent, the last failure. One mutable object in one exchange property, because the circuit
 * breaker runs its steps on a copy of the exchange and hands back only the exception on failure;
 * a shared object sees every change, and it survives Camel's redeliveries.
 *
 * <p>Never shared between threads: one exchange is handled by one thread at a time.
 */
public final class RoutingState {

    /** The exchange property that holds it. */
    public static final String PROPERTY = "GatewayRoutingState";

    private final GuestMessage guest;
    private String queue;
    private int attempts;
    private int retriesSpent;
    private int transientFailures;
    private int tokenRefusals;
    private int pacedCalls;
    private long pacedMillis;
    private Long firstFailure;
    private int lastStatus;
    private String reason;
    private String token;

    public RoutingState(GuestMessage guest) {
        this.guest = guest;
        this.queue = guest.queueId();
    }

    /** The exchange property route-conversation.yaml keeps the guest message in. */
    public static final String GUEST = "GatewayGuest";

    /**
     * The state of this exchange, started on first use from the guest message the route keeps in
     * {@value #GUEST}; {@code null} when the message could not be read.
     */
    public static RoutingState of(Exchange exchange) {
        RoutingState state = exchange.getProperty(PROPERTY, RoutingState.class);
        if (state == null) {
            GuestMessage guest = exchange.getProperty(GUEST, GuestMessage.class);
            if (guest != null) {
                state = new RoutingState(guest);
                exchange.setProperty(PROPERTY, state);
            }
        }
        return state;
    }

    public GuestMessage guest() {
        return guest;
    }

    public String conversationId() {
        return guest.sessionId();
    }

    /** The queue the next call routes to: the message's own, or the fallback after a 400. */
    public String queue() {
        return queue;
    }

    void queue(String queue) {
        this.queue = queue;
    }

    /** Failed calls to the Task Routing API in this delivery (an open breaker or no token is no call). */
    public int attempts() {
        return attempts;
    }

    /** A call is about to go out with {@code token}. */
    void calling(String token) {
        this.token = token;
    }

    /** A call went out and failed (the planner counts them: a call that fails inside the breaker leaves no trace elsewhere). */
    void callFailed() {
        attempts++;
    }

    /** The bearer token of the last call, so a 401 drops exactly that one. */
    String token() {
        return token;
    }

    /** Failures counted against {@code routing.max-retries}; returns the new count. */
    int spendRetry() {
        return ++retriesSpent;
    }

    /** Counts a transient failure (a failed call in the breaker's window); returns the new count. */
    int failedTransiently() {
        return ++transientFailures;
    }

    /** 429s so far. */
    int pacedCalls() {
        return pacedCalls;
    }

    /** Counts a 429 and the wait granted for it; returns the time paced in all, this wait included. */
    Duration paced(Duration wait) {
        pacedCalls++;
        pacedMillis += wait.toMillis();
        return Duration.ofMillis(pacedMillis);
    }

    /** 401s in a row; returns the new count. */
    int tokenRefused() {
        return ++tokenRefusals;
    }

    void tokenAccepted() {
        tokenRefusals = 0;
    }

    /** When the first failure happened, epoch ms, or {@code null}. */
    public Long firstFailure() {
        return firstFailure;
    }

    void failed(long at, int status, String why) {
        if (firstFailure == null) {
            firstFailure = at;
        }
        lastStatus = status;
        reason = why;
    }

    /** The last HTTP status, 0 when the last call got no answer. */
    public int lastStatus() {
        return lastStatus;
    }

    /** Why the last attempt failed, safe to log; {@code null} before any failure. */
    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        // no token, no message text
        return "RoutingState[conversation=" + SafeText.escape(guest.sessionId(), 200) + ", queue=" + SafeText.escape(queue, 200)
                + ", attempts=" + attempts + ", retriesSpent=" + retriesSpent + ", pacedMillis=" + pacedMillis
                + ", lastStatus=" + lastStatus + "]";
    }
}
