package io.guestgateway.ingest;

import io.guestgateway.ingest.FloodGuard.Decision;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * One lock-striped part of the {@link FloodGuard}: an open-addressing table (linear probing)
 * from a fingerprint hash to its accepted timestamps, in parallel arrays so an entry costs
 * 20 bytes of slots and no object until it needs one.
 *
 * <p>Per slot: {@code keys[i]} (0 = empty), {@code newest[i]} (the newest accepted nano time; for
 * an entry with one message in the window the only one), {@code rings[i]} ({@code null} until a
 * second message in the window, or a block, needs it). A ring is a {@code long[]}: {@code [0]} head
 * index | count &lt;&lt; 32, {@code [1]} when the last BLOCKED_FIRST was given, {@code [2]} the last
 * blocked attempt, {@code [3..]} the accepted times, oldest first from head; it grows 2, 4, 8 ...
 * up to maxMessages slots.
 *
 * <p>An entry is idle when its newest accepted time and its last logged block are both a full
 * window old: forgetting it changes no future decision, so idle entries are dropped whenever the
 * table is rebuilt (growth, once per window, and when full).
 */
final class FloodStripe {

    private static final int MIN_CAPACITY = 16;
    private static final long NEVER = Long.MIN_VALUE;
    private static final int LOGGED = 1;
    private static final int SEEN = 2;
    private static final int HEADER = 3;

    private final int maxEntries;
    private final int maxMessages;
    private final long window;
    private long[] keys = new long[MIN_CAPACITY];
    private long[] newest = new long[MIN_CAPACITY];
    private long[][] rings = new long[MIN_CAPACITY][];
    private volatile int size;
    private long lastSweep;

    FloodStripe(int maxEntries, int maxMessages, long windowNanos, long now) {
        this.maxEntries = maxEntries;
        this.maxMessages = maxMessages;
        this.window = windowNanos;
        this.lastSweep = now;
    }

    int size() {
        return size;
    }

    /** The clock is read under the lock, so the times of one stripe never go backwards. */
    synchronized Decision check(long key, LongSupplier clock) {
        long now = clock.getAsLong();
        if (now - lastSweep >= window) {
            lastSweep = now;
            rebuild(now, NEVER, 0);
        }
        int slot = indexOf(key);
        if (slot >= 0) {
            return update(slot, now);
        }
        if (size >= maxEntries) {
            new StripeEviction(this).makeRoom(now);
        }
        if (size + 1 > keys.length / 4 * 3) {
            rebuild(now, NEVER, 0);
        }
        put(key, now, null);
        size++;
        return Decision.ALLOWED;
    }

    private Decision update(int slot, long now) {
        long[] ring = rings[slot];
        if (ring == null) {
            if (now - newest[slot] >= window) {
                newest[slot] = now;
                return Decision.ALLOWED;
            }
            ring = new long[HEADER + Math.min(2, maxMessages)];
            ring[LOGGED] = NEVER;
            ring[SEEN] = NEVER;
            ring[HEADER] = newest[slot];
            ring[0] = pack(0, 1);
            rings[slot] = ring;
        }
        int cap = ring.length - HEADER;
        int head = (int) ring[0];
        int count = (int) (ring[0] >>> 32);
        while (count > 0 && now - ring[HEADER + head] >= window) {
            head = (head + 1) % cap;
            count--;
        }
        if (count < maxMessages) {
            if (count == cap) {
                ring = grow(ring, head, count);
                rings[slot] = ring;
                head = 0;
                cap = ring.length - HEADER;
            }
            ring[HEADER + (head + count) % cap] = now;
            ring[0] = pack(head, count + 1);
            newest[slot] = now;
            return Decision.ALLOWED;
        }
        ring[0] = pack(head, count);
        ring[SEEN] = now;
        if (ring[LOGGED] == NEVER || now - ring[LOGGED] >= window) {
            ring[LOGGED] = now;
            return Decision.BLOCKED_FIRST;
        }
        return Decision.BLOCKED;
    }

    private long[] grow(long[] ring, int head, int count) {
        int cap = ring.length - HEADER;
        long[] bigger = new long[HEADER + Math.min(maxMessages, cap * 2)];
        bigger[LOGGED] = ring[LOGGED];
        bigger[SEEN] = ring[SEEN];
        for (int k = 0; k < count; k++) {
            bigger[HEADER + k] = ring[HEADER + (head + k) % cap];
        }
        bigger[0] = pack(0, count);
        return bigger;
    }

    /** Idle: the next attempt would be ALLOWED, or BLOCKED_FIRST, whether we remember it or not. */
    boolean isIdle(int slot, long now) {
        long[] ring = rings[slot];
        return now - newest[slot] >= window
                && (ring == null || ring[LOGGED] == NEVER || now - ring[LOGGED] >= window);
    }

    /**
     * The last attempt, accepted or blocked: what eviction ranks by, so a fingerprint that keeps
     * flooding is the last to be forgotten (forgetting it would hand it a fresh window).
     */
    long lastActivity(int slot) {
        long[] ring = rings[slot];
        return ring == null || ring[SEEN] == NEVER ? newest[slot] : Math.max(newest[slot], ring[SEEN]);
    }

    long[] keys() {
        return keys;
    }

    int maxEntries() {
        return maxEntries;
    }

    /**
     * Copies the entries worth keeping into a table sized for them (at most half full): not idle,
     * and last active after {@code threshold}; entries active exactly at the threshold are dropped
     * while {@code tieBudget} lasts.
     */
    void rebuild(long now, long threshold, int tieBudget) {
        boolean[] keep = new boolean[keys.length];
        int survivors = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == 0 || isIdle(i, now)) {
                continue;
            }
            long active = lastActivity(i);
            if (threshold != NEVER && (active < threshold || active == threshold && tieBudget-- > 0)) {
                continue;
            }
            keep[i] = true;
            survivors++;
        }
        long[] oldKeys = keys;
        long[] oldNewest = newest;
        long[][] oldRings = rings;
        int capacity = Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(1, (survivors + 1) * 2 - 1)) << 1);
        keys = new long[capacity];
        newest = new long[capacity];
        rings = new long[capacity][];
        for (int i = 0; i < oldKeys.length; i++) {
            if (keep[i]) {
                put(oldKeys[i], oldNewest[i], oldRings[i]);
            }
        }
        size = survivors;
    }

    private int indexOf(long key) {
        int mask = keys.length - 1;
        for (int i = (int) key & mask; ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                return i;
            } else if (k == 0) {
                return -1;
            }
        }
    }

    private void put(long key, long newestTime, long[] ring) {
        int mask = keys.length - 1;
        int i = (int) key & mask;
        while (keys[i] != 0) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        newest[i] = newestTime;
        rings[i] = ring;
    }

    private static long pack(int head, int count) {
        return (head & 0xffffffffL) | (long) count << 32;
    }

    static long never() {
        return NEVER;
    }
}
