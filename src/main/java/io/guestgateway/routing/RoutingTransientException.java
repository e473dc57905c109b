package io.guestgateway.routing;

/**
 * A call that could not be made for want of a token: CXone's login is unreachable or refusing,
 * as transient as a 503. The message names the cause's type only.
 */
public class RoutingTransientException extends RuntimeException {

    public RoutingTransientException(String message) {
        super(message, null, false, false);
    }
}
