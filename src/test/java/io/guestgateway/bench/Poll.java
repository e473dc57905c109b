package io.guestgateway.bench;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Bounded polling for the benchmark mains, on Awaitility as in the tests. Unlike a test, a
 * benchmark reports how far it got when the bound runs out, so this answers instead of throwing.
 */
final class Poll {

    private Poll() {}

    /** Whether {@code condition} held within {@code bound}, checked every {@code every} on this thread. */
    static boolean until(Duration bound, Duration every, BooleanSupplier condition) {
        try {
            Awaitility.await().atMost(bound).pollDelay(Duration.ZERO).pollInterval(every).pollInSameThread()
                    .until(condition::getAsBoolean);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    /**
     * Whether {@code invariant} held all through {@code window}, checked every {@code every} on this
     * thread; returns once the window has passed (a little later when the invariant broke in it).
     * For a fault a scenario keeps on for a set time while watching what must not happen meanwhile.
     */
    static boolean holds(Duration window, Duration every, BooleanSupplier invariant) {
        if (window.compareTo(every) <= 0) {
            return invariant.getAsBoolean();
        }
        try {
            Awaitility.await().during(window).atMost(window.plus(every).plusSeconds(1)).pollDelay(Duration.ZERO)
                    .pollInterval(every).pollInSameThread().until(invariant::getAsBoolean);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }
}
