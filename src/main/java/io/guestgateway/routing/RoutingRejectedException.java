package io.guestgateway.routing;

/** CXone refused the request itself (400: unknown queue, the queue cannot take it; other 4xx). Not retried. */
public class RoutingRejectedException extends RoutingFailure {

    public RoutingRejectedException(int status, String reason) {
        super(status, reason);
    }
}
