package io.guestgateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import io.guestgateway.config.RoutingProperties;
import io.guestgateway.support.RunsAlone;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The routing breaker as application.yaml configures it: for outages, with a backed-off probe. */
@RunsAlone // times the open breaker's waits to within 250 ms
class RoutingCircuitBreakerTest {

    private static final RoutingProperties.CircuitBreaker DEFAULTS =
            new RoutingProperties.CircuitBreaker(20, 10, 80, Duration.ofSeconds(2), Duration.ofSeconds(15), 1);
    private static final RuntimeException UNAVAILABLE = new RoutingTransientException("no access token: IOException");

    @Test
    void anApiThatAnswersMostCallsKeepsItClosedAndAnOutageOpensIt() {
        CircuitBreaker breaker = RoutingCircuitBreaker.of("routing", DEFAULTS);
        List<CircuitBreaker.State> transitions = new CopyOnWriteArrayList<>();
        breaker.getEventPublisher().onStateTransition(e -> transitions.add(e.getStateTransition().getToState()));

        // 30 % of calls failing, as the flaky API answered 503 (a 429 is no failure at all)
        SplittableRandom faults = new SplittableRandom(42);
        for (int i = 0; i < 2_000; i++) {
            call(breaker, faults.nextDouble() < 0.3);
        }
        assertThat(transitions).isEmpty();

        // every call failing: the window of 20 holds 16 failures (80 %) at the latest after 16 calls
        int calls = 0;
        while (breaker.getState() == CircuitBreaker.State.CLOSED) {
            call(breaker, true);
            calls++;
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(calls).isLessThanOrEqualTo(16);
    }

    @Test
    void theWaitBeforeAProbeDoublesPerFailedProbeUpToItsCapAndStartsOverOnceClosed() {
        CircuitBreaker breaker = RoutingCircuitBreaker.of("routing",
                new RoutingProperties.CircuitBreaker(2, 2, 100, Duration.ofMillis(100), Duration.ofMillis(400), 1));
        List<CircuitBreakerOnStateTransitionEvent> events = new CopyOnWriteArrayList<>();
        breaker.getEventPublisher().onStateTransition(events::add);

        call(breaker, true);
        call(breaker, true);
        List<Long> waits = new ArrayList<>();
        for (int probe = 0; probe < 4; probe++) {
            waits.add(awaitHalfOpen(breaker, events));
            call(breaker, true); // the probe fails: open again
        }
        waits.add(awaitHalfOpen(breaker, events));
        call(breaker, false); // the probe succeeds: closed
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        call(breaker, true);
        call(breaker, true);
        long afterClosing = awaitHalfOpen(breaker, events);

        assertWaited(waits.get(0), 100);
        assertWaited(waits.get(1), 200);
        assertWaited(waits.get(2), 400);
        assertWaited(waits.get(3), 400);
        assertWaited(waits.get(4), 400);
        assertWaited(afterClosing, 100);
    }

    /**
     * The events' own clock readings are taken a moment after the breaker's, so the lower bound
     * allows a few ms; the scheduler may be late on a busy machine, so the upper bound is loose.
     */
    private static void assertWaited(long actualMillis, long expectedMillis) {
        assertThat(actualMillis).isBetween(expectedMillis - 20, expectedMillis + 250);
    }

    /**
     * Waits for the breaker to turn half-open; returns how long it was open, in ms, from the last
     * two transitions (to open, then to half-open): the scheduler may turn it half-open before this
     * thread looks, on a busy machine, and publishes that transition just after setting the state.
     */
    private static long awaitHalfOpen(CircuitBreaker breaker, List<CircuitBreakerOnStateTransitionEvent> events) {
        // the scheduler sets the state, then publishes the event: wait for the event
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                .until(() -> events.get(events.size() - 1).getStateTransition().getToState()
                        == CircuitBreaker.State.HALF_OPEN);
        CircuitBreakerOnStateTransitionEvent halfOpen = events.get(events.size() - 1);
        CircuitBreakerOnStateTransitionEvent opened = events.get(events.size() - 2);
        assertThat(opened.getStateTransition().getToState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(halfOpen.getStateTransition().getToState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        return Duration.between(opened.getCreationTime(), halfOpen.getCreationTime()).toMillis();
    }

    private static void call(CircuitBreaker breaker, boolean fails) {
        assertThat(breaker.tryAcquirePermission()).isTrue();
        if (fails) {
            breaker.onError(1, TimeUnit.MILLISECONDS, UNAVAILABLE);
        } else {
            breaker.onSuccess(1, TimeUnit.MILLISECONDS);
        }
    }
}
