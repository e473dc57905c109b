package io.guestgateway.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * Faults one sandbox endpoint injects before it answers, in this order: {@code outage} (every call
 * 503), every {@code every429}-th call 429 with {@code Retry-After: retryAfterSeconds}, otherwise a
 * 503 with probability {@code failureRate}. {@code latency} delays every answer, faulty or not.
 * The k-th call is counted from the moment the settings were applied.
 *
 * @param failureRate       share of calls answered 503, 0..1, drawn from the sandbox's seeded sequence (on the
 *                          routing API one sequence per conversation, see {@code FaultInjector})
 * @param every429          k: every k-th call is answered 429; 0 = off
 * @param retryAfterSeconds value of the {@code Retry-After} header on a 429
 * @param latency           added before each answer (a timer; never blocks the event loop)
 * @param outage            all calls answered 503
 */
public record FaultSettings(double failureRate, int every429, int retryAfterSeconds, Duration latency, boolean outage) {

    private static final FaultSettings NONE = new FaultSettings(0, 0, 1, Duration.ZERO, false);

    public FaultSettings {
        Objects.requireNonNull(latency, "latency");
        if (!(failureRate >= 0 && failureRate <= 1)) {
            throw new IllegalArgumentException("failureRate must be between 0 and 1");
        }
        if (every429 < 0) {
            throw new IllegalArgumentException("every429 must be 0 (off) or positive");
        }
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retryAfterSeconds must not be negative");
        }
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative");
        }
    }

    /** No faults: every call is answered normally and at once. */
    public static FaultSettings none() {
        return NONE;
    }

    public FaultSettings withFailureRate(double rate) {
        return new FaultSettings(rate, every429, retryAfterSeconds, latency, outage);
    }

    public FaultSettings withEvery429(int k) {
        return new FaultSettings(failureRate, k, retryAfterSeconds, latency, outage);
    }

    public FaultSettings withRetryAfterSeconds(int seconds) {
        return new FaultSettings(failureRate, every429, seconds, latency, outage);
    }

    public FaultSettings withLatency(Duration added) {
        return new FaultSettings(failureRate, every429, retryAfterSeconds, added, outage);
    }

    public FaultSettings withOutage(boolean down) {
        return new FaultSettings(failureRate, every429, retryAfterSeconds, latency, down);
    }
}
