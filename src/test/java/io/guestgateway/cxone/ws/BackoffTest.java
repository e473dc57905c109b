package io.guestgateway.cxone.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), new Random(7));

    @Test
    void ceilingDoublesFromOneSecondUpToTheThirtySecondCap() {
        assertThat(backoff.ceilingMillis(0)).isEqualTo(1_000);
        assertThat(backoff.ceilingMillis(1)).isEqualTo(2_000);
        assertThat(backoff.ceilingMillis(4)).isEqualTo(16_000);
        assertThat(backoff.ceilingMillis(5)).isEqualTo(30_000);
        assertThat(backoff.ceilingMillis(1_000)).isEqualTo(30_000);
    }

    @Test
    void everyDelayLiesInTheUpperHalfOfItsCeiling() {
        for (int failures = 0; failures < 12; failures++) {
            long ceiling = backoff.ceilingMillis(failures);
            for (int i = 0; i < 200; i++) {
                assertThat(backoff.delay(failures).toMillis()).isBetween(ceiling / 2, ceiling);
            }
        }
    }

    @Test
    void delaysAreJitteredNotInStep() {
        Set<Long> firstDelays = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            firstDelays.add(backoff.delay(0).toMillis());
        }
        assertThat(firstDelays).hasSizeGreaterThan(50);  // 501 possible values, 100 draws
        long spread = firstDelays.stream().mapToLong(Long::longValue).max().getAsLong()
                - firstDelays.stream().mapToLong(Long::longValue).min().getAsLong();
        assertThat(spread).isGreaterThan(250);
    }
}
