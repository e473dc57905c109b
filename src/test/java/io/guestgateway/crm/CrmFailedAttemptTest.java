package io.guestgateway.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class CrmFailedAttemptTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
    private final CrmFailedAttempt retryAfter = new CrmFailedAttempt(Duration.ofSeconds(120), clock);

    @Test
    void deltaSecondsBecomeTheNextDelay() {
        Exchange exchange = failedWith(429, Map.of("retry-after", "3"));

        retryAfter.process(exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.REDELIVERY_DELAY)).isEqualTo(3000L);
    }

    @Test
    void anHttpDateIsTheTimeLeftUntilThen() {
        Exchange exchange = failedWith(503, Map.of("Retry-After", "Sun, 29 Nov 2026 10:00:07 GMT"));

        retryAfter.process(exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.REDELIVERY_DELAY)).isEqualTo(7000L);
    }

    @Test
    void longWaitsAreCappedAndPastDatesMeanNow() {
        assertThat(retryAfter.waitMillis("86400")).isEqualTo(86_400_000L);
        Exchange exchange = failedWith(429, Map.of("Retry-After", "86400"));
        retryAfter.process(exchange);
        assertThat(exchange.getMessage().getHeader(Exchange.REDELIVERY_DELAY)).isEqualTo(120_000L);

        assertThat(retryAfter.waitMillis("Sun, 29 Nov 2026 09:00:00 GMT")).isZero();
        assertThat(retryAfter.waitMillis("99999999999999999999")).isEqualTo(120_000L);
        assertThat(retryAfter.waitMillis("soon")).isNull();
        assertThat(retryAfter.waitMillis("")).isNull();
    }

    @Test
    void aFailureWithoutRetryAfterClearsAnEarlierWaitSoBackoffApplies() {
        Exchange exchange = failedWith(429, Map.of("Retry-After", "5"));
        retryAfter.process(exchange);
        exchange.setException(CrmFailuresTest.http(503));

        retryAfter.process(exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.REDELIVERY_DELAY)).isNull();
    }

    @Test
    void failedCallsAreCountedAndTheFirstFailureTimeIsKept() {
        Exchange exchange = failedWith(503, Map.of());
        exchange.setProperty(CrmFailedAttempt.FIRST_FAILURE_AT, 42L);

        retryAfter.process(exchange);
        retryAfter.process(exchange);
        assertThat(exchange.getProperty(CrmFailedAttempt.FIRST_FAILURE_AT)).isEqualTo(42L);
        assertThat(exchange.getProperty(CrmFailedAttempt.ATTEMPTS)).isEqualTo(2);

        Exchange fresh = failedWith(503, Map.of());
        retryAfter.process(fresh);
        assertThat(fresh.getProperty(CrmFailedAttempt.FIRST_FAILURE_AT)).isEqualTo(clock.millis());
    }

    private static Exchange failedWith(int status, Map<String, String> headers) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setException(new HttpOperationFailedException("http://crm/batch", status, "x", null, headers, ""));
        return exchange;
    }
}
