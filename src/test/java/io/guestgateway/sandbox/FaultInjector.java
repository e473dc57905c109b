package io.guestgateway.sandbox;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Decides, call by call, which fault one endpoint injects. Replacing the settings restarts the
 * call count and the random sequences, so "every 3rd call" and a seeded failure rate are
 * reproducible from the moment a test sets them.
 *
 * <p>A call that names what it is about (the routing API's {@code Idempotency-Key}: the
 * conversation) draws its 503 from that key's own seeded sequence: a conversation's n-th draw is
 * the same whatever other conversations call meanwhile, so a seeded run stays reproducible when a
 * gateway makes its calls concurrently. Calls without a key share one sequence.
 */
final class FaultInjector {

    /** What to do with one call: {@code status} 0 means answer normally. */
    record Decision(int status, int retryAfterSeconds, long latencyMillis) {}

    private final long seed;
    private FaultSettings settings;
    private long calls;
    private SplittableRandom random;
    private final Map<String, SplittableRandom> randomByKey = new HashMap<>();

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
        randomByKey.clear();
    }

    /** The fault for one call; {@code key} (may be {@code null}) picks the 503 sequence it draws from. */
    synchronized Decision next(String key) {
        calls++;
        long latency = settings.latency().toMillis();
        if (settings.outage()) {
            return new Decision(503, 0, latency);
        }
        if (settings.every429() > 0 && calls % settings.every429() == 0) {
            return new Decision(429, settings.retryAfterSeconds(), latency);
        }
        // draw only when a rate is set, so a rate set later starts a fresh, seeded sequence
        if (settings.failureRate() > 0 && draws(key).nextDouble() < settings.failureRate()) {
            return new Decision(503, 0, latency);
        }
        return new Decision(0, 0, latency);
    }

    private SplittableRandom draws(String key) {
        return key == null ? random : randomByKey.computeIfAbsent(key, k -> new SplittableRandom(seed * 31 + k.hashCode()));
    }
}
