package io.guestgateway.cxone;

import io.guestgateway.config.CxoneProperties;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link CxoneTokenProvider} logs in to CXone and how patient it is.
 *
 * @param refreshBuffer        refresh this long before expiry (a shorter-lived token: at half its life)
 * @param httpTimeout          connect and request timeout of one token call
 * @param maxAttempts          token calls per refresh while CXone answers 429 (at least 1)
 * @param maxRetryAfter        cap on a 429's {@code Retry-After} wait
 * @param rejectedBackoff      after a refusal (401, missing scope) no new call for this long
 * @param unavailableBackoff   after a transient failure no new call for this long
 */
public record TokenSettings(URI apiBase, String clientId, String clientSecret, String scope,
        Duration refreshBuffer, Duration httpTimeout, int maxAttempts, Duration maxRetryAfter,
        Duration rejectedBackoff, Duration unavailableBackoff) {

    public TokenSettings {
        Objects.requireNonNull(apiBase, "apiBase");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(scope, "scope");
        requireNotNegative(refreshBuffer, "refreshBuffer");
        requireNotNegative(maxRetryAfter, "maxRetryAfter");
        requireNotNegative(rejectedBackoff, "rejectedBackoff");
        requireNotNegative(unavailableBackoff, "unavailableBackoff");
        if (httpTimeout == null || httpTimeout.isZero() || httpTimeout.isNegative()) {
            throw new IllegalArgumentException("httpTimeout must be positive");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** The contract's defaults: 300 s buffer, 10 s timeout, 4 attempts, Retry-After capped at 30 s. */
    public static TokenSettings of(URI apiBase, String clientId, String clientSecret) {
        return new TokenSettings(apiBase, clientId, clientSecret, CxoneProperties.DEFAULT_SCOPE,
                Duration.ofSeconds(300), Duration.ofSeconds(10), 4, Duration.ofSeconds(30),
                Duration.ofSeconds(60), Duration.ofSeconds(2));
    }

    public static TokenSettings from(CxoneProperties p) {
        return of(p.apiBase(), p.clientId(), p.clientSecret())
                .withScope(p.scope())
                .withRefreshBuffer(p.tokenRefreshBuffer())
                .withHttpTimeout(p.httpTimeout());
    }

    /** {@code {apiBase}/oauth/v2/token}, whether or not apiBase ends in a slash. */
    public URI tokenUri() {
        String base = apiBase.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/oauth/v2/token");
    }

    public TokenSettings withScope(String v) {
        return new TokenSettings(apiBase, clientId, clientSecret, v, refreshBuffer, httpTimeout, maxAttempts,
                maxRetryAfter, rejectedBackoff, unavailableBackoff);
    }

    public TokenSettings withRefreshBuffer(Duration v) {
        return new TokenSettings(apiBase, clientId, clientSecret, scope, v, httpTimeout, maxAttempts,
                maxRetryAfter, rejectedBackoff, unavailableBackoff);
    }

    public TokenSettings withHttpTimeout(Duration v) {
        return new TokenSettings(apiBase, clientId, clientSecret, scope, refreshBuffer, v, maxAttempts,
                maxRetryAfter, rejectedBackoff, unavailableBackoff);
    }

    public TokenSettings withRetries(int attempts, Duration maxWait) {
        return new TokenSettings(apiBase, clientId, clientSecret, scope, refreshBuffer, httpTimeout, attempts,
                maxWait, rejectedBackoff, unavailableBackoff);
    }

    public TokenSettings withFailureBackoff(Duration rejected, Duration unavailable) {
        return new TokenSettings(apiBase, clientId, clientSecret, scope, refreshBuffer, httpTimeout, maxAttempts,
                maxRetryAfter, rejected, unavailable);
    }

    private static void requireNotNegative(Duration d, String name) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero or more");
        }
    }

    @Override
    public String toString() {
        return "TokenSettings[tokenUri=" + tokenUri() + ", clientId=" + LogSafe.escape(clientId, 80)
                + ", clientSecret=******, scope=" + scope + ", refreshBuffer=" + refreshBuffer + "]";
    }
}
