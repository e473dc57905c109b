package io.guestgateway.routing;

/**
 * CXone answered 400, or anything it should not have (2xx other than 201, 3xx, 404, 409...):
 * the same request cannot succeed. Thrown by route-conversation.yaml; the message names the
 * status only, never the guest's text.
 */
public class RoutingRejectedException extends RuntimeException {

    public RoutingRejectedException(String message) {
        super(message, null, false, false);
    }
}
