package io.guestgateway.routing;

/** 401: CXone no longer accepts the bearer token. The token is dropped and the call retried. */
public class TokenExpiredException extends RoutingFailure {

    public TokenExpiredException(String reason) {
        super(401, reason);
    }
}
