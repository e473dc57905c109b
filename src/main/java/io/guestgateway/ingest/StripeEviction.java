package io.guestgateway.ingest;

import java.util.Arrays;

/**
 * Frees room in a full {@link FloodStripe}: drops the idle entries, and if they are fewer than an
 * eighth of the stripe, also the least recently active ones up to an eighth. Evicting in batches
 * keeps a flood of new fingerprints at O(1) amortised per frame (one table pass per
 * maxEntries/8 inserts) instead of a scan for every new fingerprint.
 *
 * <p>"Least recently active" is found by a sample of about 16-64 entries rather than a sort, so
 * the batch is roughly, not exactly, the oldest eighth: what matters is that entries still
 * inside a flood of their own (recently accepted or blocked) are the last to go.
 */
final class StripeEviction {

    private static final int SAMPLES = 64;

    private final FloodStripe stripe;

    StripeEviction(FloodStripe stripe) {
        this.stripe = stripe;
    }

    void makeRoom(long now) {
        long[] keys = stripe.keys();
        int target = Math.max(1, stripe.maxEntries() / 8);
        int stride = Math.max(1, keys.length / SAMPLES);
        long[] sample = new long[SAMPLES];
        int samples = 0;
        int idle = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == 0) {
                continue;
            }
            if (stripe.isIdle(i, now)) {
                idle++;
            } else if ((i % stride == 0 || samples == 0) && samples < SAMPLES) {
                // the first active entry is always sampled: no samples must mean "all idle"
                sample[samples++] = stripe.lastActivity(i);
            }
        }
        if (idle >= target || samples == 0) {
            stripe.rebuild(now, FloodStripe.never(), 0);
            return;
        }
        Arrays.sort(sample, 0, samples);
        long threshold = sample[samples / 8];
        int below = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0 && !stripe.isIdle(i, now) && stripe.lastActivity(i) < threshold) {
                below++;
            }
        }
        stripe.rebuild(now, threshold, Math.max(0, target - idle - below));
    }
}
