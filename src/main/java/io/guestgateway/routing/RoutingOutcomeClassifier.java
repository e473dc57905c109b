package io.guestgateway.routing;

import io.guestgateway.platform.RetryAfter;
import io.guestgateway.ingest.SafeText;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import org.apache.camel.Exchange;
import org.springframework.dao.DataAccessException;

/**
 * The one place that decides what a Task Routing answer means (contract §3): a 201 routes the
 * conversation, everything else becomes a named {@link RoutingFailure}; and which
 * {@link FailureKind} any exception on the way belongs to.
 */
public class RoutingOutcomeClassifier {

    private final ObjectMapper json;
    private final Duration maxRetryAfter;
    private final Clock clock;

    public RoutingOutcomeClassifier(ObjectMapper json, Duration maxRetryAfter, Clock clock) {
        this.json = json;
        this.maxRetryAfter = maxRetryAfter;
        this.clock = clock;
    }

    /**
     * Route step inside the circuit breaker, right after the call: throws when CXone is unwell
     * (408, 5xx), so that the breaker counts it. Every other answer passes to {@link #classify},
     * a 429 included: CXone answered, it only asks us to slow down. camel-resilience4j would count
     * any exception thrown in the breaker as CXone's fault, or swallow it as a success when told
     * not to record it.
     */
    public void failWhenUnavailable(Exchange exchange) {
        RoutingFailure failure = failureOf(exchange);
        if (failure instanceof RoutingTransientException && !(failure instanceof RoutingPacedException)) {
            throw failure;
        }
    }

    /** Route step after the breaker: returns on a 201, throws the matching failure otherwise. */
    public void classify(Exchange exchange) {
        RoutingFailure failure = failureOf(exchange);
        if (failure != null) {
            throw failure;
        }
    }

    private RoutingFailure failureOf(Exchange exchange) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        return failureFor(status == null ? RoutingFailure.NO_ANSWER : status,
                exchange.getMessage().getHeader("Retry-After", String.class),
                exchange.getMessage().getBody(String.class));
    }

    /** {@code null} for a 201; otherwise the failure the answer stands for. */
    public RoutingFailure failureFor(int status, String retryAfter, String body) {
        if (status == 201) {
            return null;
        }
        String reason = "HTTP " + status + reason(body);
        if (status == 401) {
            return new TokenExpiredException(reason);
        }
        if (status == 403) {
            return new RoutingForbiddenException(reason);
        }
        Duration wait = RetryAfter.parse(retryAfter, clock.instant(), maxRetryAfter).orElse(null);
        if (status == 429) {
            return new RoutingPacedException(reason, wait);
        }
        if (status == 408 || status >= 500 || status == RoutingFailure.NO_ANSWER) {
            return new RoutingTransientException(status, reason, wait);
        }
        // 400 and whatever else CXone should not have sent (2xx other than 201, 3xx, 404, 409...):
        // retrying the same request cannot help, so it waits for a human in the dead-letter queue
        return new RoutingRejectedException(status, reason);
    }

    /** The kind of any exception that ended a routing attempt. */
    public static FailureKind kindOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RoutingRejectedException) {
                return FailureKind.REJECTED;
            } else if (t instanceof RoutingForbiddenException) {
                return FailureKind.FORBIDDEN;
            } else if (t instanceof TokenExpiredException) {
                return FailureKind.TOKEN_EXPIRED;
            } else if (t instanceof RoutingPacedException) {
                return FailureKind.PACED;
            } else if (t instanceof RoutingTransientException || t instanceof IOException
                    || t instanceof DataAccessException || t instanceof jakarta.jms.JMSException
                    || t instanceof org.springframework.jms.JmsException) {
                return FailureKind.TRANSIENT;
            } else if (t instanceof CallNotPermittedException) {
                return FailureKind.BREAKER_OPEN;
            } else if (t instanceof RejectedExecutionException) {
                return FailureKind.STOPPING;
            }
        }
        return FailureKind.POISON;
    }

    /** The last HTTP status behind a failure, {@link RoutingFailure#NO_ANSWER} when there was none. */
    public static int statusOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RoutingFailure routing) {
                return routing.status();
            }
        }
        return RoutingFailure.NO_ANSWER;
    }

    /** A short, escaped reason from CXone's error body: {@code error} and {@code error_description} when JSON. */
    private String reason(String body) {
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
