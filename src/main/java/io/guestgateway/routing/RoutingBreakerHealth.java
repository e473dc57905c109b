package io.guestgateway.routing;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The routing circuit breaker in health ({@code routingCircuitBreaker}: DOWN while open, that is
 * while CXone's Task Routing API fails and consumption is paused) and in metrics
 * ({@code gateway.routing.circuit.breaker.open}, 1 while not closed). Liveness and readiness
 * probes do not include it: a CXone outage is no reason to restart or unroute the gateway.
 */
public class RoutingBreakerHealth implements HealthIndicator, MeterBinder {

    private final RoutingBreakerPolicy policy;

    public RoutingBreakerHealth(RoutingBreakerPolicy policy) {
        this.policy = policy;
    }

    @Override
    public Health health() {
        CircuitBreaker breaker = policy.breaker();
        if (breaker == null) {
            return Health.unknown().withDetail("state", "not started").build();
        }
        CircuitBreaker.State state = breaker.getState();
        Health.Builder health = state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN
                ? Health.down().withDetail("reason", "Task Routing API failing; consumption of guest.routing paused")
                : Health.up();
        CircuitBreaker.Metrics metrics = breaker.getMetrics();
        return health.withDetail("state", state.name())
                .withDetail("failureRate", metrics.getFailureRate())
                .withDetail("bufferedCalls", metrics.getNumberOfBufferedCalls())
                .withDetail("notPermittedCalls", metrics.getNumberOfNotPermittedCalls())
                .build();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("gateway.routing.circuit.breaker.open", policy, p -> p.isClosed() ? 0 : 1)
                .description("1 while the Task Routing circuit breaker is open or half-open")
                .register(registry);
    }
}
