package io.guestgateway.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.guestgateway.cxone.AccessTokens;
import io.guestgateway.cxone.TlsFailure;
import io.guestgateway.cxone.TlsTrust;
import io.guestgateway.deadletter.DeadLetterHeaders;
import io.guestgateway.ingest.SafeText;
import io.guestgateway.platform.RetryAfter;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;

/**
 * The Java half of routing-errors.yaml: for each failed attempt it notes what happened (status,
 * reason, first failure, calls made) in the exchange properties the dead-letter route stamps, and
 * for the kinds the route retries it decides whether and when: the wait goes into
 * {@code CamelRedeliveryDelay} (Camel reads that header before its own backoff), the verdict into
 * {@value #RETRY} (the clauses' {@code retryWhile}). Wired as the error handler's
 * {@code onExceptionOccurredRef}, which Camel runs before it evaluates {@code retryWhile}.
 *
 * <p>Why Java: each wait depends on what the conversation went through before (retries spent, time
 * paced, Retry-After) and on the breaker's window, and Camel's redelivery counter counts every
 * kind of failure alike. The wait is {@code routing.initial-delay} doubling to
 * {@code routing.max-delay}, or longer when CXone sent {@code Retry-After}. A 429 spends no retry;
 * the conversation gives up only when its waits for 429s add up to more than
 * {@code routing.max-pacing}. An outage never dead-letters a conversation: a failure while the
 * breaker is not closed spends no retry, and a conversation out of retries is dead-lettered only
 * when its own failures are all the breaker's window holds; otherwise it waits
 * {@code routing.max-delay} and tries again.
 */
public class RoutingRedeliveryPlanner implements Processor {

    /** Exchange property: whether the failure at hand is retried (the clauses' retryWhile). */
    public static final String RETRY = "GatewayRetry";
    /** Exchange property: the message goes back to guest.routing, not to the dead-letter queue. */
    public static final String ROLL_BACK = "GatewayRollBack";

    /** Status used when the call got no HTTP answer at all. */
    public static final int NO_ANSWER = 0;

    private static final Logger LOG = LoggerFactory.getLogger(RoutingRedeliveryPlanner.class);

    /** How often a conversation held by an open breaker looks again; at least 1 s so a stop can interrupt it. */
    static final Duration BREAKER_POLL = Duration.ofSeconds(1);

    private final RetryPolicy policy;
    private final String fallbackQueueId;
    private final Duration maxRetryAfter;
    private final AccessTokens tokens;
    private final BreakerView breaker;
    private final RoutingMetrics metrics;
    private final ObjectMapper json;
    private final Clock clock;

    public RoutingRedeliveryPlanner(RetryPolicy policy, String fallbackQueueId, Duration maxRetryAfter,
            AccessTokens tokens, BreakerView breaker, RoutingMetrics metrics, ObjectMapper json, Clock clock) {
        this.policy = policy;
        this.fallbackQueueId = fallbackQueueId == null || fallbackQueueId.isBlank() ? null : fallbackQueueId;
        this.maxRetryAfter = maxRetryAfter;
        this.tokens = tokens;
        this.breaker = breaker;
        this.metrics = metrics;
        this.json = json;
        this.clock = clock;
    }

