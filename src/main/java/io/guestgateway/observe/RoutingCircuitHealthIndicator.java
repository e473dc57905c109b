package io.guestgateway.observe;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.function.Supplier;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The Task Routing circuit breaker in {@code /actuator/health} ({@code routingCircuit}).
 *
 * <p>CLOSED and HALF_OPEN are UP: calls flow, or a probe call is on its way. OPEN (and FORCED_OPEN)
 * is OUT_OF_SERVICE rather than DOWN: nothing in the gateway is broken, it has paused its
 * consumption of {@code guest.routing} on purpose because CXone fails; the conversations wait in
 * the durable queue. That is no reason to take the pod out of its Service, so the breaker is not a
 * readiness member, and the overall health answers 200 for OUT_OF_SERVICE (application.yaml).
 * Before route-conversation has started there is no breaker yet: UNKNOWN.
 */
public class RoutingCircuitHealthIndicator implements HealthIndicator {

    private final Supplier<CircuitBreaker> breaker;

    /** @param breaker the breaker of route call-routing-api, or {@code null} while it does not exist */
    public RoutingCircuitHealthIndicator(Supplier<CircuitBreaker> breaker) {
        this.breaker = breaker;
    }

    @Override
    public Health health() {
        CircuitBreaker current = breaker.get();
        if (current == null) {
            return Health.unknown().withDetail("state", "not started").build();
        }
        CircuitBreaker.State state = current.getState();
        Health.Builder health = switch (state) {
            case OPEN, FORCED_OPEN -> Health.outOfService()
                    .withDetail("reason", "Task Routing API failing: consumption of guest.routing paused, conversations wait there");
            case CLOSED, HALF_OPEN, DISABLED, METRICS_ONLY -> Health.up();
        };
        CircuitBreaker.Metrics metrics = current.getMetrics();
        return health.withDetail("state", state.name())
                .withDetail("failureRatePercent", metrics.getFailureRate())
                .withDetail("bufferedCalls", metrics.getNumberOfBufferedCalls())
                .withDetail("failedCalls", metrics.getNumberOfFailedCalls())
                .withDetail("notPermittedCalls", metrics.getNumberOfNotPermittedCalls())
                .build();
    }
}
