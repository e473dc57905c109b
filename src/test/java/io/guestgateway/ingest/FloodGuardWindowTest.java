package io.guestgateway.ingest;

import static io.guestgateway.ingest.FloodGuard.Decision.ALLOWED;
import static io.guestgateway.ingest.FloodGuard.Decision.BLOCKED;
import static io.guestgateway.ingest.FloodGuard.Decision.BLOCKED_FIRST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guestgateway.ingest.FloodGuard.Decision;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The sliding window's edges, with a fake clock. */
class FloodGuardWindowTest {

    static final Duration MINUTE = Duration.ofSeconds(60);
    final FakeNanoClock clock = new FakeNanoClock();

    FloodGuard guard(int max) {
        return new FloodGuard(max, MINUTE, 1_000_000, clock);
    }

    @Test
    void nAllowedThenBlockedThenAllowedExactlyWhenTheOldestLeaves() {
        FloodGuard guard = guard(3);
        assertThat(guard.check("fp")).isEqualTo(ALLOWED);           // t = 0
        clock.advance(Duration.ofSeconds(1));
        assertThat(guard.check("fp")).isEqualTo(ALLOWED);           // t = 1
        clock.advance(Duration.ofSeconds(1));
        assertThat(guard.check("fp")).isEqualTo(ALLOWED);           // t = 2
        assertThat(guard.check("fp")).isEqualTo(BLOCKED_FIRST);     // N+1
        assertThat(guard.check("fp")).isEqualTo(BLOCKED);
        clock.advance(Duration.ofSeconds(58).minusNanos(1));         // t = 60 s - 1 ns
        assertThat(guard.check("fp")).isEqualTo(BLOCKED);
        clock.advanceNanos(1);                                        // t = 60: the one from t = 0 has left
        assertThat(guard.check("fp")).isEqualTo(ALLOWED);
        assertThat(guard.check("fp")).isEqualTo(BLOCKED);           // t = 1 and 2 still inside
        clock.advance(Duration.ofSeconds(1));                         // t = 61
        assertThat(guard.check("fp")).isEqualTo(ALLOWED);
        assertThat(guard.check("fp")).isEqualTo(BLOCKED);
    }

    @Test
    void blockedAttemptsDoNotConsumeTheWindow() {
        FloodGuard guard = guard(1);
        assertThat(guard.check("fp")).isEqualTo(ALLOWED);
        for (int i = 0; i < 100; i++) {
            clock.advance(Duration.ofMillis(500));
            assertThat(guard.check("fp")).isEqualTo(i == 0 ? BLOCKED_FIRST : BLOCKED);
        }
        clock.advance(Duration.ofSeconds(10)); // exactly 60 s after the accepted one
        assertThat(guard.check("fp")).isEqualTo(ALLOWED);
    }

    @Test
    void blockedFirstAtMostOncePerWindowEvenAcrossReopenings() {
        FloodGuard guard = guard(2);
        guard.check("fp");                                            // t = 0
        clock.advance(Duration.ofSeconds(1));
        guard.check("fp");                                            // t = 1
        clock.advance(Duration.ofSeconds(1));
        assertThat(guard.check("fp")).isEqualTo(BLOCKED_FIRST);     // t = 2: logged
        clock.advance(Duration.ofSeconds(58));                        // t = 60
        assertThat(guard.check("fp")).isEqualTo(ALLOWED);
        assertThat(guard.check("fp")).isEqualTo(BLOCKED);           // only 58 s since the last log
        clock.advance(Duration.ofSeconds(2));                         // t = 62
        assertThat(guard.check("fp")).isEqualTo(ALLOWED);
        assertThat(guard.check("fp")).isEqualTo(BLOCKED_FIRST);     // 60 s since the last log
        assertThat(guard.check("fp")).isEqualTo(BLOCKED);
    }

    @Test
    void fingerprintsAreIndependentAndMissingOnesShareAnonymous() {
        FloodGuard guard = guard(2);
        assertThat(guard.check("a")).isEqualTo(ALLOWED);
        assertThat(guard.check("a")).isEqualTo(ALLOWED);
        assertThat(guard.check("a")).isEqualTo(BLOCKED_FIRST);
        assertThat(guard.check("b")).isEqualTo(ALLOWED);
        assertThat(guard.tryAcquire(null)).isTrue();
        assertThat(guard.tryAcquire("  ")).isTrue();
        assertThat(guard.check("")).isEqualTo(BLOCKED_FIRST);
        assertThat(guard.tryAcquire("anonymous")).isFalse();
        assertThat(guard.tracked()).isEqualTo(3);
    }

    @Test
    void fifteenPerMinuteContractDefaultWithRingGrowthAndWraparound() {
        FloodGuard guard = guard(15);
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 15; i++) {
                assertThat(guard.check("fp")).as("round %d message %d", round, i).isEqualTo(ALLOWED);
                clock.advance(Duration.ofSeconds(1));
            }
            assertThat(guard.check("fp")).as("round %d", round).isEqualTo(BLOCKED_FIRST);
            clock.advance(Duration.ofSeconds(45)); // 60 s after this round's first message
        }
    }

    @ParameterizedTest(name = "maxMessages = {0}")
    @ValueSource(ints = {1, 2, 3, 5, 15, 20})
    void matchesAReferenceModelOnRandomTraffic(int maxMessages) {
        long window = 5_040; // divisible by 4 N for every N tested
        long quantum = window / (4L * maxMessages);
        FloodGuard guard = new FloodGuard(maxMessages, Duration.ofNanos(window), 1_000_000, clock);
        Map<String, Deque<Long>> accepted = new HashMap<>();
        Map<String, Long> lastLogged = new HashMap<>();
        Random random = new Random(maxMessages);
        List<Decision> seen = new ArrayList<>();
        int exactEdges = 0;
        for (int step = 0; step < 20_000; step++) {
            // times on a lattice that divides the window, so attempts land exactly on t + window
            // often; bursts at one instant; about 1.4 N attempts per fingerprint per window
            int r = random.nextInt(100);
            clock.advanceNanos(r < 30 ? 0 : r < 32 ? window / 2 : quantum * random.nextInt(3));
            long now = clock.getAsLong();
            String fp = "fp-" + random.nextInt(4);
            Deque<Long> times = accepted.computeIfAbsent(fp, k -> new ArrayDeque<>());
            if (!times.isEmpty() && times.contains(now - window)) {
                exactEdges++;
            }
            while (!times.isEmpty() && now - times.peekFirst() >= window) {
                times.pollFirst();
            }
            Decision expected;
            if (times.size() < maxMessages) {
                times.addLast(now);
                expected = ALLOWED;
            } else if (!lastLogged.containsKey(fp) || now - lastLogged.get(fp) >= window) {
                lastLogged.put(fp, now);
                expected = BLOCKED_FIRST;
            } else {
                expected = BLOCKED;
            }
            Decision actual = guard.check(fp);
            assertThat(actual).as("step %d", step).isEqualTo(expected);
            seen.add(actual);
        }
        assertThat(seen).contains(ALLOWED, BLOCKED_FIRST, BLOCKED);
        assertThat(exactEdges).as("attempts exactly one window after an accepted one").isGreaterThan(20);
    }

    @Test
    void invalidSettingsAreRefused() {
        assertThatThrownBy(() -> new FloodGuard(0, MINUTE, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FloodGuard(1, Duration.ZERO, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FloodGuard(1, MINUTE, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FloodGuard(1, MINUTE, FloodGuard.MAX_TRACKED_LIMIT + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new FloodGuard(1, Duration.ofDays(365 * 1000), 10).tryAcquire("x")).isTrue();
    }
}
