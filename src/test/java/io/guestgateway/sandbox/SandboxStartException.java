package io.guestgateway.sandbox;

/** The sandbox could not start, typically because its port is taken. */
public class SandboxStartException extends RuntimeException {
    public SandboxStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
