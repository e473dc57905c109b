package io.guestgateway.routing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads {@code Retry-After} (RFC 9110 §10.2.3): delta-seconds or an HTTP date. The wait is capped,
 * because a confused or hostile server must not park a conversation for a day.
 */
public final class RetryAfterHeader {

    private RetryAfterHeader() {}

    /** The wait asked for, between zero and {@code cap}; empty when the value is missing or unreadable. */
    public static Optional<Duration> parse(String value, Instant now, Duration cap) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        Duration wait;
        if (v.chars().allMatch(Character::isDigit)) {
            // more digits than a long holds is still "a very long time": the cap decides
            wait = v.length() > 12 ? cap : Duration.ofSeconds(Long.parseLong(v));
        } else {
            try {
                wait = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        if (wait.isNegative()) {
            return Optional.of(Duration.ZERO);
        }
        return Optional.of(wait.compareTo(cap) > 0 ? cap : wait);
    }
}
