package io.guestgateway.routing;

/**
 * Exchange properties one conversation carries through {@code route-conversation}. Properties (not
 * headers) because they must survive redeliveries and must never reach CXone as HTTP headers.
 */
public final class RoutingProperty {

    /** The {@link io.guestgateway.guest.GuestMessage} read from the queue. */
    public static final String GUEST_MESSAGE = "GatewayGuestMessage";
    /** The queue the next call routes to: the message's own, or the fallback after a 400. */
    public static final String QUEUE = "GatewayRoutingQueue";
    /** Calls made to the Task Routing API for this delivery. */
    public static final String ATTEMPTS = "GatewayRoutingAttempts";
    /** Failures counted against {@code routing.max-retries} (an outage's failures are not). */
    public static final String RETRIES_SPENT = "GatewayRoutingRetriesSpent";
    /** Consecutive 401s; the first one is retried at once with a fresh token. */
    public static final String TOKEN_REFUSALS = "GatewayRoutingTokenRefusals";
    /** When the first failure happened, epoch milliseconds. */
    public static final String FIRST_FAILURE = "GatewayRoutingFirstFailure";
    /** The last HTTP status, 0 when the last call got no answer. */
    public static final String LAST_STATUS = "GatewayRoutingLastStatus";
    /** Why the last attempt failed, safe to log. */
    public static final String REASON = "GatewayRoutingReason";
    /** The planner's verdict for the failure at hand: retry or not. */
    public static final String RETRY = "GatewayRoutingRetry";
    /** Set when the message must go back to its queue rather than to the dead-letter queue. */
    public static final String ROLL_BACK = "GatewayRoutingRollBack";
    /** The bearer token the last call used, so a 401 drops exactly that one. */
    public static final String TOKEN = "GatewayRoutingToken";

    private RoutingProperty() {}
}
