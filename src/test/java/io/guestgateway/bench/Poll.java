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
}
