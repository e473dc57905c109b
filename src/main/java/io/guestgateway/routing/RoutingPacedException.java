package io.guestgateway.routing;

import java.time.Duration;

/**
 * A 429: CXone answered and asks us to slow down. It costs no retry of {@code routing.max-retries}
 * and is no circuit-breaker failure; the conversation waits as long as {@code Retry-After} asks,
 * for at most {@code routing.max-pacing} in all.
 */
public class RoutingPacedException extends RoutingTransientException {

    public RoutingPacedException(String reason, Duration retryAfter) {
        super(429, reason, retryAfter);
    }
}
