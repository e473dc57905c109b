package io.guestgateway.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SettledBatchesTest {

    private static final long MS = 1_000_000L;
    private final SettledBatches batches = new SettledBatches();

    @Test
    void aBatchJustClosedIsNotRecoveredUntilItHasBeenThereForAnInterval() {
        // the scan that falls between the aggregator's move and its in-progress mark
        assertThat(batches.settled(Set.of("closing"), 5_000, 0)).isEmpty();
        assertThat(batches.settled(Set.of("closing"), 5_000, 4_999 * MS)).isEmpty();
        // still there an interval later: being sent (the task skips it) or left by a crash
        assertThat(batches.settled(Set.of("closing"), 5_000, 5_000 * MS)).containsExactly("closing");
    }

    @Test
    void eachBatchAgesFromWhenItWasFirstSeenAndAConfirmedOneIsForgotten() {
        batches.settled(Set.of("a"), 1_000, 0);
        assertThat(batches.settled(Set.of("a", "b"), 1_000, 1_000 * MS)).containsExactly("a");
        assertThat(batches.settled(Set.of("b"), 1_000, 2_000 * MS)).containsExactly("b");
        // "a" was confirmed (gone from the table); if its id ever came back it would age again
        assertThat(batches.settled(Set.of("a", "b"), 1_000, 2_500 * MS)).containsExactly("b");
    }
}
