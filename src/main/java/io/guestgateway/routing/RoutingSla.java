package io.guestgateway.routing;

import io.guestgateway.guest.GuestMessage;
import io.guestgateway.ingest.SafeText;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step of a routed conversation: SLA latency into the histogram and the interval's
 * {@link SlaSummary}, the outcome counter, and a line per conversation at DEBUG only (at a few
 * hundred conversations a second, a line each would bury everything else in the log).
 */
public class RoutingSla {

    private static final Logger LOG = LoggerFactory.getLogger(RoutingSla.class);

    private final RoutingMetrics metrics;
    private final SlaSummary summary;
    private final Duration target;
    private final Clock clock;

    public RoutingSla(RoutingMetrics metrics, SlaSummary summary, Duration target, Clock clock) {
        this.metrics = metrics;
        this.summary = summary;
        this.target = target;
        this.clock = clock;
    }

    public void routed(Exchange exchange) {
        RoutingState state = RoutingState.of(exchange);
        GuestMessage guest = state.guest();
        // receivedAt is the ingest's clock; a missing one (0) must not show as a 55-year latency
        Duration latency = guest.receivedAt() > 0 ? Duration.ofMillis(Math.max(0, clock.millis() - guest.receivedAt())) : null;
        metrics.routed(latency);
        if (latency != null) {
            summary.record(guest.sessionId(), latency.toMillis());
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("Routed conversation {} to queue {} in {} ms after {} attempt(s){}",
                    SafeText.escape(guest.sessionId(), 200), SafeText.escape(state.queue(), 200),
                    latency == null ? "?" : latency.toMillis(), state.attempts() + 1,
                    latency != null && latency.compareTo(target) > 0
                            ? ": over the SLA target of " + target.toMillis() + " ms" : "");
        }
    }
}