    /** onExceptionOccurred: note the failure, decide, and set the wait for this attempt. */
    @Override
    public void process(Exchange exchange) {
        Throwable failure = exchange.getException();
        RoutingState state = RoutingState.of(exchange);
        FailureKind kind = exchange.getContext().isStopping() ? FailureKind.STOPPING : kindOf(failure);
        Answer answer = answer(exchange, failure);
        Duration wait = null;
        // DeadLetterHeaders.* as exchange properties: the dead-letter route copies them into the
        // headers of the same names (routing-errors.yaml)
        if (state == null) {
            // the message could not even be read: nothing to retry
            exchange.setProperty(DeadLetterHeaders.REASON, reason(failure, answer));
            exchange.setProperty(DeadLetterHeaders.LAST_STATUS, NO_ANSWER);
            exchange.setProperty(DeadLetterHeaders.ATTEMPTS, 0);
            exchange.setProperty(DeadLetterHeaders.FIRST_FAILURE, clock.instant().toString());
        } else {
            if (kind != FailureKind.BREAKER_OPEN && kind != FailureKind.STOPPING && kind != FailureKind.NOT_FIRST) {
                // a certificate problem needs a person (trust, server certificate): say so at once,
                // not only when the conversation is dead-lettered; it is retried like any I/O error
                TlsFailure.explain(failure, TlsTrust.CXONE_KEY).ifPresent(tls -> LOG.warn(
                        "Task Routing call for conversation {} failed: {}", SafeText.escape(state.conversationId(), 200), tls));
                state.failed(clock.millis(), answer.status(), reason(failure, answer));
            }
            if (answer.status() != NO_ANSWER || find(failure, IOException.class) != null) {
                state.callFailed();
            }
            wait = decide(state, kind, answer);
            LOG.debug("{} failed ({}): {}", state, kind, wait == null ? "no retry" : "retry in " + wait.toMillis() + " ms");
            exchange.setProperty(DeadLetterHeaders.REASON, state.reason() != null ? state.reason() : reason(failure, answer));
            exchange.setProperty(DeadLetterHeaders.LAST_STATUS, state.lastStatus());
            exchange.setProperty(DeadLetterHeaders.ATTEMPTS, state.attempts());
            exchange.setProperty(DeadLetterHeaders.FIRST_FAILURE,
                    Instant.ofEpochMilli(state.firstFailure() != null ? state.firstFailure() : clock.millis()).toString());
            exchange.setProperty(RoutingCall.QUEUE, state.queue());
        }
        exchange.setProperty(RETRY, wait != null);
        exchange.setProperty(ROLL_BACK, kind == FailureKind.STOPPING || kind == FailureKind.BREAKER_OPEN
                || kind == FailureKind.NOT_FIRST);
        if (wait != null) {
            exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, wait.toMillis());
            if (kind != FailureKind.BREAKER_OPEN) {
                metrics.retried();
            }
        } else {
            exchange.getIn().removeHeader(Exchange.REDELIVERY_DELAY);
        }
    }

    /** The wait before the next attempt, or {@code null} for no next attempt. */
    private Duration decide(RoutingState state, FailureKind kind, Answer answer) {
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
            case PACED -> paced(state, answer.retryAfter());
            case TRANSIENT -> {
                int ownFailures = state.failedTransiently();
                if (!breaker.isClosed()) {
                    // part of an outage: the breaker holds the next attempt, nothing is spent
                    yield RetryPolicy.longer(BREAKER_POLL, answer.retryAfter());
                }
                int spent = state.spendRetry();
                if (spent <= policy.maxRetries()) {
                    yield RetryPolicy.longer(policy.backoff(spent), answer.retryAfter());
                }
                if (breaker.failedCalls() > ownFailures) {
                    LOG.warn("Conversation {} is out of retries, but other calls fail too: CXone looks down, so it"
                            + " keeps waiting rather than being dead-lettered", SafeText.escape(state.conversationId(), 200));
                    yield RetryPolicy.longer(policy.maxDelay(), answer.retryAfter());
                }
                yield null;
            }
            case REJECTED -> tryFallback(state, answer);
            case FORBIDDEN -> {
                state.failed(clock.millis(), answer.status(), state.reason() + "; the client needs scope "
                        + RoutingForbiddenException.SCOPE + " and access to the queue");
                LOG.error("CXone refused to route (403): the client needs scope {} and access to the queue;"
                        + " the conversation goes to the dead-letter queue. {}", RoutingForbiddenException.SCOPE,
                        SafeText.escape(state.reason(), 200));
                yield null;
            }
            case STOPPING, NOT_FIRST, POISON -> null;
        };
    }

    /** A 429: wait as asked (at least the backoff for the n-th 429), unless pacing has lasted too long. */
    private Duration paced(RoutingState state, Duration retryAfter) {
        Duration wait = RetryPolicy.longer(policy.backoff(state.pacedCalls() + 1), retryAfter);
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

    private Duration tryFallback(RoutingState state, Answer answer) {
        if (fallbackQueueId == null || answer.status() != 400 || fallbackQueueId.equals(state.queue())) {
            return null;
        }
        LOG.warn("CXone rejected queue {} (400), routing conversation {} to fallback queue {} instead: {}",
                SafeText.escape(state.queue(), 200), SafeText.escape(state.conversationId(), 200),
                SafeText.escape(fallbackQueueId, 200), state.reason());
        state.queue(fallbackQueueId);
        return Duration.ZERO;
    }

    /** The kind of any exception that ended a routing attempt (Camel or the breaker may have wrapped it). */
    static FailureKind kindOf(Throwable failure) {
        if (failure == null) {
            return FailureKind.POISON;
        } else if (find(failure, OpeningLineNotFirstException.class) != null) {
            return FailureKind.NOT_FIRST;
        } else if (find(failure, RoutingRejectedException.class) != null) {
            return FailureKind.REJECTED;
        } else if (find(failure, RoutingForbiddenException.class) != null) {
            return FailureKind.FORBIDDEN;
        } else if (find(failure, TokenExpiredException.class) != null) {
            return FailureKind.TOKEN_EXPIRED;
        } else if (find(failure, RoutingPacedException.class) != null) {
            return FailureKind.PACED;
        } else if (find(failure, HttpOperationFailedException.class) != null
                || find(failure, RoutingTransientException.class) != null || find(failure, IOException.class) != null
                || find(failure, DataAccessException.class) != null || find(failure, jakarta.jms.JMSException.class) != null
                || find(failure, org.springframework.jms.JmsException.class) != null) {
            return FailureKind.TRANSIENT;
        } else if (find(failure, CallNotPermittedException.class) != null) {
            return FailureKind.BREAKER_OPEN;
        } else if (find(failure, RejectedExecutionException.class) != null) {
            return FailureKind.STOPPING;
        }
        return FailureKind.POISON;
    }

    private static <T> T find(Throwable failure, Class<T> type) {
        return ObjectHelper.getException(type, failure);
    }

    /** What CXone answered: a 408 or 5xx inside the breaker, else the answer still on the exchange. */
    record Answer(int status, Duration retryAfter, String body) {}

    private Answer answer(Exchange exchange, Throwable failure) {
        HttpOperationFailedException http = failure == null ? null : find(failure, HttpOperationFailedException.class);
        if (http != null) {
            return new Answer(http.getStatusCode(), RetryAfter.of(http, clock.instant(), maxRetryAfter).orElse(null),
                    http.getResponseBody());
        }
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status == null || kindOf(failure) == FailureKind.TRANSIENT) {
            return new Answer(NO_ANSWER, null, null);
        }
        return new Answer(status, retryAfter(exchange.getMessage().getHeader("Retry-After", String.class)),
                exchange.getMessage().getBody(String.class));
    }

    private Duration retryAfter(String value) {
        return RetryAfter.parse(value, clock.instant(), maxRetryAfter).orElse(null);
    }

    /** Safe to log: the status and CXone's short, escaped reason, or the exception types; never input. */
    String reason(Throwable failure, Answer answer) {
        if (answer.status() != NO_ANSWER) {
            return "HTTP " + answer.status() + errorOf(answer.body());
        }
        if (failure == null) {
            return "unknown";
        }
        RoutingTransientException noToken = find(failure, RoutingTransientException.class);
        if (noToken != null) {
            return noToken.getMessage();
        }
        Optional<String> tls = TlsFailure.explain(failure, TlsTrust.CXONE_KEY);
        if (tls.isPresent()) {
            return tls.get();
        }
        // other exceptions may quote input (a JSON parser quotes the body): name the types only
        Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
        String type = failure.getClass().getSimpleName();
        return root == failure ? type : type + " caused by " + root.getClass().getSimpleName();
    }

    /** A short, escaped reason from CXone's error body: {@code error} and {@code error_description} when JSON. */
    private String errorOf(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.isObject() && node.hasNonNull("error")) {
                String description = node.path("error_description").asText(node.path("message").asText(""));
                return " " + SafeText.escape(node.get("error").asText()
                        + (description.isEmpty() ? "" : ": " + description), 200);
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: fall through to a short excerpt
        }
        String excerpt = body.length() > 80 ? body.substring(0, 80) : body;
        return " " + SafeText.escape(excerpt, 200);
    }
}
