package io.guestgateway.routing;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Route;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pauses {@code route-conversation}'s queue consumer while the circuit breaker in front of the
 * Task Routing API is open, so an outage leaves conversations in the durable queue instead of
 * spending their retries. The breaker moves to half-open by itself after its wait; the consumer
 * resumes then, so a probe call can happen (a conversation that was held, or the next one in the
 * queue); a failed probe opens the breaker, for a longer wait, and pauses the consumer again.
 *
 * <p>Also shows the redelivery planner what the breaker sees ({@link BreakerView}): whether it is
 * closed, and how many failed calls its window holds.
 */
public class RoutingBreakerPolicy extends RoutePolicySupport implements BreakerView {

    private static final Logger LOG = LoggerFactory.getLogger(RoutingBreakerPolicy.class);

    private final String breakerId;
    private volatile CircuitBreaker breaker;
    private volatile Route route;
    private ExecutorService switcher;
    /** Openings since the breaker last closed: the n-th waits the breaker's n-th interval. */
    private final AtomicInteger openings = new AtomicInteger();

    /** @param breakerId the id of the {@code circuitBreaker} step in the route */
    public RoutingBreakerPolicy(String breakerId) {
        this.breakerId = breakerId;
    }

    @Override
    public void onStart(Route route) {
        this.route = route;
        CamelContext context = route.getCamelContext();
        if (context.getProcessor(breakerId, ResilienceProcessor.class) == null) {
            throw new IllegalStateException("no circuitBreaker step with id " + breakerId + " for route " + route.getRouteId());
        }
        if (switcher == null) {
            switcher = context.getExecutorServiceManager().newSingleThreadExecutor(this, "routing-breaker");
        }
        attach();
    }

    /** True while calls flow normally (or before the route has started). */
    @Override
    public boolean isClosed() {
        CircuitBreaker current = breaker();
        return current == null || current.getState() == CircuitBreaker.State.CLOSED;
    }

    @Override
    public int failedCalls() {
        CircuitBreaker current = breaker();
        return current == null ? 0 : current.getMetrics().getNumberOfFailedCalls();
    }

    /** The breaker, or {@code null} before its route has started. */
    public CircuitBreaker breaker() {
        CircuitBreaker current = breaker;
        return current != null ? current : attach();
    }

    /**
     * Finds the breaker and listens to it. The breaker exists once its route has started; a route
     * restart may bring a new one, which the next {@link #onStart} picks up.
     */
    private synchronized CircuitBreaker attach() {
        Route current = route;
        if (current == null) {
            return null;
        }
        ResilienceProcessor processor = current.getCamelContext().getProcessor(breakerId, ResilienceProcessor.class);
        CircuitBreaker found = processor == null ? null : processor.getCircuitBreaker();
        if (found != null && found != breaker) {
            breaker = found;
            found.getEventPublisher().onStateTransition(this::onTransition);
        }
        return breaker;
    }

    private void onTransition(CircuitBreakerOnStateTransitionEvent event) {
        CircuitBreaker.State to = event.getStateTransition().getToState();
        // the event fires on the thread that made the failing call, inside a JMS transaction:
        // switch the consumer from another thread
        if (to == CircuitBreaker.State.OPEN || to == CircuitBreaker.State.FORCED_OPEN) {
            long wait = breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(openings.incrementAndGet());
            LOG.warn("Task Routing API failing: circuit breaker open, consumption of {} paused; a probe follows in {} ms",
                    endpointOf(), wait);
            switcher.execute(this::pauseConsumer);
        } else if (to == CircuitBreaker.State.HALF_OPEN) {
            LOG.info("Circuit breaker half-open: resuming {} to let a probe call through", endpointOf());
            switcher.execute(this::resumeConsumer);
        } else if (to == CircuitBreaker.State.CLOSED) {
            openings.set(0);
            LOG.info("Task Routing API answering again: circuit breaker closed");
            switcher.execute(this::resumeConsumer);
        }
    }

    private void pauseConsumer() {
        Route current = route;
        if (current != null && !current.getCamelContext().isStopping()) {
            Consumer consumer = current.getConsumer();
            try {
                suspendOrStopConsumer(consumer);
            } catch (Exception e) {
                LOG.warn("Could not pause {}: {}", endpointOf(), e.toString());
            }
        }
    }

    private void resumeConsumer() {
        Route current = route;
        if (current != null && !current.getCamelContext().isStopping()
                && current.getCamelContext().getRouteController().getRouteStatus(current.getRouteId()).isStarted()) {
            try {
                resumeOrStartConsumer(current.getConsumer());
            } catch (Exception e) {
                LOG.warn("Could not resume {}: {}", endpointOf(), e.toString());
            }
        }
    }

    private String endpointOf() {
        Route current = route;
        return current == null ? "the routing queue" : current.getEndpoint().getEndpointBaseUri();
    }

    @Override
    protected void doStop() throws Exception {
        if (switcher != null && route != null) {
            route.getCamelContext().getExecutorServiceManager().shutdown(switcher);
            switcher = null;
        }
        super.doStop();
    }
}
