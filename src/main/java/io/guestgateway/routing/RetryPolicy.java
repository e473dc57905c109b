package io.guestgateway.routing;

import java.time.Duration;

/**
 * Why ours: the routing planner needs the backoff as a value per retry, beside pacing, not a Camel policy's side effect.
 *
 * <p>Exponential backoff: {@code initialDelay} before the first retry, doubling up to {@code maxDelay},
 * at most {@code maxRetries} retries. Waits CXone asks for with a 429 are not retries: they are
 * bounded by {@code maxPacing}, the time a conversation may wait on them in all.
 */
public record RetryPolicy(int maxRetries, Duration initialDelay, Duration maxDelay, Duration maxPacing) {

    /** The wait before retry number {@code retry} (1-based). */
    public Duration backoff(int retry) {
        Duration wait = initialDelay;
        for (int i = 1; i < retry && wait.compareTo(maxDelay) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxDelay) > 0 ? maxDelay : wait;
    }

    /** The longer of two waits; {@code b} may be {@code null}. */
    static Duration longer(Duration a, Duration b) {
        return b != null && b.compareTo(a) > 0 ? b : a;
    }
}
