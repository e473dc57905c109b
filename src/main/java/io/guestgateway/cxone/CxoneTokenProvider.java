package io.guestgateway.cxone;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * Ours around Spring Security's client-credentials client, which has no single flight, no failure
 * memory and no half-life refresh for short tokens, all of which docs/cxone-contract.md §1 asks for.
 * <p>
 * The library posts the form (client_secret_post), parses the answer, keeps the authorized client
 * and refreshes it {@code refreshBuffer} before expiry (its clock skew). Here: one refresh at a time,
 * callers keep a still-valid token meanwhile; a token living less than twice the buffer is refreshed
 * at half its life; a refusal (60 s) or an outage (2 s) is remembered so that callers cannot turn it
 * into a storm of token calls. Messages and logs never carry the secret or a token.
 */
public class CxoneTokenProvider implements AccessTokens {

    private static final Logger LOG = LoggerFactory.getLogger(CxoneTokenProvider.class);
    static final List<String> REQUIRED_SCOPES = List.of("webchat:read", "routing:write");
    private static final String REGISTRATION = "cxone";
    private static final String PRINCIPAL = "cxone-guest-gateway";
    private static final OAuth2AuthorizeRequest REQUEST =
            OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION).principal(PRINCIPAL).build();

    private final String clientId;
    private final URI tokenUri;
    private final Duration refreshBuffer;
    private final Duration rejectedBackoff;
    private final Duration unavailableBackoff;
    private final Clock clock;
    private final InMemoryOAuth2AuthorizedClientService store;
    private final AuthorizedClientServiceOAuth2AuthorizedClientManager manager;
    private final CxoneTokenClient client;
    private final ReentrantLock refreshing = new ReentrantLock();
    private CxoneTokenException lastFailure;   // guarded by refreshing
    private Instant quietUntil = Instant.MIN;  // guarded by refreshing: no token call before this

    CxoneTokenProvider(Builder b) {
        this.clientId = b.clientId;
        this.tokenUri = b.tokenUri();
        this.refreshBuffer = b.refreshBuffer;
        this.rejectedBackoff = b.rejectedBackoff;
        this.unavailableBackoff = b.unavailableBackoff;
        this.clock = b.clock;
        ClientRegistration registration = ClientRegistration.withRegistrationId(REGISTRATION)
                .clientId(b.clientId).clientSecret(b.clientSecret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scope(Arrays.stream(b.scope.trim().split("\\s+")).toList())
                .tokenUri(tokenUri.toString())
                .build();
        var registrations = new InMemoryClientRegistrationRepository(registration);
        this.store = new InMemoryOAuth2AuthorizedClientService(registrations);
        ClientCredentialsOAuth2AuthorizedClientProvider clientCredentials = new ClientCredentialsOAuth2AuthorizedClientProvider();
        this.client = new CxoneTokenClient(b);
        clientCredentials.setAccessTokenResponseClient(client);
        clientCredentials.setClock(clock);
        clientCredentials.setClockSkew(refreshBuffer);
        this.manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, store);
        manager.setAuthorizedClientProvider(halfLifeFirst(clientCredentials));
    }

    /** Settings for a provider: the contract's defaults, changed where needed. */
    public static Builder builder(URI apiBase, String clientId, String clientSecret) {
        return new Builder(apiBase, clientId, clientSecret);
    }

    /** With the contract's defaults (tests, and the cxone-ws component used on its own). */
    public CxoneTokenProvider(String apiBase, String clientId, String clientSecret) {
        this(builder(URI.create(apiBase), clientId, clientSecret));
    }

    /**
     * How the provider logs in and how patient it is. Defaults: the contract's scope, 300 s buffer,
     * 10 s timeout, 4 attempts while CXone answers 429 with Retry-After capped at 30 s, no new call
     * for 60 s after a refusal and 2 s after an outage, the JVM's CAs.
     */
    public static final class Builder {
        final URI apiBase;
        final String clientId;
        final String clientSecret;
        String scope = io.guestgateway.config.CxoneProperties.DEFAULT_SCOPE;
        Duration refreshBuffer = Duration.ofSeconds(300);
        Duration httpTimeout = Duration.ofSeconds(10);
        int maxAttempts = 4;
        Duration maxRetryAfter = Duration.ofSeconds(30);
        Duration rejectedBackoff = Duration.ofSeconds(60);
        Duration unavailableBackoff = Duration.ofSeconds(2);
        TlsTrust tls = TlsTrust.jvmDefault(TlsTrust.CXONE_KEY);
        Clock clock = Clock.systemUTC();

        Builder(URI apiBase, String clientId, String clientSecret) {
            this.apiBase = java.util.Objects.requireNonNull(apiBase, "apiBase");
            this.clientId = java.util.Objects.requireNonNull(clientId, "clientId");
            this.clientSecret = java.util.Objects.requireNonNull(clientSecret, "clientSecret");
        }

        public Builder scope(String v) {
            scope = v;
            return this;
        }

        public Builder refreshBuffer(Duration v) {
            refreshBuffer = v;
            return this;
        }

        public Builder httpTimeout(Duration v) {
            httpTimeout = v;
            return this;
        }

        /** Token calls per refresh while CXone answers 429 (at least 1), and the cap on its Retry-After. */
        public Builder retries(int attempts, Duration maxWait) {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be at least 1");
            }
            maxAttempts = attempts;
            maxRetryAfter = maxWait;
            return this;
        }

        /** No new token call for this long after a refusal (401, missing scope), or a transient failure. */
        public Builder failureBackoff(Duration rejected, Duration unavailable) {
            rejectedBackoff = rejected;
            unavailableBackoff = unavailable;
            return this;
        }

        /** Whom an https token endpoint must be vouched for by (checks are always on). */
        public Builder tls(TlsTrust v) {
            tls = v;
            return this;
        }

        Builder clock(Clock v) {
            clock = v;
            return this;
        }

        /** {@code {apiBase}/oauth/v2/token}, whether or not apiBase ends in a slash. */
        URI tokenUri() {
            String base = apiBase.toString();
            return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/oauth/v2/token");
        }

        public CxoneTokenProvider build() {
            return new CxoneTokenProvider(this);
        }
    }

    @Override
    public String token() {
        OAuth2AuthorizedClient seen = cached();
        if (seen != null && !due(seen)) {
            return seen.getAccessToken().getTokenValue();
        }
        if (!refreshing.tryLock()) {
            if (seen != null && valid(seen)) {
                return seen.getAccessToken().getTokenValue();  // someone is refreshing; this one still works
            }
            refreshing.lock();
        }
        try {
            return refresh();
        } finally {
            refreshing.unlock();
        }
    }

    @Override
    public void invalidate(String token) {
        refreshing.lock();
        try {
            OAuth2AuthorizedClient c = cached();
            if (c != null && c.getAccessToken().getTokenValue().equals(token)) {
                store.removeAuthorizedClient(REGISTRATION, PRINCIPAL);
            }
        } finally {
            refreshing.unlock();
        }
    }

    /**
     * Fetches a token once at start-up. Wrong credentials or a missing scope throw, so start-up
     * fails with a message that says which; an unreachable CXone only warns, because the gateway
     * must start anyway and keep trying.
     */
    public void verifyAtStartup() {
        try {
            token();
            LOG.info("CXone issued a token to client id '{}' with the scopes the gateway needs",
                    LogSafe.escape(clientId, 80));
        } catch (CxoneTokenException e) {
            if (e.fatal()) {
                throw e;
            }
            LOG.warn("CXone could not be asked for a token at start-up ({}); starting anyway and retrying later",
                    e.getMessage());
        }
    }

    private String refresh() {
        OAuth2AuthorizedClient current = cached();
        if (current != null && !due(current)) {
            return current.getAccessToken().getTokenValue();  // refreshed while we waited for the lock
        }
        if (clock.instant().isBefore(quietUntil)) {
            return stillValidOrThrow(current, lastFailure);
        }
        try {
            OAuth2AuthorizedClient fresh = manager.authorize(REQUEST);
            lastFailure = null;
            quietUntil = Instant.MIN;
            OAuth2AccessToken token = fresh.getAccessToken();
            LOG.debug("CXone token refreshed; valid for {} s", lifetime(token).toSeconds());
            return token.getTokenValue();
        } catch (RuntimeException e) {
            CxoneTokenException failure = client.classify(e);
            Duration quiet = failure.fatal() ? rejectedBackoff : unavailableBackoff;
            lastFailure = failure;
            quietUntil = clock.instant().plus(quiet);
            (failure.fatal() ? LOG.atError() : LOG.atWarn()).log("{}; no new token call for {} ms",
                    failure.getMessage(), quiet.toMillis());
            return stillValidOrThrow(cached(), failure);
        }
    }

    /**
     * The library refreshes {@code refreshBuffer} before expiry, which for a token living less than
     * that means on every call; this waits for half its life first. A new token's life is put on
     * {@link #clock} (the library stamps it with the system clock) so that both agree on it.
     */
    private OAuth2AuthorizedClientProvider halfLifeFirst(OAuth2AuthorizedClientProvider library) {
        return context -> {
            OAuth2AuthorizedClient c = context.getAuthorizedClient();
            if (c != null && !due(c)) {
                return null;
            }
            OAuth2AuthorizedClient fresh = library.authorize(context);
            if (fresh == null || fresh == c) {
                return fresh;
            }
            OAuth2AccessToken t = fresh.getAccessToken();
            Instant now = clock.instant();
            OAuth2AccessToken onOurClock = new OAuth2AccessToken(t.getTokenType(), t.getTokenValue(), now,
                    now.plus(lifetime(t)), t.getScopes());
            return new OAuth2AuthorizedClient(fresh.getClientRegistration(), fresh.getPrincipalName(), onOurClock,
                    fresh.getRefreshToken());
        };
    }

    /** Due after max(L - buffer, L/2) of its life L, so a short-lived token refreshes part-way. */
    private boolean due(OAuth2AuthorizedClient c) {
        OAuth2AccessToken t = c.getAccessToken();
        if (t.getIssuedAt() == null || t.getExpiresAt() == null) {
            return true;
        }
        Duration life = lifetime(t);
        Duration early = life.minus(refreshBuffer);
        Duration half = life.dividedBy(2);
        return !clock.instant().isBefore(t.getIssuedAt().plus(early.compareTo(half) > 0 ? early : half));
    }

    private boolean valid(OAuth2AuthorizedClient c) {
        Instant expiresAt = c.getAccessToken().getExpiresAt();
        return expiresAt != null && clock.instant().isBefore(expiresAt);
    }

    private OAuth2AuthorizedClient cached() {
        return store.loadAuthorizedClient(REGISTRATION, PRINCIPAL);
    }

    /** A token that has not expired yet beats an error: callers keep working through a bad patch. */
    private String stillValidOrThrow(OAuth2AuthorizedClient c, CxoneTokenException failure) {
        if (c != null && valid(c)) {
            return c.getAccessToken().getTokenValue();
        }
        throw failure;
    }

    private static Duration lifetime(OAuth2AccessToken t) {
        return Duration.between(t.getIssuedAt(), t.getExpiresAt());
    }

    @Override
    public String toString() {
        return "CxoneTokenProvider[tokenUri=" + tokenUri + ", clientId=" + LogSafe.escape(clientId, 80)
                + ", clientSecret=******, refreshBuffer=" + refreshBuffer + "]";
    }
}
