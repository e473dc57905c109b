package io.guestgateway.sandbox;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How a {@link CxoneSandbox} is set up. Start from {@link #defaults()} and change what a test needs
 * with the withers.
 *
 * @param port             loopback port; 0 picks a free one
 * @param clientId         the only client the token endpoint accepts
 * @param clientSecret     its secret
 * @param tokenLifetime    how long an issued token is valid ({@code expires_in})
 * @param grantedScopes    the scopes this client may get; a token gets those it asks for among them
 * @param queues           queue ids the routing API knows (others: 400)
 * @param restrictedQueues queue ids the routing API refuses with 403
 * @param routingFaults    initial faults of the routing API
 * @param crmFaults        initial faults of the CRM endpoint
 * @param authTimeout      a WebSocket without an auth frame after this long is closed with 1008
 * @param seed             seeds the fault randomness, so a failure-rate run is reproducible
 * @param maxRecordedCalls calls kept per endpoint for inspection (the oldest go first; counts stay exact)
 */
public record SandboxSettings(
        int port,
        String clientId,
        String clientSecret,
        Duration tokenLifetime,
        Set<String> grantedScopes,
        Set<String> queues,
        Set<String> restrictedQueues,
        FaultSettings routingFaults,
        FaultSettings crmFaults,
        Duration authTimeout,
        long seed,
        int maxRecordedCalls) {

    /** The four scopes of the contract. */
    public static final Set<String> ALL_SCOPES =
            Set.of("webchat:read", "routing:write", "conversations:read", "users:read");

    public SandboxSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535");
        }
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        if (tokenLifetime == null || tokenLifetime.isNegative() || tokenLifetime.isZero()) {
            throw new IllegalArgumentException("tokenLifetime must be positive");
        }
        if (authTimeout == null || authTimeout.isNegative() || authTimeout.isZero()) {
            throw new IllegalArgumentException("authTimeout must be positive");
        }
        if (maxRecordedCalls < 0) {
            throw new IllegalArgumentException("maxRecordedCalls must not be negative");
        }
        grantedScopes = Set.copyOf(grantedScopes);
        queues = Set.copyOf(queues);
        restrictedQueues = Set.copyOf(restrictedQueues);
        Objects.requireNonNull(routingFaults, "routingFaults");
        Objects.requireNonNull(crmFaults, "crmFaults");
    }

    public static SandboxSettings defaults() {
        return new SandboxSettings(0, "sandbox-client", "sandbox-secret", Duration.ofSeconds(3600), ALL_SCOPES,
                Set.of("general-support", "billing", "sales", "default"), Set.of(),
                FaultSettings.none(), FaultSettings.none(), Duration.ofSeconds(5), 42L, 100_000);
    }

    public SandboxSettings withPort(int p) {
        return new SandboxSettings(p, clientId, clientSecret, tokenLifetime, grantedScopes, queues,
                restrictedQueues, routingFaults, crmFaults, authTimeout, seed, maxRecordedCalls);
    }

    public SandboxSettings withClientId(String id) {
        return new SandboxSettings(port, id, clientSecret, tokenLifetime, grantedScopes, queues,
                restrictedQueues, routingFaults, crmFaults, authTimeout, seed, maxRecordedCalls);
    }

    public SandboxSettings withClientSecret(String secret) {
        return new SandboxSettings(port, clientId, secret, tokenLifetime, grantedScopes, queues,
                restrictedQueues, routingFaults, crmFaults, authTimeout, seed, maxRecordedCalls);
    }

    public SandboxSettings withTokenLifetime(Duration lifetime) {
        return new SandboxSettings(port, clientId, clientSecret, lifetime, grantedScopes, queues,
                restrictedQueues, routingFaults, crmFaults, authTimeout, seed, maxRecordedCalls);
    }

    public SandboxSettings withGrantedScopes(Set<String> scopes) {
        return new SandboxSettings(port, clientId, clientSecret, tokenLifetime, scopes, queues,
                restrictedQueues, routingFaults, crmFaults, authTimeout, seed, maxRecordedCalls);
    }

    public SandboxSettings withQueues(Set<String> known) {
        return new SandboxSettings(port, clientId, clientSecret, tokenLifetime, grantedScopes, known,
                restrictedQueues, routingFaults, crmFaults, authTimeout, seed, maxRecordedCalls);
    }

    public SandboxSettings withRestrictedQueues(Set<String> restricted) {
        return new SandboxSettings(port, clientId, clientSecret, tokenLifetime, grantedScopes, queues,
                restricted, routingFaults, crmFaults, authTimeout, seed, maxRecordedCalls);
    }

    public SandboxSettings withRoutingFaults(FaultSettings faults) {
        return new SandboxSettings(port, clientId, clientSecret, tokenLifetime, grantedScopes, queues,
                restrictedQueues, faults, crmFaults, authTimeout, seed, maxRecordedCalls);
    }

    public SandboxSettings withCrmFaults(FaultSettings faults) {
        return new SandboxSettings(port, clientId, clientSecret, tokenLifetime, grantedScopes, queues,
                restrictedQueues, routingFaults, faults, authTimeout, seed, maxRecordedCalls);
    }

    public SandboxSettings withAuthTimeout(Duration timeout) {
        return new SandboxSettings(port, clientId, clientSecret, tokenLifetime, grantedScopes, queues,
                restrictedQueues, routingFaults, crmFaults, timeout, seed, maxRecordedCalls);
    }

    public SandboxSettings withSeed(long s) {
        return new SandboxSettings(port, clientId, clientSecret, tokenLifetime, grantedScopes, queues,
                restrictedQueues, routingFaults, crmFaults, authTimeout, s, maxRecordedCalls);
    }

    public SandboxSettings withMaxRecordedCalls(int max) {
        return new SandboxSettings(port, clientId, clientSecret, tokenLifetime, grantedScopes, queues,
                restrictedQueues, routingFaults, crmFaults, authTimeout, seed, max);
    }

    @Override
    public String toString() {
        return "SandboxSettings[port=" + port + ", clientId=" + clientId + ", clientSecret=******, tokenLifetime="
                + tokenLifetime + ", grantedScopes=" + grantedScopes + ", queues=" + queues + ", restrictedQueues="
                + restrictedQueues + ", routingFaults=" + routingFaults + ", crmFaults=" + crmFaults + "]";
    }
}
