package io.guestgateway.routing;

/** 403: the token lacks the {@code routing:write} scope or the queue is restricted. Not retried. */
public class RoutingForbiddenException extends RoutingFailure {

    public static final String SCOPE = "routing:write";

    public RoutingForbiddenException(String reason) {
        super(403, reason + " (the client needs scope " + SCOPE + " and access to the queue)");
    }
}
