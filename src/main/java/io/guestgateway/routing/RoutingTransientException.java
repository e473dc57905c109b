package io.guestgateway.routing;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure worth retrying: 408, 5xx, no answer (I/O error, timeout) or no token to call with; a
 * 429 is the subclass {@link RoutingPacedException}. Carries the wait CXone asked for in
 * {@code Retry-After}, already capped.
 */
public class RoutingTransientException extends RoutingFailure {

    private final transient Duration retryAfter;

    public RoutingTransientException(int status, String reason, Duration retryAfter) {
        super(status, reason);
        this.retryAfter = retryAfter;
    }

    public RoutingTransientException(int status, String reason) {
        this(status, reason, null);
    }

    /** The capped {@code Retry-After} wait, when CXone sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
