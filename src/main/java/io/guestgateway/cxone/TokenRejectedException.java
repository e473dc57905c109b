package io.guestgateway.cxone;

/** CXone refused the client credentials or the requested scopes (HTTP 400, 401 or 403). */
public class TokenRejectedException extends CxoneTokenException {

    public TokenRejectedException(String message) {
        super(message, null);
    }

    @Override
    public boolean fatal() {
        return true;
    }
}
