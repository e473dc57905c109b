package io.guestgateway.ingest;

import io.guestgateway.ingest.FloodGuard.Decision;

/**
 * The accepted times of one fingerprint inside the window, as a bare {@code long[]} (an object
 * header less than a class with fields, and nothing at all for the common one-message case,
 * which {@link FloodStripe} keeps inline).
 *
 * <p>Layout: {@code [0]} head index | count &lt;&lt; 32, {@code [1]} when the last BLOCKED_FIRST was
 * given, {@code [2]} the last blocked attempt, {@code [3..]} the accepted times in a circle, oldest
 * at head. Capacity grows 2, 4, 8 ... up to maxMessages, so a fingerprint that sends two messages
 * does not pay for fifteen.
 */
final class TimeRing {

    static final long NEVER = Long.MIN_VALUE;
    private static final int LOGGED = 1;
    private static final int SEEN = 2;
    private static final int HEADER = 3;

    private TimeRing() {
    }

    /** A ring holding {@code first}, room for one more. */
    static long[] of(long first, int maxMessages) {
        long[] ring = new long[HEADER + Math.min(2, maxMessages)];
        ring[0] = pack(0, 1);
        ring[LOGGED] = NEVER;
        ring[SEEN] = NEVER;
        ring[HEADER] = first;
        return ring;
    }

    /** Drops the times a full window old ({@code now - t >= window}); returns how many remain. */
    static int expire(long[] ring, long now, long window) {
        int cap = ring.length - HEADER;
        int head = (int) ring[0];
        int count = (int) (ring[0] >>> 32);
        while (count > 0 && now - ring[HEADER + head] >= window) {
            head = (head + 1) % cap;
            count--;
        }
        ring[0] = pack(head, count);
        return count;
    }

    /** Records an accepted time; returns the ring, or a bigger copy when it was full. */
    static long[] append(long[] ring, long now, int maxMessages) {
        int cap = ring.length - HEADER;
        int head = (int) ring[0];
        int count = (int) (ring[0] >>> 32);
        if (count == cap) {
            long[] bigger = new long[HEADER + Math.min(maxMessages, cap * 2)];
            bigger[LOGGED] = ring[LOGGED];
            bigger[SEEN] = ring[SEEN];
            for (int k = 0; k < count; k++) {
                bigger[HEADER + k] = ring[HEADER + (head + k) % cap];
            }
            ring = bigger;
            cap = ring.length - HEADER;
            head = 0;
        }
        ring[HEADER + (head + count) % cap] = now;
        ring[0] = pack(head, count + 1);
        return ring;
    }

    /** A blocked attempt: BLOCKED_FIRST if none was logged within the last window. */
    static Decision block(long[] ring, long now, long window) {
        ring[SEEN] = now;
        if (ring[LOGGED] == NEVER || now - ring[LOGGED] >= window) {
            ring[LOGGED] = now;
            return Decision.BLOCKED_FIRST;
        }
        return Decision.BLOCKED;
    }

    /** No BLOCKED_FIRST within the last window (so forgetting the ring loses no log silence). */
    static boolean quiet(long[] ring, long now, long window) {
        return ring == null || ring[LOGGED] == NEVER || now - ring[LOGGED] >= window;
    }

    /** The last blocked attempt, or {@link #NEVER}. */
    static long lastBlocked(long[] ring) {
        return ring == null ? NEVER : ring[SEEN];
    }

    private static long pack(int head, int count) {
        return (head & 0xffffffffL) | (long) count << 32;
    }
}
