package io.guestgateway.ingest;

import io.guestgateway.guest.GuestMessage;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Step 5 of the ingest route: at most {@code maxMessages} accepted guest messages per fingerprint
 * in any interval of length {@code window} (an exact sliding window, not fixed buckets).
 *
 * <ul>
 *   <li>Only accepted messages count; a blocked attempt does not extend the block. A fingerprint
 *       with N accepted at t1 ≤ ... ≤ tN is allowed again at exactly t1 + window.</li>
 *   <li>{@link Decision#BLOCKED_FIRST} is returned at most once per fingerprint in any interval of
 *       length {@code window}; other blocks are {@link Decision#BLOCKED}. The route logs only the
 *       first kind, so a flood cannot flood the log.</li>
 *   <li>A {@code null} or blank fingerprint counts against the shared {@code anonymous} bucket.</li>
 *   <li>Memory is bounded when every frame carries a new, spoofed fingerprint: entries idle for a
 *       window are dropped (they can no longer change a decision), and at most
 *       {@code maxTracked} fingerprints are tracked. When full, a new fingerprint evicts a
 *       least recently active one (sampled, see {@link StripeEviction}) rather than growing. The
 *       trade-off: an evicted fingerprint starts with a fresh window, so an attacker spraying
 *       more than {@code maxTracked} fingerprints per window can get a few extra messages
 *       through for a fingerprint that went quiet; a fingerprint that keeps sending stays
 *       tracked, and below the cap every decision is exact.</li>
 *   <li>A fingerprint is stored as a keyed 64-bit hash ({@link FingerprintHash}), not a string;
 *       an entry with one message in the window costs about 40 bytes (table slots at most about
 *       half full), and a timestamp ring is only allocated on the second message.</li>
 *   <li>Thread-safe: 64 lock stripes (one per 4,096 of the cap, at most 64); the cap is split
 *       evenly between them, so a stripe that fills first starts evicting a little before
 *       exactly {@code maxTracked} are tracked (about 0.3% early at 1,000,000).</li>
 * </ul>
 *
 * <p>Route use: {@code floodGuard.check(${body.fingerprint})} into a header, then filter on
 * {@code ALLOWED}; log when {@code BLOCKED_FIRST}. {@link #tryAcquire} is the plain yes/no.
 */
public final class FloodGuard {

    /** What {@link #check} decided. */
    public enum Decision {
        ALLOWED, BLOCKED_FIRST, BLOCKED;

        public boolean allowed() {
            return this == ALLOWED;
        }
    }

    /** Upper bound for {@code maxTracked}: 64 stripes of 2^24 entries keep every array well in range. */
    public static final long MAX_TRACKED_LIMIT = 64L << 24;
    private static final int MAX_STRIPES = 64;
    private static final int MIN_ENTRIES_PER_STRIPE = 4096;

    private final int maxMessages;
    private final Duration window;
    private final long maxTracked;
    private final LongSupplier nanoClock;
    private final FingerprintHash hash = new FingerprintHash();
    private final FloodStripe[] stripes;
    private final int stripeShift;

    public FloodGuard(int maxMessages, Duration window, long maxTracked) {
        this(maxMessages, window, maxTracked, System::nanoTime);
    }

    /** @param nanoClock a monotonic nanosecond clock ({@code System::nanoTime}; a fake one in tests) */
    public FloodGuard(int maxMessages, Duration window, long maxTracked, LongSupplier nanoClock) {
        if (maxMessages < 1) {
            throw new IllegalArgumentException("maxMessages must be at least 1");
        }
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive");
        }
        if (maxTracked < 1 || maxTracked > MAX_TRACKED_LIMIT) {
            throw new IllegalArgumentException("maxTracked must be between 1 and " + MAX_TRACKED_LIMIT);
        }
        this.maxMessages = maxMessages;
        this.window = window;
        this.maxTracked = maxTracked;
        this.nanoClock = nanoClock;
        int stripeCount = (int) Math.min(MAX_STRIPES, Long.highestOneBit(Math.max(1, maxTracked / MIN_ENTRIES_PER_STRIPE)));
        this.stripeShift = 64 - Integer.numberOfTrailingZeros(stripeCount);
        this.stripes = new FloodStripe[stripeCount];
        long windowNanos = saturatedNanos(window);
        long now = nanoClock.getAsLong();
        for (int i = 0; i < stripeCount; i++) {
            stripes[i] = new FloodStripe((int) (maxTracked / stripeCount), maxMessages, windowNanos, now);
        }
    }

    /** The route's filter: {@code true} when the message may go on (and is counted). */
    public boolean tryAcquire(String fingerprint) {
        return check(fingerprint).allowed();
    }

    public Decision check(String fingerprint) {
        String bucket = fingerprint == null || fingerprint.isBlank() ? GuestMessage.ANONYMOUS : fingerprint;
        long key = hash.hash(bucket);
        // high bits pick the stripe, low bits the slot inside it: independent in a good hash
        FloodStripe stripe = stripeShift == 64 ? stripes[0] : stripes[(int) (key >>> stripeShift)];
        return stripe.check(key, nanoClock);
    }

    /** Fingerprints tracked now (for a gauge); idle ones not yet swept are included. */
    public long tracked() {
        long total = 0;
        for (FloodStripe stripe : stripes) {
            total += stripe.size();
        }
        return total;
    }

    public int maxMessages() {
        return maxMessages;
    }

    public Duration window() {
        return window;
    }

    public long maxTracked() {
        return maxTracked;
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE / 4; // ~73 years: in effect "never leaves the window"
        }
    }
}
