package io.guestgateway.simulator;

/** The simulator could not do its job: no token, no connection, refused auth, a stalled server. One line. */
public class SimulatorException extends RuntimeException {
    public SimulatorException(String message) {
        super(message);
    }

    public SimulatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
