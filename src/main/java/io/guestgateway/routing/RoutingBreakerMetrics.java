package io.guestgateway.routing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The routing circuit breaker in metrics ({@code gateway.routing.circuit.breaker.open}, 1 while not
 * closed). Its health is {@code routingCircuit} in the readiness group (observe package).
 */
public class RoutingBreakerMetrics implements MeterBinder {

    private final RoutingBreakerPolicy policy;

    public RoutingBreakerMetrics(RoutingBreakerPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("gateway.routing.circuit.breaker.open", policy, p -> p.isClosed() ? 0 : 1)
                .description("1 while the Task Routing circuit breaker is open or half-open")
                .register(registry);
    }
}
