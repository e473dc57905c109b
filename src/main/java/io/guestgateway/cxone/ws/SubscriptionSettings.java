package io.guestgateway.cxone.ws;

import java.net.URI;
import java.time.Duration;

/**
 * Validated settings of one subscription, made from {@link CxoneWsEndpointOptions} when an endpoint
 * starts. The connection counts as stable (and the backoff starts over) once it has been
 * authenticated for {@code reconnectMaxDelay}.
 */
record SubscriptionSettings(URI wsUrl, int maxFrameSize, Duration reconnectInitialDelay, Duration reconnectMaxDelay,
        Duration heartbeatInterval, Duration connectTimeout, int concurrentConsumers, int maxPending) {

    SubscriptionSettings {
        if (wsUrl == null || wsUrl.getHost() == null
                || !("ws".equalsIgnoreCase(wsUrl.getScheme()) || "wss".equalsIgnoreCase(wsUrl.getScheme()))) {
            throw new IllegalArgumentException("cxone-ws: wsUrl must be a ws:// or wss:// URL with a host, got "
                    + (wsUrl == null ? "none" : "'" + wsUrl + "'"));
        }
        positive(maxFrameSize, "maxFrameSize");
        positive(concurrentConsumers, "concurrentConsumers");
        positive(maxPending, "maxPending");
        positive(reconnectInitialDelay, "reconnectInitialDelay");
        positive(reconnectMaxDelay, "reconnectMaxDelay");
        positive(heartbeatInterval, "heartbeatInterval");
        positive(connectTimeout, "connectTimeout");
        if (reconnectMaxDelay.compareTo(reconnectInitialDelay) < 0) {
            throw new IllegalArgumentException("cxone-ws: reconnectMaxDelay must not be below reconnectInitialDelay");
        }
    }

    boolean ssl() {
        return CxoneWsClientOptions.tls(wsUrl);
    }

    int port() {
        return CxoneWsClientOptions.port(wsUrl);
    }

    /** Path and query as sent in the upgrade request. */
    String requestUri() {
        return CxoneWsClientOptions.requestUri(wsUrl);
    }

    /** No pong (nor any frame) for this long: the link is dead even if TCP has not noticed. */
    Duration pongTimeout() {
        return heartbeatInterval.multipliedBy(2);
    }

    Duration stableAfter() {
        return reconnectMaxDelay;
    }

    private static void positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException("cxone-ws: " + name + " must be positive, got " + value);
        }
    }

    private static void positive(Duration value, String name) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("cxone-ws: " + name + " must be a positive duration, got " + value);
        }
    }
}
