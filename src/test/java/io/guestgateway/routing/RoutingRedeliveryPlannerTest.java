package io.guestgateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.guestgateway.cxone.AccessTokens;
import io.guestgateway.deadletter.DeadLetterHeaders;
import io.guestgateway.guest.GuestMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.security.cert.CertPathBuilderException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RoutingRedeliveryPlannerTest {

    private final CamelContext camel = new DefaultCamelContext();
    private final AtomicBoolean breakerClosed = new AtomicBoolean(true);
    private final AtomicInteger failedCallsInWindow = new AtomicInteger();
    private final BreakerView breaker = new BreakerView() {
        @Override
        public boolean isClosed() {
            return breakerClosed.get();
        }

        @Override
        public int failedCalls() {
            return failedCallsInWindow.get();
        }
    };
    private final List<String> invalidated = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AccessTokens tokens = new AccessTokens() {
        @Override
        public String token() {
            return "t";
        }

        @Override
        public void invalidate(String token) {
            invalidated.add(token);
        }
    };

    private RoutingRedeliveryPlanner planner(String fallback) {
        return planner(fallback, Duration.ofMinutes(5));
    }

    private RoutingRedeliveryPlanner planner(String fallback, Duration maxPacing) {
        return new RoutingRedeliveryPlanner(new RetryPolicy(4, Duration.ofSeconds(2), Duration.ofSeconds(30), maxPacing),
                fallback, Duration.ofSeconds(120), tokens, breaker, new RoutingMetrics(meters, Duration.ofSeconds(2)),
                new ObjectMapper(), Clock.fixed(Instant.parse("2025-11-29T10:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void transientFailuresBackOffAndRunOutAfterMaxRetries() {
        RoutingRedeliveryPlanner planner = planner(null);
        Exchange exchange = exchange();
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            failedCallsInWindow.incrementAndGet(); // this conversation's failures are the only ones
            fail(planner, exchange, http(503, null));
            waits.add(retry(exchange) ? delay(exchange) : -1L);
        }
        assertThat(waits).containsExactly(2000L, 4000L, 8000L, 16000L, -1L);
        RoutingState state = RoutingState.of(exchange);
        assertThat(state.lastStatus()).isEqualTo(503);
        assertThat(state.reason()).isEqualTo("HTTP 503");
        assertThat(exchange.getProperty(DeadLetterHeaders.REASON)).isEqualTo("HTTP 503");
        assertThat(exchange.getProperty(DeadLetterHeaders.FIRST_FAILURE)).isEqualTo("2025-11-29T10:00:00Z");
        assertThat(state.firstFailure()).isEqualTo(Instant.parse("2025-11-29T10:00:00Z").toEpochMilli());
        assertThat(exchange.getProperty(RoutingRedeliveryPlanner.ROLL_BACK, Boolean.class)).isFalse();
        assertThat(meters.get(RoutingMetrics.OUTCOMES).tag("outcome", "retried").counter().count()).isEqualTo(4);
    }

    @Test
    void outOfRetriesWhileOthersFailTooItKeepsWaitingInsteadOfDeadLettering() {
        RoutingRedeliveryPlanner planner = planner(null);
        Exchange exchange = exchange();
        for (int i = 0; i < 4; i++) {
            fail(planner, exchange, http(503, null));
        }
        failedCallsInWindow.set(7); // 5 of them this conversation's, 2 another's: CXone looks down
        fail(planner, exchange, http(503, null));
        assertThat(retry(exchange)).isTrue();
        assertThat(delay(exchange)).isEqualTo(30_000L);
        failedCallsInWindow.set(6); // the other's failure left the window: only ours remain
        fail(planner, exchange, http(503, null));
        assertThat(retry(exchange)).isFalse();
    }

    @Test
    void retryAfterMakesTheWaitAtLeastThatLong() {
        RoutingRedeliveryPlanner planner = planner(null);
        Exchange exchange = exchange();
        fail(planner, exchange, http(503, "3"));
        assertThat(retry(exchange)).isTrue();
        assertThat(delay(exchange)).isEqualTo(3000L);
        fail(planner, exchange, http(503, "1"));
        assertThat(delay(exchange)).isEqualTo(4000L); // the backoff is longer
    }

    @Test
    void a429WaitsAsAskedAndSpendsNoRetry() {
        RoutingRedeliveryPlanner planner = planner(null);
        Exchange exchange = exchange();
        for (int i = 0; i < 10; i++) {
            fail(planner, answered(exchange, 429, "2", null), new RoutingPacedException("HTTP 429"));
            assertThat(retry(exchange)).isTrue();
        }
        // ten 429s, far more than routing.max-retries (4): the first failure that counts still gets
        // the first backoff step, and the fifth in a row is the one that runs out
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            failedCallsInWindow.incrementAndGet();
            fail(planner, exchange, http(503, null));
            waits.add(retry(exchange) ? delay(exchange) : -1L);
        }
        assertThat(waits).containsExactly(2000L, 4000L, 8000L, 16000L, -1L);
    }

    @Test
    void pacingThatOutlastsMaxPacingDeadLettersTheConversation() {
        RoutingRedeliveryPlanner planner = planner(null, Duration.ofSeconds(20));
        Exchange exchange = exchange();
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            fail(planner, answered(exchange, 429, "3", "{\"error\":\"rate_limited\"}"), new RoutingPacedException("HTTP 429"));
            waits.add(retry(exchange) ? delay(exchange) : -1L);
        }
        // Retry-After 3 s, or the backoff for the n-th 429 when longer: 3 + 4 + 8 = 15 s paced; 16 more is past 20 s
        assertThat(waits).containsExactly(3000L, 4000L, 8000L, -1L);
        RoutingState state = RoutingState.of(exchange);
        assertThat(state.lastStatus()).isEqualTo(429);
        assertThat(state.reason()).startsWith("HTTP 429 rate_limited").contains("routing.max-pacing (20 s)");
        assertThat(exchange.getProperty(RoutingRedeliveryPlanner.ROLL_BACK, Boolean.class)).isFalse();
        assertThat(exchange.getIn().getHeader(Exchange.REDELIVERY_DELAY)).isNull();
        assertThat(meters.get(RoutingMetrics.OUTCOMES).tag("outcome", "retried").counter().count()).isEqualTo(3);
    }

    @Test
    void ioErrorsAreTransient() {
        RoutingRedeliveryPlanner planner = planner(null);
        Exchange exchange = exchange();
        fail(planner, exchange, new IOException("Connection refused"));
        assertThat(retry(exchange)).isTrue();
        assertThat(RoutingState.of(exchange).lastStatus()).isZero();
        assertThat(RoutingState.of(exchange).reason()).isEqualTo("IOException");
    }

    @Test
    void aRefusedCertificateIsRetriedLikeAnIoErrorAndTheDeadLetterReasonNamesTls() {
        RoutingRedeliveryPlanner planner = planner(null);
        Exchange exchange = exchange();
        SSLHandshakeException untrusted = new SSLHandshakeException("PKIX path building failed");
        untrusted.initCause(new CertPathBuilderException("unable to find valid certification path"));
        for (int i = 0; i < 5; i++) {
            failedCallsInWindow.incrementAndGet();
            fail(planner, exchange, new RuntimeCamelException(untrusted));
            assertThat(retry(exchange)).isEqualTo(i < 4);
        }
        // the dead-letter route puts this on the dead letter
        assertThat(RoutingState.of(exchange).reason()).isEqualTo(
                "TLS handshake failed: the server's certificate is not trusted (check cxone.ssl-bundle)");
        assertThat(RoutingState.of(exchange).lastStatus()).isZero();

        Exchange wrongHost = exchange();
        fail(planner, wrongHost, new SSLPeerUnverifiedException(
                "Certificate for <api.cxone.example> doesn't match any of the subject alternative names: [other]"));
        assertThat(retry(wrongHost)).isTrue();
        assertThat(RoutingState.of(wrongHost).reason())
                .isEqualTo("TLS handshake failed: the server's certificate is not valid for the host name called");
    }

    @Test
    void anOutageSpendsNoRetries() {
        RoutingRedeliveryPlanner planner = planner(null);
        Exchange exchange = exchange();
        breakerClosed.set(false);
        for (int i = 0; i < 50; i++) {
            fail(planner, exchange, i % 2 == 0 ? http(503, null)
                    : CallNotPermittedException.createCallNotPermittedException(CircuitBreaker.ofDefaults("b")));
            assertThat(retry(exchange)).isTrue();
            assertThat(delay(exchange)).isEqualTo(1000L);
        }
        breakerClosed.set(true);
        fail(planner, exchange, http(503, null));
        // the first failure that counts: the first backoff step
        assertThat(delay(exchange)).isEqualTo(2000L);
        // breaker holds are not retries in the outcome counter
        assertThat(meters.get(RoutingMetrics.OUTCOMES).tag("outcome", "retried").counter().count()).isEqualTo(26);
    }

    @Test
    void anExpiredTokenIsDroppedAndRetriedAtOnceThenBackedOff() {
        RoutingRedeliveryPlanner planner = planner(null);
        Exchange exchange = exchange();
        RoutingState.of(exchange).calling("old-token");
        fail(planner, answered(exchange, 401, null, null), new TokenExpiredException("HTTP 401"));
        assertThat(retry(exchange)).isTrue();
        assertThat(delay(exchange)).isZero();
        assertThat(invalidated).containsExactly("old-token");
        RoutingState.of(exchange).calling("new-token");
        fail(planner, answered(exchange, 401, null, null), new TokenExpiredException("HTTP 401"));
        assertThat(delay(exchange)).isEqualTo(4000L);
        assertThat(invalidated).containsExactly("old-token", "new-token");
    }

    @Test
    void rejectedAndForbiddenAreNotRetried() {
        RoutingRedeliveryPlanner planner = planner(null);
        Exchange rejected = exchange();
        fail(planner, answered(rejected, 400, null, "{\"error\":\"unknown_queue\"}"), new RoutingRejectedException("HTTP 400"));
        assertThat(retry(rejected)).isFalse();
        assertThat(rejected.getIn().getHeader(Exchange.REDELIVERY_DELAY)).isNull();
        Exchange forbidden = exchange();
        fail(planner, answered(forbidden, 403, null, null), new RoutingForbiddenException("HTTP 403"));
        assertThat(retry(forbidden)).isFalse();
        assertThat(RoutingState.of(forbidden).lastStatus()).isEqualTo(403);
    }

    @Test
    void a400TriesTheFallbackQueueOnce() {
        RoutingRedeliveryPlanner planner = planner("general-support");
        Exchange exchange = exchange();
        fail(planner, answered(exchange, 400, null, "{\"error\":\"unknown_queue\"}"), new RoutingRejectedException("HTTP 400"));
        assertThat(retry(exchange)).isTrue();
        assertThat(delay(exchange)).isZero();
        assertThat(RoutingState.of(exchange).queue()).isEqualTo("general-support");
        fail(planner, answered(exchange, 400, null, "queue full"), new RoutingRejectedException("HTTP 400"));
        assertThat(retry(exchange)).isFalse();
        // other refusals do not go to the fallback
        Exchange notFound = exchange();
        fail(planner, answered(notFound, 404, null, null), new RoutingRejectedException("HTTP 404"));
        assertThat(retry(notFound)).isFalse();
    }

    @Test
    void aStopRollsBackInsteadOfDeadLettering() {
        RoutingRedeliveryPlanner planner = planner(null);
        Exchange exchange = exchange();
        fail(planner, exchange, new java.util.concurrent.RejectedExecutionException("Redelivery not allowed while stopping"));
        assertThat(retry(exchange)).isFalse();
        assertThat(exchange.getProperty(RoutingRedeliveryPlanner.ROLL_BACK, Boolean.class)).isTrue();
    }

    @Test
    void anUnreadableMessageIsNotRetried() {
        RoutingRedeliveryPlanner planner = planner(null);
        Exchange exchange = new DefaultExchange(camel);
        fail(planner, exchange, new IllegalArgumentException("not JSON"));
        assertThat(retry(exchange)).isFalse();
    }

    private Exchange exchange() {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(RoutingState.PROPERTY, new RoutingState(
                new GuestMessage("c-1", "fp", "hi", "billing", 0, null, 0)));
        return exchange;
    }

    /** A 408 or 5xx as camel-http throws it inside the breaker. */
    private static HttpOperationFailedException http(int status, String retryAfter) {
        return new HttpOperationFailedException("http://127.0.0.1/api/v2/routing/conversations", status, "status", null,
                retryAfter == null ? Map.of() : Map.of("Retry-After", retryAfter), "");
    }

    /** CXone's answer as the route leaves it on the exchange before it throws. */
    private static Exchange answered(Exchange exchange, int status, String retryAfter, String body) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader("Retry-After", retryAfter);
        exchange.getMessage().setBody(body);
        return exchange;
    }

    private static boolean retry(Exchange exchange) {
        return exchange.getProperty(RoutingRedeliveryPlanner.RETRY, Boolean.class);
    }

    private static void fail(RoutingRedeliveryPlanner planner, Exchange exchange, Exception failure) {
        exchange.setException(failure);
        planner.process(exchange);
        exchange.setException(null);
    }

    private static long delay(Exchange exchange) {
        return exchange.getIn().getHeader(Exchange.REDELIVERY_DELAY, Long.class);
    }
}
