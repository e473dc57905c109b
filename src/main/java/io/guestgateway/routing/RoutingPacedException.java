package io.guestgateway.routing;

/**
 * CXone answered 429: it is pacing the gateway, not failing. Thrown by route-conversation.yaml;
 * the wait comes from the answer's {@code Retry-After}, which the planner reads off the exchange.
 */
public class RoutingPacedException extends RuntimeException {

    public RoutingPacedException(String message) {
        super(message, null, false, false);
    }
}
