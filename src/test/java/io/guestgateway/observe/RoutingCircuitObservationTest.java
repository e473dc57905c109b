package io.guestgateway.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.guestgateway.config.RoutingProperties;
import io.guestgateway.routing.RoutingCircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.component.resilience4j.micrometer.DefaultResilience4jMicrometerFactory;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * The breaker's state in health and in metrics, from a real resilience4j breaker built the way
 * RoutingConfiguration builds it, in the registry camel-resilience4j-micrometer binds.
 */
class RoutingCircuitObservationTest {

    private static final String NAME = "routing-circuit-breaker";
    private static final RoutingProperties.CircuitBreaker SETTINGS =
            new RoutingProperties.CircuitBreaker(20, 10, 80, Duration.ofSeconds(2), Duration.ofSeconds(15), 1);

    private final AtomicReference<CircuitBreaker> current = new AtomicReference<>();
    private final RoutingCircuitHealthIndicator health = new RoutingCircuitHealthIndicator(current::get);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
    private final CamelContext camel = new DefaultCamelContext();

    RoutingCircuitObservationTest() throws Exception {
        // what the Spring Boot starter and Camel Main set up: the factory finds the registry by type
        camel.getRegistry().bind("circuitBreakerRegistry", breakers);
        DefaultResilience4jMicrometerFactory metrics = new DefaultResilience4jMicrometerFactory();
        metrics.setMeterRegistry(meters);
        metrics.setCamelContext(camel);
        camel.addService(metrics);
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void beforeTheRouteStartsTheBreakerIsUnknownAndNotYetExported() {
        assertThat(health.health().getStatus()).isEqualTo(Status.UNKNOWN);
        assertThat(meters.find("resilience4j.circuitbreaker.state").gauges()).isEmpty();
    }

    @Test
    void openIsOutOfServiceWithItsNumbersAndHalfOpenIsUp() {
        CircuitBreaker breaker = RoutingCircuitBreaker.of(breakers, NAME, SETTINGS);
        current.set(breaker);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(meters.find("resilience4j.circuitbreaker.state").tag("name", NAME).gauges())
                .hasSize(CircuitBreaker.State.values().length);
        assertThat(state("closed")).isEqualTo(1.0);

        breaker.onError(0, TimeUnit.MILLISECONDS, new IOException("503"));
        breaker.transitionToOpenState();
        Health open = health.health();
        assertThat(open.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(open.getDetails()).containsEntry("state", "OPEN").containsKey("reason").containsEntry("failedCalls", 1);
        assertThat(state("open")).isEqualTo(1.0);
        assertThat(state("closed")).isZero();
        assertThat(meters.get("resilience4j.circuitbreaker.calls").tag("name", NAME).tag("kind", "failed").timer().count())
                .isEqualTo(1);
        assertThat(breaker.tryAcquirePermission()).isFalse();
        assertThat(meters.get("resilience4j.circuitbreaker.not.permitted.calls").tag("name", NAME).counter().count())
                .isEqualTo(1);

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
        return meters.get("resilience4j.circuitbreaker.state").tag("name", NAME).tag("state", state).gauge().value();
    }
}
