package io.guestgateway.routing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The routing stage's meters: {@code gateway.routing.outcomes{outcome}} and the SLA latency
 * histogram {@code gateway.routing.sla.latency} (receipt on the WebSocket to the 201).
 */
public class RoutingMetrics {

    public static final String OUTCOMES = "gateway.routing.outcomes";
    public static final String SLA_LATENCY = "gateway.routing.sla.latency";

    private final Counter routed;
    private final Counter duplicate;
    private final Counter retried;
    private final Counter deadLettered;
    private final Timer latency;

    public RoutingMetrics(MeterRegistry registry, Duration slaTarget) {
        this.routed = outcome(registry, "routed");
        this.duplicate = outcome(registry, "duplicate");
        this.retried = outcome(registry, "retried");
        this.deadLettered = outcome(registry, "dead-lettered");
        this.latency = Timer.builder(SLA_LATENCY)
                .description("From receipt on the WebSocket to CXone's 201, per routed conversation")
                .publishPercentileHistogram()
                .publishPercentiles(0.5, 0.95, 0.99)
                .serviceLevelObjectives(slaTarget)
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder(OUTCOMES)
                .description("Guest messages leaving the routing stage, by outcome; retried counts each retry")
                .tag("outcome", outcome)
                .register(registry);
    }

    public void routed(Duration sla) {
        routed.increment();
        if (sla != null) {
            latency.record(sla);
        }
    }

    public void duplicate() {
        duplicate.increment();
    }

    public void retried() {
        retried.increment();
    }

    public void deadLettered() {
        deadLettered.increment();
    }
}
