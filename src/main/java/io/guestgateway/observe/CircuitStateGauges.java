package io.guestgateway.observe;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code gateway.routing.circuit.state{state}}: 1 for the state the Task Routing circuit breaker is
 * in, 0 for the others (all 0 before route-conversation has started). One series per state, the
 * form resilience4j's own binder uses, so a panel or an alert can ask for
 * {@code state="open"} directly; {@code gateway.routing.circuit.breaker.open} (routing stage)
 * cannot tell open from half-open.
 */
public class CircuitStateGauges implements MeterBinder {

    public static final String METER = "gateway.routing.circuit.state";

    private final Supplier<CircuitBreaker> breaker;

    public CircuitStateGauges(Supplier<CircuitBreaker> breaker) {
        this.breaker = breaker;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (CircuitBreaker.State state : CircuitBreaker.State.values()) {
            Gauge.builder(METER, breaker, b -> is(b.get(), state))
                    .description("1 while the Task Routing circuit breaker is in this state")
                    .tag("state", label(state))
                    .strongReference(true) // the supplier is a method reference nothing else holds
                    .register(registry);
        }
    }

    /** closed, open, half_open, forced_open, disabled, metrics_only */
    static String label(CircuitBreaker.State state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private static double is(CircuitBreaker current, CircuitBreaker.State state) {
        return current != null && current.getState() == state ? 1 : 0;
    }
}
