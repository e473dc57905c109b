package io.guestgateway.sandbox;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Opaque bearer tokens the sandbox issued, each with its expiry and scopes. Thread-safe: the
 * event loop checks tokens while tests expire them from their own thread.
 */
final class TokenStore {

    /** Why a token was or was not accepted. */
    enum Verdict { VALID, UNKNOWN, EXPIRED }

    private record Grant(long expiresAtMillis, Set<String> scopes) {}

    private static final int SWEEP_THRESHOLD = 10_000;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final AtomicLong issued = new AtomicLong();
    private final Duration lifetime;

    TokenStore(Duration lifetime) {
        this.lifetime = lifetime;
    }

    String issue(Set<String> scopes) {
        if (grants.size() > SWEEP_THRESHOLD) {
            long now = System.currentTimeMillis();
            grants.values().removeIf(g -> g.expiresAtMillis() <= now);
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = "sbx." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        grants.put(token, new Grant(System.currentTimeMillis() + lifetime.toMillis(), Set.copyOf(scopes)));
        issued.incrementAndGet();
        return token;
    }

    Verdict check(String token) {
        Grant grant = token == null ? null : grants.get(token);
        if (grant == null) {
            return Verdict.UNKNOWN;
        }
        return grant.expiresAtMillis() > System.currentTimeMillis() ? Verdict.VALID : Verdict.EXPIRED;
    }

    /** Whether a {@link Verdict#VALID} token carries {@code scope}. */
    boolean hasScope(String token, String scope) {
        Grant grant = grants.get(token);
        return grant != null && grant.scopes().contains(scope);
    }

    /** Every token issued so far is expired from now on; later tokens are valid as usual. */
    void expireAll() {
        long past = System.currentTimeMillis() - 1;
        grants.replaceAll((token, grant) -> new Grant(past, grant.scopes()));
    }

    long issued() {
        return issued.get();
    }

    void resetCount() {
        issued.set(0);
    }
}
