package io.guestgateway.ingest;

import static io.guestgateway.ingest.FloodGuard.Decision.ALLOWED;
import static io.guestgateway.ingest.FloodGuard.Decision.BLOCKED;
import static io.guestgateway.ingest.FloodGuard.Decision.BLOCKED_FIRST;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Idle eviction and the maxTracked cap: memory stays bounded under spoofed fingerprints. */
class FloodGuardMemoryTest {

    static final Duration MINUTE = Duration.ofSeconds(60);
    final FakeNanoClock clock = new FakeNanoClock();

    @Test
    void idleFingerprintsAreDroppedOnceAWindowHasPassed() {
        FloodGuard guard = new FloodGuard(1, MINUTE, 100, clock);
        for (int i = 0; i < 50; i++) {
            guard.check("fp-" + i);
        }
        clock.advance(MINUTE.minusNanos(1));
        guard.check("late");
        assertThat(guard.tracked()).isEqualTo(51); // nothing idle yet
        clock.advanceNanos(1);
        guard.check("next");
        // the 50 are a full window old; "late" is not; "next" is new
        assertThat(guard.tracked()).isEqualTo(2);
        assertThat(guard.check("late")).isEqualTo(BLOCKED_FIRST);
        assertThat(guard.check("fp-0")).isEqualTo(ALLOWED);
    }

    @Test
    void aRecentlyLoggedBlockSurvivesTheSweepSoTheLogStaysQuiet() {
        FloodGuard guard = new FloodGuard(1, MINUTE, 100, clock);
        guard.check("fp");                                              // t = 0
        clock.advance(Duration.ofSeconds(59));
        assertThat(guard.check("fp")).isEqualTo(BLOCKED_FIRST);       // t = 59
        clock.advance(Duration.ofSeconds(1));
        guard.check("other");                                           // t = 60: sweep
        assertThat(guard.tracked()).isEqualTo(2);
        assertThat(guard.check("fp")).isEqualTo(ALLOWED);
        clock.advance(Duration.ofSeconds(1));
        assertThat(guard.check("fp")).isEqualTo(BLOCKED);             // 2 s after the last log
    }

    @Test
    void neverTracksMoreThanMaxTrackedAndEvictsTheLeastRecentlyActive() {
        FloodGuard guard = new FloodGuard(1, MINUTE, 100, clock);
        assertThat(guard.check("victim")).isEqualTo(ALLOWED);
        long max = 0;
        for (int i = 0; i < 1_000; i++) {
            clock.advance(Duration.ofMillis(1));
            assertThat(guard.check("spoof-" + i)).isEqualTo(ALLOWED);
            max = Math.max(max, guard.tracked());
        }
        assertThat(max).isEqualTo(100);
        assertThat(guard.tracked()).isEqualTo(100); // one evicted per new one, not a batch
        // the documented trade-off: the evicted victim starts a fresh window...
        assertThat(guard.check("victim")).isEqualTo(ALLOWED);
        // ...while the most recent fingerprints are still tracked and held to their limit
        assertThat(guard.check("spoof-999")).isEqualTo(BLOCKED_FIRST);
        assertThat(guard.check("spoof-990")).isEqualTo(BLOCKED_FIRST);
    }

    @Test
    void activeFloodersOutliveOneShotSpoofs() {
        FloodGuard guard = new FloodGuard(2, MINUTE, 100, clock);
        guard.check("flooder");
        guard.check("flooder");
        for (int i = 0; i < 1_000; i++) {
            clock.advance(Duration.ofMillis(1));
            guard.check("spoof-" + i);
            if (i % 10 == 0) {
                // keeps being blocked; its blocks keep it recently active
                assertThat(guard.check("flooder")).isNotEqualTo(ALLOWED);
            }
        }
        assertThat(guard.check("flooder")).isEqualTo(BLOCKED);
    }

    @Test
    void equalTimestampsStillEvictOneAtATime() {
        FloodGuard guard = new FloodGuard(1, MINUTE, 800, clock); // the clock never moves
        for (int i = 0; i < 2_000; i++) {
            assertThat(guard.check("fp-" + i)).isEqualTo(ALLOWED);
        }
        assertThat(guard.tracked()).isEqualTo(800);
        // whatever was evicted, the table is consistent: every tracked one is found again
        int stillBlocked = 0;
        for (int i = 0; i < 2_000; i++) {
            if (guard.check("fp-" + i) == BLOCKED_FIRST) {
                stillBlocked++;
            }
        }
        assertThat(stillBlocked).isBetween(1, 800);
        assertThat(guard.tracked()).isEqualTo(800);
    }

    @Test
    void capHoldsAcrossStripes() {
        FloodGuard guard = new FloodGuard(15, MINUTE, 100_000, clock);
        for (int i = 0; i < 300_000; i++) {
            guard.check("fp-" + i);
            if (i % 1000 == 0) {
                clock.advance(Duration.ofMillis(1));
            }
        }
        // 16 stripes of 6,250, all full
        assertThat(guard.tracked()).isEqualTo(100_000);
        clock.advance(MINUTE);
        for (int i = 0; i < 10_000; i++) {
            guard.check("later-" + i);
        }
        // every stripe swept its idle entries on its first call after the window
        assertThat(guard.tracked()).isEqualTo(10_000);
    }
}
