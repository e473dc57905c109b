package io.guestgateway.routing;

import io.guestgateway.cxone.AccessTokens;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, for each failed attempt, whether {@code route-conversation} tries again and when. Wired
 * into the dead-letter channel twice: as {@code onExceptionOccurredRef} it notes the failure and
 * puts the wait into {@code CamelRedeliveryDelay} (Camel reads that header before its own
 * backoff); as {@code retryWhileRef} it hands Camel the verdict.
 *
 * <p>The wait is {@code routing.initial-delay} doubling to {@code routing.max-delay}, or longer when
 * CXone sent {@code Retry-After}. Only failures while the circuit breaker stays closed spend
 * {@code routing.max-retries}: a failure that opens the breaker, or one while it is open or
 * half-open, belongs to an outage, and an outage must never dead-letter a conversation.
 */
public class RoutingRedeliveryPlanner implements Processor, Predicate {

    private static final Logger LOG = LoggerFactory.getLogger(RoutingRedeliveryPlanner.class);

    /** How often a conversation held by an open breaker looks again; at least 1 s so a stop can interrupt it. */
    static final Duration BREAKER_POLL = Duration.ofSeconds(1);

    private final RetryPolicy policy;
    private final String fallbackQueueId;
    private final AccessTokens tokens;
    private final BooleanSupplier breakerClosed;
    private final RoutingMetrics metrics;
    private final Clock clock;

    public RoutingRedeliveryPlanner(RetryPolicy policy, String fallbackQueueId, AccessTokens tokens,
            BooleanSupplier breakerClosed, RoutingMetrics metrics, Clock clock) {
        this.policy = policy;
        this.fallbackQueueId = fallbackQueueId == null || fallbackQueueId.isBlank() ? null : fallbackQueueId;
        this.tokens = tokens;
        this.breakerClosed = breakerClosed;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** onExceptionOccurred: note the failure, decide, and set the wait for this attempt. */
    @Override
    public void process(Exchange exchange) {
        Throwable failure = exchange.getException();
        FailureKind kind = exchange.getContext().isStopping() ? FailureKind.STOPPING
                : RoutingOutcomeClassifier.kindOf(failure);
        note(exchange, kind, failure);
        Duration wait = decide(exchange, kind, failure);
        exchange.setProperty(RoutingProperty.RETRY, wait != null);
        exchange.setProperty(RoutingProperty.ROLL_BACK, kind == FailureKind.STOPPING);
        if (wait != null) {
            exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, wait.toMillis());
            if (kind != FailureKind.BREAKER_OPEN) {
                metrics.retried();
            }
        } else {
            exchange.getIn().removeHeader(Exchange.REDELIVERY_DELAY);
        }
    }

    /** retryWhile: the verdict {@link #process} reached for the failure at hand. */
    @Override
    public boolean matches(Exchange exchange) {
        return exchange.getProperty(RoutingProperty.RETRY, false, Boolean.class);
    }

    /** The wait before the next attempt, or {@code null} for no next attempt. */
    private Duration decide(Exchange exchange, FailureKind kind, Throwable failure) {
        if (kind != FailureKind.TOKEN_EXPIRED) {
            exchange.removeProperty(RoutingProperty.TOKEN_REFUSALS);
        }
        return switch (kind) {
            case BREAKER_OPEN -> BREAKER_POLL;
            case TOKEN_EXPIRED -> {
                tokens.invalidate(exchange.getProperty(RoutingProperty.TOKEN, String.class));
                int refusals = increment(exchange, RoutingProperty.TOKEN_REFUSALS);
                int spent = increment(exchange, RoutingProperty.RETRIES_SPENT);
                // a fresh token should work at once; a second refusal in a row is backed off like any failure
                yield spent > policy.maxRetries() ? null : refusals == 1 ? Duration.ZERO : policy.backoff(spent);
            }
            case TRANSIENT -> {
                Duration retryAfter = failure instanceof RoutingTransientException t ? t.retryAfter().orElse(null) : null;
                if (!breakerClosed.getAsBoolean()) {
                    // part of an outage: the breaker holds the next attempt, nothing is spent
                    yield RetryPolicy.longer(BREAKER_POLL, retryAfter);
                }
                int spent = increment(exchange, RoutingProperty.RETRIES_SPENT);
                yield spent > policy.maxRetries() ? null : RetryPolicy.longer(policy.backoff(spent), retryAfter);
            }
            case REJECTED -> tryFallback(exchange, failure);
            case FORBIDDEN -> {
                LOG.error("CXone refused to route (403): the client needs scope {} and access to the queue;"
                        + " the conversation goes to the dead-letter queue. {}", RoutingForbiddenException.SCOPE,
                        LogText.escape(failure.getMessage()));
                yield null;
            }
            case STOPPING, POISON -> null;
        };
    }

    private Duration tryFallback(Exchange exchange, Throwable failure) {
        String current = exchange.getProperty(RoutingProperty.QUEUE, String.class);
        if (fallbackQueueId == null || RoutingOutcomeClassifier.statusOf(failure) != 400
                || fallbackQueueId.equals(current)) {
            return null;
        }
        LOG.warn("CXone rejected the queue (400), routing the conversation to fallback queue {} instead: {}",
                LogText.escape(fallbackQueueId), LogText.escape(failure.getMessage()));
        exchange.setProperty(RoutingProperty.QUEUE, fallbackQueueId);
        return Duration.ZERO;
    }

    private void note(Exchange exchange, FailureKind kind, Throwable failure) {
        if (kind == FailureKind.BREAKER_OPEN || kind == FailureKind.STOPPING) {
            return; // not an answer from CXone: keep the last real failure for the record
        }
        if (exchange.getProperty(RoutingProperty.FIRST_FAILURE) == null) {
            exchange.setProperty(RoutingProperty.FIRST_FAILURE, clock.millis());
        }
        exchange.setProperty(RoutingProperty.LAST_STATUS, RoutingOutcomeClassifier.statusOf(failure));
        exchange.setProperty(RoutingProperty.REASON, reason(failure));
    }

    static String reason(Throwable failure) {
        if (failure instanceof RoutingFailure) {
            return failure.getMessage();
        }
        // other exceptions may quote input (a JSON parser quotes the body): name the type only
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String type = failure.getClass().getSimpleName();
        return root == failure ? type : type + " caused by " + root.getClass().getSimpleName();
    }

    private static int increment(Exchange exchange, String property) {
        int next = exchange.getProperty(property, 0, Integer.class) + 1;
        exchange.setProperty(property, next);
        return next;
    }
}
