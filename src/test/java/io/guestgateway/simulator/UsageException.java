package io.guestgateway.simulator;

/** A command-line option is unknown, lacks its value or has a value out of range. */
public class UsageException extends IllegalArgumentException {
    public UsageException(String message) {
        super(message);
    }
}
