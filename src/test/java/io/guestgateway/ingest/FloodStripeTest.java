package io.guestgateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.guestgateway.ingest.FloodGuard.Decision;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * White-box: eviction deletes from the middle of linear-probing runs (backward shift). Keys are
 * crafted so that their home slots collide around the end of the table, where the probe wraps.
 */
class FloodStripeTest {

    final FakeNanoClock clock = new FakeNanoClock();

    @Test
    void everyStoredKeyStaysReachableThroughEvictionsInCollidingRuns() {
        FloodStripe stripe = new FloodStripe(12, 1, 1_000_000_000L, clock.getAsLong());
        Random random = new Random(7);
        Set<Long> everInserted = new HashSet<>();
        int[] homes = {29, 30, 31, 0, 1, 2};
        for (int op = 0; op < 5_000; op++) {
            clock.advanceNanos(1);
            long key;
            if (everInserted.isEmpty() || random.nextInt(3) > 0) {
                key = homes[random.nextInt(homes.length)] | (long) (op + 1) << 32;
            } else {
                key = everInserted.stream().skip(random.nextInt(everInserted.size())).findFirst().orElseThrow();
            }
            boolean wasTracked = stripe.indexOf(key) >= 0;
            Decision decision = stripe.check(key, clock);
            // N = 1 and a window far longer than the test: tracked means blocked, else allowed
            assertThat(decision == Decision.ALLOWED).isEqualTo(!wasTracked);
            everInserted.add(key);
            assertInvariant(stripe);
        }
        assertThat(stripe.size()).isEqualTo(12);
    }

    private static void assertInvariant(FloodStripe stripe) {
        long[] keys = stripe.keys();
        int occupied = 0;
        for (int slot = 0; slot < keys.length; slot++) {
            if (keys[slot] != 0) {
                occupied++;
                assertThat(stripe.indexOf(keys[slot])).as("key in slot %d", slot).isEqualTo(slot);
            }
        }
        assertThat(occupied).isEqualTo(stripe.size()).isLessThanOrEqualTo(12);
    }
}
