package io.guestgateway.cxone;

/** No token for now (unreachable, timeout, 5xx, still rate limited, unusable answer); may pass. */
public class TokenUnavailableException extends CxoneTokenException {

    public TokenUnavailableException(String message) {
        super(message, null);
    }

    public TokenUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean fatal() {
        return false;
    }
}
