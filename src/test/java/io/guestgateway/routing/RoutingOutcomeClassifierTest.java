package io.guestgateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.RejectedExecutionException;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

class RoutingOutcomeClassifierTest {

    private final RoutingOutcomeClassifier classifier = new RoutingOutcomeClassifier(new ObjectMapper(),
            Duration.ofSeconds(120), Clock.fixed(Instant.parse("2025-11-29T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void a201Routes() {
        assertThat(classifier.failureFor(201, null, "{\"taskId\":\"t-1\"}")).isNull();
    }

    @Test
    void eachStatusClassHasItsNamedFailure() {
        assertThat(classifier.failureFor(400, null, null)).isInstanceOf(RoutingRejectedException.class);
        assertThat(classifier.failureFor(401, null, null)).isInstanceOf(TokenExpiredException.class);
        assertThat(classifier.failureFor(403, null, null)).isInstanceOf(RoutingForbiddenException.class)
                .hasMessageContaining("routing:write");
        for (int transientStatus : new int[] {408, 429, 500, 502, 503, 504}) {
            assertThat(classifier.failureFor(transientStatus, null, null))
                    .isInstanceOf(RoutingTransientException.class)
                    .extracting(f -> ((RoutingFailure) f).status()).isEqualTo(transientStatus);
        }
        // a 429 is CXone pacing us: transient, with its own class
        assertThat(classifier.failureFor(429, "2", null)).isInstanceOf(RoutingPacedException.class);
        // not the contract's 201: nothing retrying can fix
        for (int odd : new int[] {200, 202, 302, 404, 409, 422}) {
            assertThat(classifier.failureFor(odd, null, null)).isInstanceOf(RoutingRejectedException.class);
        }
    }

    @Test
    void aTransientFailureCarriesTheCappedRetryAfter() {
        RoutingTransientException limited = (RoutingTransientException) classifier.failureFor(429, "3", null);
        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(3));
        RoutingTransientException capped = (RoutingTransientException) classifier.failureFor(503, "3600", null);
        assertThat(capped.retryAfter()).contains(Duration.ofSeconds(120));
        assertThat(((RoutingTransientException) classifier.failureFor(503, null, null)).retryAfter()).isEmpty();
    }

    @Test
    void theReasonIsCxonesShortEscapedErrorText() {
        assertThat(classifier.failureFor(400, null,
                "{\"error\":\"unknown_queue\",\"error_description\":\"no such queue\",\"queueId\":\"x\"}"))
                .hasMessage("HTTP 400 unknown_queue: no such queue");
        assertThat(classifier.failureFor(502, null, "<html>bad\r\ngateway</html>"))
                .hasMessage("HTTP 502 <html>bad\\r\\ngateway</html>");
        assertThat(classifier.failureFor(500, null, "x".repeat(500)).getMessage()).hasSizeLessThan(100);
        assertThat(classifier.failureFor(503, null, "")).hasMessage("HTTP 503");
    }

    @Test
    void insideTheBreakerOnlyUnavailabilityThrows() {
        assertThatThrownBy(() -> classifier.failWhenUnavailable(answer(503, null)))
                .isInstanceOf(RoutingTransientException.class);
        assertThatThrownBy(() -> classifier.failWhenUnavailable(answer(408, null)))
                .isInstanceOf(RoutingTransientException.class);
        // CXone pacing us is no sign of an outage: the breaker does not count it, classify() throws it
        assertThatCode(() -> classifier.failWhenUnavailable(answer(429, "2"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> classifier.classify(answer(429, "2"))).isInstanceOf(RoutingPacedException.class);
        assertThatCode(() -> classifier.failWhenUnavailable(answer(400, null))).doesNotThrowAnyException();
        assertThatCode(() -> classifier.failWhenUnavailable(answer(201, null))).doesNotThrowAnyException();
        assertThatThrownBy(() -> classifier.classify(answer(400, null))).isInstanceOf(RoutingRejectedException.class);
        assertThatCode(() -> classifier.classify(answer(201, null))).doesNotThrowAnyException();
        // no status at all is no answer: transient
        assertThatThrownBy(() -> classifier.classify(answer(null, null))).isInstanceOf(RoutingTransientException.class);
    }

    @Test
    void everyExceptionOnTheWayHasAKind() {
        assertThat(RoutingOutcomeClassifier.kindOf(new RoutingRejectedException(400, "x"))).isEqualTo(FailureKind.REJECTED);
        assertThat(RoutingOutcomeClassifier.kindOf(new RoutingForbiddenException("x"))).isEqualTo(FailureKind.FORBIDDEN);
        assertThat(RoutingOutcomeClassifier.kindOf(new TokenExpiredException("x"))).isEqualTo(FailureKind.TOKEN_EXPIRED);
        assertThat(RoutingOutcomeClassifier.kindOf(new SocketTimeoutException("read timed out"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(RoutingOutcomeClassifier.kindOf(new RoutingPacedException("HTTP 429", null))).isEqualTo(FailureKind.PACED);
        assertThat(RoutingOutcomeClassifier.kindOf(new CamelExecutionException("x", null, new IOException("reset"))))
                .isEqualTo(FailureKind.TRANSIENT);
        assertThat(RoutingOutcomeClassifier.kindOf(new DataAccessResourceFailureException("db down"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(RoutingOutcomeClassifier.kindOf(CallNotPermittedException.createCallNotPermittedException(
                CircuitBreaker.ofDefaults("test")))).isEqualTo(FailureKind.BREAKER_OPEN);
        assertThat(RoutingOutcomeClassifier.kindOf(new RejectedExecutionException())).isEqualTo(FailureKind.STOPPING);
        assertThat(RoutingOutcomeClassifier.kindOf(new IllegalArgumentException("no conversation id"))).isEqualTo(FailureKind.POISON);
        assertThat(RoutingOutcomeClassifier.kindOf(null)).isEqualTo(FailureKind.POISON);
    }

    @Test
    void statusOfFindsTheHttpStatusBehindAFailure() {
        assertThat(RoutingOutcomeClassifier.statusOf(new RuntimeException(new RoutingRejectedException(400, "x")))).isEqualTo(400);
        assertThat(RoutingOutcomeClassifier.statusOf(new IOException("reset"))).isZero();
    }

    private static Exchange answer(Integer status, String retryAfter) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader("Retry-After", retryAfter);
        exchange.getMessage().setBody("{}");
        return exchange;
    }
}
