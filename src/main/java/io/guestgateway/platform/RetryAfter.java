package io.guestgateway.platform;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * Why ours: neither Camel's redelivery nor Spring's OAuth2 client reads Retry-After; this one also caps it.
 *
 * <p>Reads an HTTP {@code Retry-After} value: delta-seconds or an HTTP date (RFC 9110 §10.2.3). The one
 * parser for every answer that carries it: the token endpoint, Task Routing and the CRM.
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    /** The wait the value asks for (never negative), or empty when it is missing or unreadable. */
    public static Optional<Duration> parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        if (v.chars().allMatch(Character::isDigit)) {
            // more than 9 digits is nonsense anyway; the caller caps the wait
            return Optional.of(v.length() > 9 ? Duration.ofSeconds(999_999_999) : Duration.ofSeconds(Long.parseLong(v)));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The wait asked for, between zero and {@code cap}: a confused or hostile server must not park a
     * call for a day. Empty when the value is missing or unreadable.
     */
    public static Optional<Duration> parse(String value, Instant now, Duration cap) {
        return parse(value, now).map(wait -> wait.compareTo(cap) > 0 ? cap : wait);
    }

    /** The capped wait a failed camel-http call's answer asks for (its headers are matched by name, any case). */
    public static Optional<Duration> of(HttpOperationFailedException failure, Instant now, Duration cap) {
        Map<String, String> headers = failure.getResponseHeaders();
        if (headers != null) {
            for (Map.Entry<String, String> header : headers.entrySet()) {
                if ("Retry-After".equalsIgnoreCase(header.getKey())) {
                    return parse(header.getValue(), now, cap);
                }
            }
        }
        return Optional.empty();
    }
}
