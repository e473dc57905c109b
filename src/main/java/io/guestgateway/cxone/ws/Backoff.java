package io.guestgateway.cxone.ws;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Why ours: Vert.x retries a connect at a fixed interval; reconnects here back off exponentially, with jitter.
 *
 * <p>Reconnect delays: exponential from {@code initial}, capped at {@code max}, with "equal jitter"
 * (a random point in the upper half), so many gateways cut off at once do not return in step and
 * no delay ever drops near zero.
 */
final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private final RandomGenerator random;

    Backoff(Duration initial, Duration max, RandomGenerator random) {
        this.initialMillis = Math.max(1, initial.toMillis());
        this.maxMillis = Math.max(initialMillis, max.toMillis());
        this.random = random;
    }

    /** The ceiling after {@code failures} failed attempts in a row: initial × 2^failures, capped. */
    long ceilingMillis(int failures) {
        int doublings = Math.min(Math.max(failures, 0), 40);
        double ceiling = initialMillis * Math.pow(2, doublings);
        return (long) Math.min(maxMillis, ceiling);
    }

    /** A delay in [ceiling / 2, ceiling]. */
    Duration delay(int failures) {
        long ceiling = ceilingMillis(failures);
        long floor = ceiling / 2;
        return Duration.ofMillis(floor + random.nextLong(ceiling - floor + 1));
    }
}
