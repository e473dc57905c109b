package io.guestgateway.routing;

import io.guestgateway.ingest.SafeText;
import io.guestgateway.cxone.AccessTokens;
import io.guestgateway.cxone.TlsFailure;
import io.guestgateway.cxone.TlsTrust;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, for each failed attempt, whether {@code route-conversation} tries again and when. Wired
 * into the dead-letter channel twice: as {@code onExceptionOccurredRef} it notes the failure and
 * puts the wait into {@code CamelRedeliveryDelay} (Camel reads that header before its own
 * backoff); as {@code retryWhileRef} ({@link #shouldRetry}) it hands Camel the verdict.
 *
 * <p>The wait is {@code routing.initial-delay} doubling to {@code routing.max-delay}, or longer when
 * CXone sent {@code Retry-After}. A 429 is CXone pacing us, not a failure of the call: it spends
 * no retry, and the conversation gives up only when its waits for 429s add up to more than
 * {@code routing.max-pacing}. An outage must never dead-letter a conversation, so: a failure
 * that opens the circuit breaker, or one while it is open or half-open, spends no retry; and a
 * conversation out of retries is dead-lettered only when its own failures are all the breaker's
 * window holds. When other calls failed too, CXone is failing across the board (the breaker may
 * be a few calls from opening): it waits {@code routing.max-delay} and tries again instead.
 */
public class RoutingRedeliveryPlanner implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(RoutingRedeliveryPlanner.class);

    /** How often a conversation held by an open breaker looks again; at least 1 s so a stop can interrupt it. */
    static final Duration BREAKER_POLL = Duration.ofSeconds(1);

    private final RetryPolicy policy;
    private final String fallbackQueueId;
    private final AccessTokens tokens;
    private final BreakerView breaker;
    private final RoutingMetrics metrics;
    private final Clock clock;

    public RoutingRedeliveryPlanner(RetryPolicy policy, String fallbackQueueId, AccessTokens tokens,
            BreakerView breaker, RoutingMetrics metrics, Clock clock) {
        this.policy = policy;
        this.fallbackQueueId = fallbackQueueId == null || fallbackQueueId.isBlank() ? null : fallbackQueueId;
        this.tokens = tokens;
        this.breaker = breaker;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** onExceptionOccurred: note the failure, decide, and set the wait for this attempt. */
    @Override
    public void process(Exchange exchange) {
        Throwable failure = exchange.getException();
        RoutingState state = RoutingState.of(exchange);
        FailureKind kind = exchange.getContext().isStopping() ? FailureKind.STOPPING
                : RoutingOutcomeClassifier.kindOf(failure);
        if (state == null) {
            // the message could not even be read: nothing to retry, nothing to note
            exchange.getIn().removeHeader(Exchange.REDELIVERY_DELAY);
            return;
        }
        if (kind != FailureKind.BREAKER_OPEN && kind != FailureKind.STOPPING) {
            // a certificate problem needs a person (trust store, server certificate): say so at once,
            // not only when the conversation is dead-lettered; it is retried like any I/O error
            TlsFailure.explain(failure, TlsTrust.CXONE_KEY).ifPresent(tls -> LOG.warn(
                    "Task Routing call for conversation {} failed: {}", SafeText.escape(state.conversationId(), 200), tls));
            state.failed(clock.millis(), RoutingOutcomeClassifier.statusOf(failure), reason(failure));
        }
        Duration wait = decide(state, kind, failure);
        state.verdict(wait != null, kind == FailureKind.STOPPING);
        LOG.debug("{} failed ({}): {}", state, kind, wait == null ? "no retry" : "retry in " + wait.toMillis() + " ms");
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
    public boolean shouldRetry(Exchange exchange) {
        RoutingState state = RoutingState.of(exchange);
        return state != null && state.retry();
    }

    /** The wait before the next attempt, or {@code null} for no next attempt. */
    private Duration decide(RoutingState state, FailureKind kind, Throwable failure) {
        if (kind != FailureKind.TOKEN_EXPIRED) {
            state.tokenAccepted();
        }
        return switch (kind) {
            case BREAKER_OPEN -> BREAKER_POLL;
            case TOKEN_EXPIRED -> {
                tokens.invalidate(state.token());
                int refusals = state.tokenRefused();
                int spent = state.spendRetry();
                // a fresh token should work at once; a second refusal in a row is backed off like any failure
                yield spent > policy.maxRetries() ? null : refusals == 1 ? Duration.ZERO : policy.backoff(spent);
            }
            case PACED -> paced(state, failure);
            case TRANSIENT -> {
                Duration retryAfter = retryAfter(failure);
                int ownFailures = state.failedTransiently();
                if (!breaker.isClosed()) {
                    // part of an outage: the breaker holds the next attempt, nothing is spent
                    yield RetryPolicy.longer(BREAKER_POLL, retryAfter);
                }
                int spent = state.spendRetry();
                if (spent <= policy.maxRetries()) {
                    yield RetryPolicy.longer(policy.backoff(spent), retryAfter);
                }
                if (breaker.failedCalls() > ownFailures) {
                    LOG.warn("Conversation {} is out of retries, but other calls fail too: CXone looks down, so it"
                            + " keeps waiting rather than being dead-lettered", SafeText.escape(state.conversationId(), 200));
                    yield RetryPolicy.longer(policy.maxDelay(), retryAfter);
                }
                yield null;
            }
            case REJECTED -> tryFallback(state, failure);
            case FORBIDDEN -> {
                LOG.error("CXone refused to route (403): the client needs scope {} and access to the queue;"
                        + " the conversation goes to the dead-letter queue. {}", RoutingForbiddenException.SCOPE,
                        SafeText.escape(failure.getMessage(), 200));
                yield null;
            }
            case STOPPING, POISON -> null;
        };
    }

    /** A 429: wait as asked (at least the backoff for the n-th 429), unless pacing has lasted too long. */
    private Duration paced(RoutingState state, Throwable failure) {
        Duration wait = RetryPolicy.longer(policy.backoff(state.pacedCalls() + 1), retryAfter(failure));
        Duration paced = state.paced(wait);
        if (paced.compareTo(policy.maxPacing()) <= 0) {
            return wait;
        }
        String why = state.reason() + "; CXone kept pacing it (429) for longer than routing.max-pacing ("
                + policy.maxPacing().toSeconds() + " s)";
        state.failed(clock.millis(), 429, why);
        LOG.warn("Conversation {}: {}", SafeText.escape(state.conversationId(), 200), why);
        return null;
    }

    private static Duration retryAfter(Throwable failure) {
        return failure instanceof RoutingTransientException t ? t.retryAfter().orElse(null) : null;
    }

    private Duration tryFallback(RoutingState state, Throwable failure) {
        if (fallbackQueueId == null || RoutingOutcomeClassifier.statusOf(failure) != 400
                || fallbackQueueId.equals(state.queue())) {
            return null;
        }
        LOG.warn("CXone rejected queue {} (400), routing conversation {} to fallback queue {} instead: {}",
                SafeText.escape(state.queue(), 200), SafeText.escape(state.conversationId(), 200), SafeText.escape(fallbackQueueId, 200),
                SafeText.escape(failure.getMessage(), 200));
        state.queue(fallbackQueueId);
        return Duration.ZERO;
    }

    static String reason(Throwable failure) {
        if (failure instanceof RoutingFailure) {
            return failure.getMessage();
        }
        Optional<String> tls = TlsFailure.explain(failure, TlsTrust.CXONE_KEY);
        if (tls.isPresent()) {
            return tls.get();
        }
        // other exceptions may quote input (a JSON parser quotes the body): name the types only
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String type = failure.getClass().getSimpleName();
        return root == failure ? type : type + " caused by " + root.getClass().getSimpleName();
    }
}
