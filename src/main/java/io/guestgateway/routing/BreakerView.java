package io.guestgateway.routing;

/** What the routing circuit breaker sees, as far as the redelivery planner needs it. */
public interface BreakerView {

    /** True while the breaker lets calls through normally. */
    boolean isClosed();

    /** Failed calls (408, 429, 5xx, no answer) in the breaker's sliding window. */
    int failedCalls();
}
