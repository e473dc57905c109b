package io.guestgateway.cxone.ws;

import io.guestgateway.cxone.AccessTokens;
import io.guestgateway.cxone.TlsTrust;
import java.net.URI;
import java.time.Duration;

/**
 * The Camel options of a {@code cxone-ws} subscription (not a Spring configuration). {@link CxoneWsComponent} holds the defaults; each endpoint gets a
 * copy with its URI parameters bound onto it (Camel property binding, so {@code #bean:name} works).
 */
public class CxoneWsEndpointOptions implements Cloneable {

    private String wsUrl;
    private int maxFrameSize = 1024 * 1024;
    private Duration reconnectInitialDelay = Duration.ofSeconds(1);
    private Duration reconnectMaxDelay = Duration.ofSeconds(30);
    private Duration heartbeatInterval = Duration.ofSeconds(20);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private int concurrentConsumers = 4;
    private int maxPending = 1000;
    private AccessTokens accessTokens;
    private TlsTrust tlsTrust;

    public CxoneWsEndpointOptions copy() {
        try {
            return (CxoneWsEndpointOptions) clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    SubscriptionSettings toSettings() {
        return new SubscriptionSettings(wsUrl == null ? null : URI.create(wsUrl), maxFrameSize, reconnectInitialDelay,
                reconnectMaxDelay, heartbeatInterval, connectTimeout, concurrentConsumers, maxPending);
    }

    /** Whom wss:// trusts; ws:// ignores it. Unset: the JVM's default CAs. */
    TlsTrust toTlsTrust() {
        return tlsTrust != null ? tlsTrust : TlsTrust.jvmDefault(TlsTrust.CXONE_KEY);
    }

    public String getWsUrl() {
        return wsUrl;
    }

    public void setWsUrl(String wsUrl) {
        this.wsUrl = wsUrl;
    }

    public int getMaxFrameSize() {
        return maxFrameSize;
    }

    public void setMaxFrameSize(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    public Duration getReconnectInitialDelay() {
        return reconnectInitialDelay;
    }

    public void setReconnectInitialDelay(Duration reconnectInitialDelay) {
        this.reconnectInitialDelay = reconnectInitialDelay;
    }

    public Duration getReconnectMaxDelay() {
        return reconnectMaxDelay;
    }

    public void setReconnectMaxDelay(Duration reconnectMaxDelay) {
        this.reconnectMaxDelay = reconnectMaxDelay;
    }

    public Duration getHeartbeatInterval() {
        return heartbeatInterval;
    }

    public void setHeartbeatInterval(Duration heartbeatInterval) {
        this.heartbeatInterval = heartbeatInterval;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public int getConcurrentConsumers() {
        return concurrentConsumers;
    }

    public void setConcurrentConsumers(int concurrentConsumers) {
        this.concurrentConsumers = concurrentConsumers;
    }

    public int getMaxPending() {
        return maxPending;
    }

    public void setMaxPending(int maxPending) {
        this.maxPending = maxPending;
    }

    public AccessTokens getAccessTokens() {
        return accessTokens;
    }

    public void setAccessTokens(AccessTokens accessTokens) {
        this.accessTokens = accessTokens;
    }

    /** Whom wss:// trusts (a bean, e.g. {@code #bean:cxoneTls}); unset: the JVM's default CAs. */
    public TlsTrust getTlsTrust() {
        return tlsTrust;
    }

    public void setTlsTrust(TlsTrust tlsTrust) {
        this.tlsTrust = tlsTrust;
    }
}
