package io.guestgateway.ingest;

/**
 * Picks the entry a full {@link FloodStripe} forgets to make room for a new fingerprint:
 * sampled least-recently-active. It looks at {@value #SAMPLES} occupied slots from a random
 * position and takes an idle one at once, else the one whose last attempt (accepted or blocked)
 * is oldest.
 *
 * <p>Why a sample and one victim per insert: a true LRU needs a linked list (two references and a
 * node per entry, the memory this design avoids), and evicting in batches empties a stripe early,
 * long before the cap is reached. With eight samples the victim is on average in the oldest
 * ninth, so a fingerprint that keeps flooding (recent attempts) is practically never the one
 * forgotten, while one-shot spoofs are. The cost is a short scan of adjacent slots: O(1).
 * Called under the stripe's lock.
 */
final class StripeEviction {

    static final int SAMPLES = 8;

    private final FloodStripe stripe;
    private int seed = 0x2545F491;

    StripeEviction(FloodStripe stripe) {
        this.stripe = stripe;
    }

    /** The slot to remove; the stripe is full, so it has at least one entry. */
    int victim(long now) {
        long[] keys = stripe.keys();
        int mask = keys.length - 1;
        int victim = -1;
        long oldest = 0;
        int seen = 0;
        for (int i = nextRandom() & mask, step = 0; seen < SAMPLES && step <= mask; i = (i + 1) & mask, step++) {
            if (keys[i] == 0) {
                continue;
            }
            if (stripe.isIdle(i, now)) {
                return i;
            }
            long active = stripe.lastActivity(i);
            if (victim < 0 || active < oldest) {
                victim = i;
                oldest = active;
            }
            seen++;
        }
        return victim;
    }

    /** xorshift32: cheap, and unpredictability is not needed (the keys are already secret). */
    private int nextRandom() {
        int x = seed;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        seed = x;
        return x;
    }
}
