package io.guestgateway.cxone.ws;

import io.guestgateway.cxone.TlsTrust;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.TrustOptions;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How the subscription's Vert.x client reaches CXone, in one place so the TLS rules are easy to
 * check: {@code wss://} means TLS (port 443 unless the URL names one), the certificate chain is
 * checked against the JVM's default trust store or the configured one, and the host name is
 * checked against the certificate. Vert.x can switch either check off; nothing here ever does.
 */
public final class CxoneWsClientOptions {

    private CxoneWsClientOptions() {
    }

    public static boolean tls(URI wsUrl) {
        return "wss".equalsIgnoreCase(wsUrl.getScheme());
    }

    /** The URL's port, else 443 for wss and 80 for ws. */
    public static int port(URI wsUrl) {
        return wsUrl.getPort() > 0 ? wsUrl.getPort() : tls(wsUrl) ? 443 : 80;
    }

    /** Path and query as sent in the upgrade request. */
    public static String requestUri(URI wsUrl) {
        String path = wsUrl.getRawPath() == null || wsUrl.getRawPath().isEmpty() ? "/" : wsUrl.getRawPath();
        return wsUrl.getRawQuery() == null ? path : path + "?" + wsUrl.getRawQuery();
    }

    /** The client: frame limits, connect timeout and TLS with both checks on. */
    public static WebSocketClientOptions client(URI wsUrl, TlsTrust trust, int maxFrameSize, Duration connectTimeout) {
        int connectMillis = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
        WebSocketClientOptions options = new WebSocketClientOptions()
                .setMaxFrameSize(maxFrameSize)
                .setMaxMessageSize(maxFrameSize)
                .setConnectTimeout(connectMillis)
                // a peer that never answers our close frame is cut off after this (whole seconds)
                .setClosingTimeout((int) Math.max(1, connectTimeout.toSeconds()))
                .setSsl(tls(wsUrl))
                .setTrustAll(false)
                .setVerifyHost(true)
                // a peer that accepts TCP but stalls the handshake must not hold the attempt forever
                .setSslHandshakeTimeout(connectMillis)
                .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS);
        if (trust.custom()) {
            options.setTrustOptions(TrustOptions.wrap(trust.trustManagerFactory()));
        }
        return options;
    }

    /** One connection attempt: host, port, TLS and path from the URL; {@code timeout} bounds connect and upgrade. */
    public static WebSocketConnectOptions connect(URI wsUrl, Duration timeout) {
        long millis = timeout.toMillis();
        return new WebSocketConnectOptions()
                .setHost(wsUrl.getHost()).setPort(port(wsUrl)).setSsl(tls(wsUrl))
                .setURI(requestUri(wsUrl)).setConnectTimeout(millis).setTimeout(millis);
    }
}
