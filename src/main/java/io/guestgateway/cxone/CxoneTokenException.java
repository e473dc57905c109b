package io.guestgateway.cxone;

/**
 * CXone would not hand out a token. {@link #fatal()} tells a caller whether trying again can help:
 * fatal ones need a configuration change. Messages never carry the secret or a token.
 */
public abstract class CxoneTokenException extends RuntimeException {

    protected CxoneTokenException(String message, Throwable cause) {
        super(message, cause);
    }

    /** True when only a configuration change helps (wrong credentials, missing scope). */
    public abstract boolean fatal();
}
