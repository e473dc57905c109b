package io.guestgateway.routing;

import io.guestgateway.cxone.RetryAfter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A routing answer's {@code Retry-After} (delta-seconds or an HTTP date, read by the same
 * {@link RetryAfter} as the token endpoint's), capped at {@code routing.max-retry-after}: a
 * confused or hostile server must not park a conversation for a day.
 */
public final class RetryAfterHeader {

    private RetryAfterHeader() {}

    /** The wait asked for, between zero and {@code cap}; empty when the value is missing or unreadable. */
    public static Optional<Duration> parse(String value, Instant now, Duration cap) {
        return RetryAfter.parse(value, now).map(wait -> wait.compareTo(cap) > 0 ? cap : wait);
    }
}
