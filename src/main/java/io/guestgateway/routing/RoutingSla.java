package io.guestgateway.routing;

import io.guestgateway.ingest.SafeText;
import io.guestgateway.guest.GuestMessage;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The last step of a routed conversation: SLA latency, the outcome counter and one log line. */
public class RoutingSla {

    private static final Logger LOG = LoggerFactory.getLogger(RoutingSla.class);

    private final RoutingMetrics metrics;
    private final Duration target;
    private final Clock clock;

    public RoutingSla(RoutingMetrics metrics, Duration target, Clock clock) {
        this.metrics = metrics;
        this.target = target;
        this.clock = clock;
    }

    public void routed(Exchange exchange) {
        RoutingState state = RoutingState.of(exchange);
        GuestMessage guest = state.guest();
        String queue = state.queue();
        int attempts = state.attempts();
        // receivedAt is the ingest's clock; a missing one (0) must not show as a 55-year latency
        Duration latency = guest.receivedAt() > 0 ? Duration.ofMillis(Math.max(0, clock.millis() - guest.receivedAt())) : null;
        metrics.routed(latency);
        if (latency != null && latency.compareTo(target) > 0) {
            LOG.warn("Routed conversation {} to queue {} in {} ms after {} attempt(s): over the SLA target of {} ms",
                    SafeText.escape(guest.sessionId(), 200), SafeText.escape(queue, 200), latency.toMillis(), attempts,
                    target.toMillis());
        } else {
            LOG.info("Routed conversation {} to queue {} in {} ms after {} attempt(s)",
                    SafeText.escape(guest.sessionId(), 200), SafeText.escape(queue, 200),
                    latency == null ? "?" : latency.toMillis(), attempts);
        }
    }
}
