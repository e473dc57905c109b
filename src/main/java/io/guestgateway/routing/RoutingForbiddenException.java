package io.guestgateway.routing;

/** CXone answered 403: the client lacks scope {@value #SCOPE} or access to the queue. Thrown by route-conversation.yaml. */
public class RoutingForbiddenException extends RuntimeException {

    public static final String SCOPE = "routing:write";

    public RoutingForbiddenException(String message) {
        super(message, null, false, false);
    }
}
