package io.guestgateway.crm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * Runs after every failed CRM call, before the error handler picks the next delay (the route's
 * {@code onExceptionOccurredRef}). It counts the failed calls, remembers when the first one failed,
 * and when the CRM sent {@code Retry-After} (delta-seconds or an HTTP date), puts that wait, capped
 * at {@code crm.max-retry-after}, into {@link Exchange#REDELIVERY_DELAY}, which the error handler
 * uses instead of its exponential backoff for this one attempt. A failure without the header
 * clears it, so an earlier 429's wait is not reused.
 */
public class CrmFailedAttempt implements Processor {

    /** Exchange property: epoch milliseconds of the batch's first failed call. */
    public static final String FIRST_FAILURE_AT = "CrmFirstFailureAt";
    /** Exchange property: failed calls so far. */
    public static final String ATTEMPTS = "CrmFailedAttempts";

    private final long maxWaitMillis;
    private final Clock clock;

    public CrmFailedAttempt(Duration maxWait) {
        this(maxWait, Clock.systemUTC());
    }

    CrmFailedAttempt(Duration maxWait, Clock clock) {
        this.maxWaitMillis = maxWait.toMillis();
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        if (exchange.getProperty(FIRST_FAILURE_AT) == null) {
            exchange.setProperty(FIRST_FAILURE_AT, clock.millis());
        }
        exchange.setProperty(ATTEMPTS, exchange.getProperty(ATTEMPTS, 0, Integer.class) + 1);
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        HttpOperationFailedException http = CrmFailures.find(failure, HttpOperationFailedException.class);
        Long wait = http == null ? null : waitMillis(header(http.getResponseHeaders(), "Retry-After"));
        if (wait == null) {
            exchange.getMessage().removeHeader(Exchange.REDELIVERY_DELAY);
        } else {
            exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, Math.min(wait, maxWaitMillis));
        }
    }

    /** Milliseconds to wait for a {@code Retry-After} value, or null when absent or unreadable. */
    Long waitMillis(String retryAfter) {
        if (retryAfter == null || retryAfter.isBlank()) {
            return null;
        }
        String value = retryAfter.trim();
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return Math.multiplyExact(Long.parseLong(value), 1000L);
            } catch (ArithmeticException | NumberFormatException e) {
                return maxWaitMillis;
            }
        }
        try {
            Instant until = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Math.max(0, until.toEpochMilli() - clock.millis());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String header(Map<String, String> headers, String name) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, String> entry : headers.entrySet()) {
            if (name.equalsIgnoreCase(entry.getKey())) {
                return entry.getValue();
            }
        }
        return null;
    }
}
