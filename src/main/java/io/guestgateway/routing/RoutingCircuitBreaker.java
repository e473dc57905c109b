package io.guestgateway.routing;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.guestgateway.config.RoutingProperties;

/**
 * The breaker {@code route-conversation.yaml} names ({@code resilience4jConfiguration.circuitBreaker}),
 * built here because the YAML options of camel-resilience4j 4.17 cannot back off in the open state
 * (only a fixed {@code waitDurationInOpenState}), and its {@code config} reference to a
 * {@code CircuitBreakerConfig} is not read. What counts as a failed call is decided in the route:
 * what throws inside the step: a 408 or 5xx (left out of the HTTP call's {@code okStatusCodeRange}),
 * and a call that got no answer (I/O error, timeout, no token).
 *
 * <p>Metrics: camel-resilience4j-micrometer, not resilience4j-micrometer by hand, because it already
 * binds the registry Camel's circuitBreaker steps share; this breaker is created in that registry so that it is exported with them.
 */
public final class RoutingCircuitBreaker {

    private RoutingCircuitBreaker() {}

    /**
     * The breaker, created in the registry Camel's circuitBreaker steps use: camel-resilience4j-micrometer
     * exports the breakers of that registry only, and Camel does not add one named by
     * {@code resilience4jConfiguration.circuitBreaker} to it.
     */
    public static CircuitBreaker of(CircuitBreakerRegistry registry, String name, RoutingProperties.CircuitBreaker settings) {
        return registry.circuitBreaker(name, config(settings));
    }

    /** The breaker alone, in no registry (and so in no metrics). */
    public static CircuitBreaker of(String name, RoutingProperties.CircuitBreaker settings) {
        return CircuitBreaker.of(name, config(settings));
    }

    /** Opens when a share of the last calls failed; probes after a wait that doubles per failed probe. */
    static CircuitBreakerConfig config(RoutingProperties.CircuitBreaker settings) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumNumberOfCalls())
                .failureRateThreshold(settings.failureRateThreshold())
                .waitIntervalFunctionInOpenState(IntervalFunction.ofExponentialBackoff(
                        settings.waitInOpen(), 2.0, settings.maxWaitInOpen()))
                .permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpen())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .build();
    }
}
