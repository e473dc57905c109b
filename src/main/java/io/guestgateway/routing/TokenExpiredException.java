package io.guestgateway.routing;

/** CXone answered 401: the token expired early or was revoked. Thrown by route-conversation.yaml. */
public class TokenExpiredException extends RuntimeException {

    public TokenExpiredException(String message) {
        super(message, null, false, false);
    }
}
