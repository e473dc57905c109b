package io.guestgateway.sandbox;

import java.util.SplittableRandom;

/**
 * Decides, call by call, which fault one endpoint injects. Replacing the settings restarts the
 * call count and the random sequence, so "every 3rd call" and a seeded failure rate are
 * reproducible from the moment a test sets them.
 */
final class FaultInjector {

    /** What to do with one call: {@code status} 0 means answer normally. */
    record Decision(int status, int retryAfterSeconds, long latencyMillis) {}

    private final long seed;
    private FaultSettings settings;
    private long calls;
    private SplittableRandom random;

    FaultInjector(FaultSettings initial, long seed) {
        this.seed = seed;
        apply(initial);
    }

    synchronized FaultSettings settings() {
        return settings;
    }

    synchronized void apply(FaultSettings next) {
        settings = next;
        restart();
    }

    /** Forgets the calls counted so far; the settings stay. */
    synchronized void restart() {
        calls = 0;
        random = new SplittableRandom(seed);
    }

    synchronized Decision next() {
        calls++;
        long latency = settings.latency().toMillis();
        if (settings.outage()) {
            return new Decision(503, 0, latency);
        }
        if (settings.every429() > 0 && calls % settings.every429() == 0) {
            return new Decision(429, settings.retryAfterSeconds(), latency);
        }
        // draw only when a rate is set, so a rate set later starts a fresh, seeded sequence
        if (settings.failureRate() > 0 && random.nextDouble() < settings.failureRate()) {
            return new Decision(503, 0, latency);
        }
        return new Decision(0, 0, latency);
    }
}
