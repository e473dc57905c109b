package io.guestgateway.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/** The breaker's state in readiness and as a gauge, from a real resilience4j breaker. */
class RoutingCircuitObservationTest {

    private final AtomicReference<CircuitBreaker> current = new AtomicReference<>();
    private final RoutingCircuitHealthIndicator health = new RoutingCircuitHealthIndicator(current::get);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    RoutingCircuitObservationTest() {
        new CircuitStateGauges(current::get).bindTo(registry);
    }

    @Test
    void beforeTheRouteStartsTheBreakerIsUnknownAndNoStateIsSet() {
        assertThat(health.health().getStatus()).isEqualTo(Status.UNKNOWN);
        assertThat(registry.find(CircuitStateGauges.METER).gauges())
                .hasSize(CircuitBreaker.State.values().length)
                .allSatisfy(gauge -> assertThat(gauge.value()).isZero());
    }

    @Test
    void openIsOutOfServiceWithItsNumbersAndHalfOpenIsUp() {
        CircuitBreaker breaker = CircuitBreaker.ofDefaults("routing");
        current.set(breaker);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(state("closed")).isEqualTo(1.0);

        breaker.onError(0, java.util.concurrent.TimeUnit.MILLISECONDS, new java.io.IOException("503"));
        breaker.transitionToOpenState();
        Health open = health.health();
        assertThat(open.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(open.getDetails()).containsEntry("state", "OPEN").containsKey("reason").containsEntry("failedCalls", 1);
        assertThat(state("open")).isEqualTo(1.0);
        assertThat(state("closed")).isZero();

        breaker.transitionToHalfOpenState();
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(health.health().getDetails()).containsEntry("state", "HALF_OPEN");
        assertThat(state("half_open")).isEqualTo(1.0);
        assertThat(state("open")).isZero();

        breaker.transitionToForcedOpenState();
        assertThat(health.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(state("forced_open")).isEqualTo(1.0);
    }

    private double state(String state) {
        return registry.get(CircuitStateGauges.METER).tag("state", state).gauge().value();
    }
}
