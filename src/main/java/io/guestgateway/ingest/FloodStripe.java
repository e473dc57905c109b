package io.guestgateway.ingest;

import io.guestgateway.ingest.FloodGuard.Decision;
import java.util.function.LongSupplier;

/**
 * One lock-striped part of the {@link FloodGuard}: an open-addressing table (linear probing)
 * from a fingerprint hash to its accepted timestamps, in parallel arrays so an entry costs
 * 20 bytes of slots and no object until it needs one.
 *
 * <p>Per slot: {@code keys[i]} (0 = empty), {@code newest[i]} (the newest accepted nano time; for
 * an entry with one message in the window the only one), {@code rings[i]} ({@code null} until a
 * second message in the window, or a block, needs a {@link TimeRing}).
 *
 * <p>An entry is idle when its newest accepted time and its last logged block are both a full
 * window old: forgetting it changes no future decision, so idle entries are dropped whenever the
 * table is rebuilt (on growth, and once per window, which also shrinks the arrays after a flood).
 * A full stripe evicts one entry per new fingerprint, picked by {@link StripeEviction}.
 */
final class FloodStripe {

    private static final int MIN_CAPACITY = 16;

    private final int maxEntries;
    private final int maxMessages;
    private final long window;
    private long[] keys = new long[MIN_CAPACITY];
    private long[] newest = new long[MIN_CAPACITY];
    private long[][] rings = new long[MIN_CAPACITY][];
    private volatile int size;
    private long lastSweep;
    private final StripeEviction eviction = new StripeEviction(this);

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
            rebuild(now);
        }
        int slot = indexOf(key);
        if (slot >= 0) {
            return update(slot, now);
        }
        if (size >= maxEntries) {
            removeAt(eviction.victim(now));
        }
        if (size + 1 > keys.length / 4 * 3) {
            rebuild(now);
        }
        put(key, now, null);
        size++;
        return Decision.ALLOWED;
    }

    private Decision update(int slot, long now) {
        long[] ring = rings[slot];
        if (ring == null) {
            if (now - newest[slot] >= window) {
                newest[slot] = now; // the one message left the window: still no ring needed
                return Decision.ALLOWED;
            }
            ring = TimeRing.of(newest[slot], maxMessages);
            rings[slot] = ring;
        }
        if (TimeRing.expire(ring, now, window) < maxMessages) {
            rings[slot] = TimeRing.append(ring, now, maxMessages);
            newest[slot] = now;
            return Decision.ALLOWED;
        }
        return TimeRing.block(ring, now, window);
    }

    /** Idle: the next attempt would be ALLOWED, or BLOCKED_FIRST, whether we remember it or not. */
    boolean isIdle(int slot, long now) {
        return idle(newest[slot], rings[slot], now);
    }

    private boolean idle(long newestTime, long[] ring, long now) {
        return now - newestTime >= window && TimeRing.quiet(ring, now, window);
    }

    /**
     * The last attempt, accepted or blocked: what eviction ranks by, so a fingerprint that keeps
     * flooding is the last to be forgotten (forgetting it would hand it a fresh window).
     */
    long lastActivity(int slot) {
        long blocked = TimeRing.lastBlocked(rings[slot]);
        return blocked == TimeRing.NEVER ? newest[slot] : Math.max(newest[slot], blocked);
    }

    long[] keys() {
        return keys;
    }

    /** Copies the entries that are not idle into a table sized for them (at most half full). */
    private void rebuild(long now) {
        int survivors = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0 && !isIdle(i, now)) {
                survivors++;
            }
        }
        long[] oldKeys = keys;
        long[] oldNewest = newest;
        long[][] oldRings = rings;
        int capacity = Math.max(MIN_CAPACITY, Integer.highestOneBit((survivors + 1) * 2 - 1) << 1);
        keys = new long[capacity];
        newest = new long[capacity];
        rings = new long[capacity][];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0 && !idle(oldNewest[i], oldRings[i], now)) {
                put(oldKeys[i], oldNewest[i], oldRings[i]);
            }
        }
        size = survivors;
    }

    /**
     * Deletes slot {@code hole} and shifts later entries of its probe run back, so linear probing
     * needs no tombstones: an entry moves into the hole unless its home slot lies between them.
     */
    private void removeAt(int hole) {
        int mask = keys.length - 1;
        for (int j = (hole + 1) & mask; keys[j] != 0; j = (j + 1) & mask) {
            int home = (int) keys[j] & mask;
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                keys[hole] = keys[j];
                newest[hole] = newest[j];
                rings[hole] = rings[j];
                hole = j;
            }
        }
        keys[hole] = 0;
        newest[hole] = 0;
        rings[hole] = null;
        size--;
    }

    /** The slot of {@code key}, or -1. */
    int indexOf(long key) {
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
}
