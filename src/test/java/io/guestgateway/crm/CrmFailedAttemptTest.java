package io.guestgateway.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class CrmFailedAttemptTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
    private final CrmFailedAttempt failedAttempt = new CrmFailedAttempt(Duration.ofSeconds(120), clock);

    @Test
    void deltaSecondsBecomeTheNextDelay() {
        assertThat(delayAfter(429, "3")).isEqualTo(3000L);
    }

    @Test
    void anHttpDateIsTheTimeLeftUntilThen() {
        assertThat(delayAfter(503, "Sun, 29 Nov 2026 10:00:07 GMT")).isEqualTo(7000L);
    }

    @Test
    void longWaitsAreCappedPastDatesMeanNowAndNonsenseMeansBackoff() {
        assertThat(delayAfter(429, "86400")).isEqualTo(120_000L);
        assertThat(delayAfter(429, "99999999999999999999")).isEqualTo(120_000L);
        assertThat(delayAfter(503, "Sun, 29 Nov 2026 09:00:00 GMT")).isEqualTo(0L);
        assertThat(delayAfter(503, "soon")).isNull();
        assertThat(delayAfter(503, "")).isNull();
    }

    @Test
    void theHeaderIsFoundWhateverItsCaseAndWhateverWrapsTheAnswer() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setException(new RuntimeCamelException(http(429, Map.of("retry-after", "2"))));

        failedAttempt.process(exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.REDELIVERY_DELAY)).isEqualTo(2000L);
    }

    @Test
    void aFailureWithoutRetryAfterClearsAnEarlierWaitSoBackoffApplies() {
        Exchange exchange = failedWith(http(429, Map.of("Retry-After", "5")));
        failedAttempt.process(exchange);
        exchange.setException(new java.net.ConnectException("refused"));

        failedAttempt.process(exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.REDELIVERY_DELAY)).isNull();
    }

    @Test
    void failedCallsAreCountedAndTheFirstFailureTimeIsKept() {
        Exchange exchange = failedWith(http(503, Map.of()));
        exchange.setProperty(CrmFailedAttempt.FIRST_FAILURE_AT, 42L);

        failedAttempt.process(exchange);
        failedAttempt.process(exchange);
        assertThat(exchange.getProperty(CrmFailedAttempt.FIRST_FAILURE_AT)).isEqualTo(42L);
        assertThat(exchange.getProperty(CrmFailedAttempt.FAILED_CALLS)).isEqualTo(2);

        Exchange fresh = failedWith(http(503, Map.of()));
        failedAttempt.process(fresh);
        assertThat(fresh.getProperty(CrmFailedAttempt.FIRST_FAILURE_AT)).isEqualTo(clock.millis());
        assertThat(fresh.getProperty(CrmFailedAttempt.FAILED_CALLS)).isEqualTo(1);
    }

    private Object delayAfter(int status, String retryAfter) {
        Exchange exchange = failedWith(http(status, Map.of("Retry-After", retryAfter)));
        failedAttempt.process(exchange);
        return exchange.getMessage().getHeader(Exchange.REDELIVERY_DELAY);
    }

    private static Exchange failedWith(Exception failure) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setException(failure);
        return exchange;
    }

    private static HttpOperationFailedException http(int status, Map<String, String> headers) {
        return new HttpOperationFailedException("http://crm/batch", status, "x", null, headers, "");
    }
}
