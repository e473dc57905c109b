package io.guestgateway.cxone;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CXone access tokens by client credentials (contract §1): one cached token, refreshed before it
 * expires, one refresh in flight shared by every caller, failures remembered for a while so a
 * wrong secret or an outage does not turn into a storm of token calls. Plain POJO, thread-safe.
 */
public class CxoneTokenProvider implements AccessTokens {

    private static final Logger LOG = LoggerFactory.getLogger(CxoneTokenProvider.class);
    static final List<String> REQUIRED_SCOPES = List.of("webchat:read", "routing:write");

    /** The cached token; refreshAt is when a caller starts a refresh, expiresAt when it is unusable. */
    private record Cached(String token, Instant refreshAt, Instant expiresAt) {
        @Override
        public String toString() {
            return "Cached[token=******, refreshAt=" + refreshAt + ", expiresAt=" + expiresAt + "]";
        }
    }

    private final TokenSettings settings;
    private final TokenEndpointClient endpoint;
    private final Clock clock;
    private final Object lock = new Object();
    private volatile Cached current;
    private CompletableFuture<Cached> inFlight;  // guarded by lock
    private CxoneTokenException lastFailure;     // guarded by lock
    private Instant quietUntil = Instant.MIN;    // guarded by lock: no token call before this

    public CxoneTokenProvider(TokenSettings settings) {
        this(settings, TrustStore.jvmDefault());
    }

    /** {@code trust}: whom to trust for an https token endpoint (checks are always on). */
    public CxoneTokenProvider(TokenSettings settings, TrustStore trust) {
        this(settings, trust, Clock.systemUTC());
    }

    /** For YAML {@code beans:} (Camel JBang, Camel K): the contract's defaults otherwise. */
    public CxoneTokenProvider(String apiBase, String clientId, String clientSecret) {
        this(TokenSettings.of(URI.create(apiBase), clientId, clientSecret));
    }

    /** As above, trusting the given trust store (a blank path: the JVM's default) for https. */
    public CxoneTokenProvider(String apiBase, String clientId, String clientSecret, String trustStore,
            String trustStorePassword, String trustStoreType) {
        this(TokenSettings.of(URI.create(apiBase), clientId, clientSecret),
                TrustStore.of(trustStore, trustStorePassword, trustStoreType));
    }

    CxoneTokenProvider(TokenSettings settings, Clock clock) {
        this(settings, TrustStore.jvmDefault(), clock);
    }

    CxoneTokenProvider(TokenSettings settings, TrustStore trust, Clock clock) {
        this.settings = settings;
        this.endpoint = new TokenEndpointClient(settings, trust);
        this.clock = clock;
    }

    @Override
    public String token() {
        Cached seen = current;
        if (seen != null && clock.instant().isBefore(seen.refreshAt())) {
            return seen.token();
        }
        return refresh(seen);
    }

    @Override
    public void invalidate(String token) {
        synchronized (lock) {
            if (current != null && current.token().equals(token)) {
                current = null;
            }
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
                    LogSafe.escape(settings.clientId(), 80));
        } catch (CxoneTokenException e) {
            if (e.fatal()) {
                throw e;
            }
            LOG.warn("CXone could not be asked for a token at start-up ({}); starting anyway and retrying later",
                    e.getMessage());
        }
    }

    private String refresh(Cached seen) {
        CompletableFuture<Cached> flight;
        boolean leader = false;
        synchronized (lock) {
            Instant now = clock.instant();
            Cached c = current;
            if (c != null && now.isBefore(c.refreshAt())) {
                return c.token();  // another caller refreshed while we waited for the lock
            }
            if (inFlight == null && now.isBefore(quietUntil)) {
                return stillValidOrThrow(c, now, lastFailure);
            }
            if (inFlight == null) {
                inFlight = new CompletableFuture<>();
                leader = true;
            }
            flight = inFlight;
        }
        if (leader) {
            fetchInto(flight);
        } else if (seen != null && clock.instant().isBefore(seen.expiresAt())) {
            return seen.token();  // someone is refreshing; the old token is still good meanwhile
        }
        try {
            return flight.get().token();
        } catch (ExecutionException e) {
            CxoneTokenException failure = (CxoneTokenException) e.getCause();
            return stillValidOrThrow(current, clock.instant(), failure);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenUnavailableException("interrupted while waiting for a CXone token", e);
        }
    }

    private void fetchInto(CompletableFuture<Cached> flight) {
        Instant started = clock.instant();
        try {
            TokenEndpointClient.Grant grant = endpoint.fetch();
            checkScopes(grant.scopes());
            Cached fresh = cache(grant, started);
            synchronized (lock) {
                current = fresh;
                inFlight = null;
                lastFailure = null;
                quietUntil = Instant.MIN;
            }
            LOG.debug("CXone token refreshed; valid for {} s", grant.lifetime().toSeconds());
            flight.complete(fresh);
        } catch (RuntimeException e) {
            CxoneTokenException failure = e instanceof CxoneTokenException cte ? cte
                    : new TokenUnavailableException("CXone token call failed: " + e.getClass().getSimpleName(), e);
            Duration quiet = failure.fatal() ? settings.rejectedBackoff() : settings.unavailableBackoff();
            synchronized (lock) {
                inFlight = null;
                lastFailure = failure;
                quietUntil = clock.instant().plus(quiet);
            }
            (failure.fatal() ? LOG.atError() : LOG.atWarn()).log("{}; no new token call for {} ms",
                    failure.getMessage(), quiet.toMillis());
            flight.completeExceptionally(failure);
        }
    }

    /** A token lives lifetime L; refresh after max(L - buffer, L/2), so short lives refresh part-way. */
    private Cached cache(TokenEndpointClient.Grant grant, Instant fetchedAt) {
        Duration life = grant.lifetime();
        Duration early = life.minus(settings.refreshBuffer());
        Duration half = life.dividedBy(2);
        Duration refreshAfter = early.compareTo(half) > 0 ? early : half;
        return new Cached(grant.token(), fetchedAt.plus(refreshAfter), fetchedAt.plus(life));
    }

    private void checkScopes(List<String> granted) {
        if (granted == null) {
            return;  // the contract makes scope optional; nothing to check
        }
        List<String> missing = REQUIRED_SCOPES.stream().filter(s -> !granted.contains(s)).toList();
        if (!missing.isEmpty()) {
            throw new MissingScopeException("CXone granted client id '" + LogSafe.escape(settings.clientId(), 80)
                    + "' a token without the scope " + String.join(" and ", missing)
                    + ", which the gateway needs; grant it to the client in CXone (and keep it in cxone.scope)",
                    missing);
        }
    }

    /** A token that has not expired yet beats an error: callers keep working through a bad patch. */
    private static String stillValidOrThrow(Cached c, Instant now, CxoneTokenException failure) {
        if (c != null && now.isBefore(c.expiresAt())) {
            return c.token();
        }
        throw failure;
    }

    @Override
    public String toString() {
        return "CxoneTokenProvider[" + settings + "]";
    }
}
